"""Values every page shows (the main menu, the news feed link), kept in the page cache's store
under its full-purge generation.

Rendering them costs a query and an ORM compile each on every uncached view; they change only
on events the page cache already purges everything for (a menu page published, unpublished,
moved, renamed or deleted; a view restriction). So a fragment is stored under the ``all``
generation: ``purge_all`` retires it with every page, and its lifetime is bounded by the next
scheduled expiry, like a page's. Off when the page cache is off (tests change content without
signals and expect the change on the next render). The article body is never a fragment: that
is the page cache's job.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from cms import text

from . import keys
from .middleware import timeout
from .purge import seconds_to_next_expiry

T = TypeVar("T")
_MISSING = object()


def enabled() -> bool:
    return bool(settings.PAGE_CACHE_ENABLED)


def shared(name: str, request: HttpRequest | None, compute: Callable[[], T]) -> T:
    """``compute()``'s value for this host and language, from the cache until the next full
    purge (the English pages' menu is the English tree's, so the language is in the key)."""
    if not enabled() or request is None:
        return compute()
    generation = getattr(request, "_cms_fragment_generation", None)
    if generation is None:
        generation = keys.current([keys.ALL])[keys.ALL]
        request._cms_fragment_generation = generation
    host = request.get_host().lower()
    key = f"{keys.PREFIX}:frag:{generation}:{host}:{text.language()}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        lifetime = timeout()
        to_expiry = seconds_to_next_expiry()
        if to_expiry is not None:
            lifetime = min(lifetime, int(to_expiry))
        if lifetime >= 1:
            cache.set(key, value, lifetime)
    return value
