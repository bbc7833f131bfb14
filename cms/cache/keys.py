"""Cache keys: one per path and declared query, under two generation counters.

A stored page is found under ``pc:<all>:<path gen>:<host><path>?<query>``. Purging a path bumps
its generation (every query variant of it, ``?page=2`` included, is gone at once); purging
everything bumps ``all``. Old entries are never read again and expire by their timeout. Both
counters are read in one ``get_many`` (one round trip to Redis).

Query strings are normalised: tracking parameters (``utm_*``, ``fbclid``, ``gclid``…) are
dropped, the rest sorted. A response is stored only when every remaining parameter is one the
page declared (``cache_params``) with a short value, so junk parameters cannot grow the cache:
such requests are answered uncached.
"""

from __future__ import annotations

import hashlib
import time
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import translation

PREFIX = "pc"
ALL = f"{PREFIX}:gen:*"
TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "yclid", "_ga", "mc_cid", "mc_eid"})
MAX_VALUE_LENGTH = 64
MAX_PARAMS = 8


def is_tracking(name: str) -> bool:
    return name.startswith("utm_") or name in TRACKING


def query_items(request: HttpRequest) -> list[tuple[str, str]]:
    """The request's parameters without tracking ones, sorted (the key's query part)."""
    return sorted(
        (name, value)
        for name, values in request.GET.lists()
        if not is_tracking(name)
        for value in values
    )


def storable_query(items: list[tuple[str, str]], declared: tuple[str, ...]) -> bool:
    """True when the query is one the page declared: known names, short values, few of them."""
    return len(items) <= MAX_PARAMS and all(
        name in declared and len(value) <= MAX_VALUE_LENGTH for name, value in items
    )


def gen_key(path: str) -> str:
    digest = hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()
    return f"{PREFIX}:gen:{digest}"


def page_key(request: HttpRequest, items: list[tuple[str, str]]) -> str:
    """The key of this request's stored page under the current generations."""
    path = request.path
    generations = current([ALL, gen_key(path)])
    raw = "|".join(
        [
            str(generations.get(ALL, 0)),
            str(generations.get(gen_key(path), 0)),
            request.get_host().lower(),
            translation.get_language_from_request(request),
            request.method == "HEAD" and "GET" or request.method,
            path,
            urlencode(items),
        ]
    )
    return f"{PREFIX}:page:{hashlib.sha256(raw.encode()).hexdigest()}"


def current(keys: list[str]) -> dict[str, int]:
    """Generations of ``keys``; a missing one (never set, or evicted) starts at a fresh value,
    never at one an older entry was stored under."""
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, time.time_ns(), None)
    if missing:
        found.update(cache.get_many(missing))
        # A cache that is down keeps nothing: a generation of this instant, under which nothing
        # was ever stored, answers the request uncached instead of failing it.
        for key in missing:
            found.setdefault(key, time.time_ns())
    return found


def bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), None)
