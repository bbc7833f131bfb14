"""Which queries readers type, and which found nothing (the editors' report reads these).

Anonymous visitors write here, so what they can write is bounded (``search.tuning``): long
queries are not logged, each address is counted a limited number of times an hour, a limited
number of new queries is added a day, and counts older than ``SEARCH_LOG_DAYS`` are deleted.
The rates are kept in Django's cache (Redis in production: shared by every worker).
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH

from cms import text
from search.models import ZeroResultHits
from search.tuning import setting

_DAY = 24 * 60 * 60


def query_key(value: str) -> str:
    """The form a query is counted and promoted under: normalized, lower case, single spaces."""
    return " ".join(text.normalize(value).lower().split())[:MAX_QUERY_STRING_LENGTH].strip()


def _within(key: str, limit: int, timeout: int) -> bool:
    """Count one more event under ``key`` (kept ``timeout`` seconds): is it within ``limit``?"""
    cache.add(key, 0, timeout)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout)
        count = 1
    return count <= limit


def prune(today: dt.date | None = None) -> None:
    """Delete the daily counts older than ``SEARCH_LOG_DAYS``, then the queries left with no
    count and no promotion (Wagtail's own garbage collection of its query log)."""
    today = today or timezone.localdate()
    oldest = today - dt.timedelta(days=setting("SEARCH_LOG_DAYS") - 1)
    ZeroResultHits.objects.filter(date__lt=oldest).delete()
    QueryDailyHits.objects.filter(date__lt=oldest).delete()
    Query.garbage_collect()


def record(value: str, total: int, request: HttpRequest | None = None) -> Query | None:
    """Count one search for ``value`` (Wagtail's daily hits) and, if it found nothing, that
    too; nothing when the query or the visitor is over a bound (module doc)."""
    key = query_key(value)
    if not key or len(key) > setting("SEARCH_LOG_MAX_CHARS"):
        return None
    now = timezone.localtime()
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    hour = now.strftime("%Y%m%d%H")
    if not _within(f"search-log:address:{address}:{hour}",
                   setting("SEARCH_LOG_PER_ADDRESS_PER_HOUR"), 60 * 60):
        return None
    if cache.add(f"search-log:pruned:{now.date()}", 1, _DAY):
        prune(now.date())
    query = Query.objects.filter(query_string=key).first()
    if query is None:
        if not _within(f"search-log:new:{now.date()}",
                       setting("SEARCH_LOG_NEW_QUERIES_PER_DAY"), _DAY):
            return None
        query, _ = Query.objects.get_or_create(query_string=key)
    query.add_hit(date=now.date())
    if total == 0:
        hits, _ = ZeroResultHits.objects.get_or_create(query=query, date=now.date())
        ZeroResultHits.objects.filter(pk=hits.pk).update(hits=F("hits") + 1)
    return query
