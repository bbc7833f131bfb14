"""What an anonymous reader may see: live, public and not past its expiry, at this moment.

Wagtail unpublishes an expired page only when ``publish_scheduled`` runs; until then it is still
``live``. Every public listing, feed, sitemap and the page route go through ``visible()``, so a
page is gone at ``expire_at`` whether or not a scheduler runs (issue 17.6).

``PageQuerySet.public()`` reads every view restriction of the site on each call (one query each
time a listing is built). Most portals have none: the set of restricted paths is kept in the
cache (invalidated when a restriction changes), so ``visible()`` costs no query for it when warm.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone

from wagtail.models import PageViewRestriction

RESTRICTIONS_KEY = "cms:view-restrictions"


def unexpired_q(prefix: str = "") -> Q:
    """Pages without an expiry, or whose expiry is still ahead."""
    now = timezone.now()
    return Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": now})


def restricted_paths() -> list[str]:
    """Tree paths of the pages that carry a view restriction (cached; one query when cold)."""
    paths = cache.get(RESTRICTIONS_KEY)
    if paths is None:
        paths = sorted(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(RESTRICTIONS_KEY, paths, None)
    return paths


def forget_restrictions(**kwargs) -> None:
    """Signal receiver: a view restriction changed (or a page moved); re-read them next time."""
    cache.delete(RESTRICTIONS_KEY)


def public(queryset: QuerySet) -> QuerySet:
    """``queryset.public()`` without its query: pages under no view restriction."""
    paths = restricted_paths()
    for path in paths:
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def visible(queryset: QuerySet) -> QuerySet:
    """Live, public, unexpired pages of ``queryset``: what a listing may show."""
    return public(queryset.live().filter(unexpired_q()))


def is_expired(page) -> bool:
    expire_at = getattr(page, "expire_at", None)
    return expire_at is not None and expire_at <= timezone.now()
