"""The search app's own settings, with their defaults: each bounds what one visitor can make the
site compute or store. Set any of them in Django's settings to change it.

The backend's bounds (probe, window, count cap, plan costs) are the backend's options instead,
in ``WAGTAILSEARCH_BACKENDS`` (``search.conf``, ``search.backend.VietnameseSearchBackend``).
"""

from __future__ import annotations

from django.conf import settings

DEFAULTS: dict[str, int] = {
    # A snippet is cut from this many first characters of each text a page may quote (the
    # stored HTML of rich text, block by block for a StreamField): a match further on is not
    # quoted, and a 27 MB body costs no more than a short one.
    "SEARCH_SNIPPET_SOURCE_CHARS": 20_000,
    # Queries longer than this (in characters, once normalised) are not logged: no reader
    # types them, and they would fill the editors' report.
    "SEARCH_LOG_MAX_CHARS": 100,
    # Searches logged per address (``REMOTE_ADDR``: behind a proxy, it must be the reader's
    # address) per hour; more are answered but not counted.
    "SEARCH_LOG_PER_ADDRESS_PER_HOUR": 60,
    # Queries never seen before that are logged per day, site-wide (each is a new row).
    "SEARCH_LOG_NEW_QUERIES_PER_DAY": 1_000,
    # Days of daily counts kept (the editors' reports read the last 30); older ones, and
    # queries left with no count and no promotion, are deleted once a day.
    "SEARCH_LOG_DAYS": 90,
}


def setting(name: str) -> int:
    """The value of one of ``DEFAULTS``, from Django's settings when set there."""
    return int(getattr(settings, name, DEFAULTS[name]))
