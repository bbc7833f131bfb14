"""Which queries readers type, and which found nothing (the editors' report reads these)."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH

from cms import text
from search.models import ZeroResultHits


def query_key(value: str) -> str:
    """The form a query is counted and promoted under: normalized, lower case, single spaces."""
    return " ".join(text.normalize(value).lower().split())[:MAX_QUERY_STRING_LENGTH].strip()


def record(value: str, total: int) -> Query | None:
    """Count one search for ``value`` (Wagtail's daily hits) and, if it found nothing, that too."""
    key = query_key(value)
    if not key:
        return None
    query, _ = Query.objects.get_or_create(query_string=key)
    query.add_hit()
    if total == 0:
        hits, _ = ZeroResultHits.objects.get_or_create(query=query, date=timezone.localdate())
        ZeroResultHits.objects.filter(pk=hits.pk).update(hits=F("hits") + 1)
    return query
