"""What to purge when content changes, and doing it (the page cache here, the CDN if any).

- A page published, unpublished, edited and published, or deleted: the page's own URL, its
  ancestors (the listings it sits in, the home page), the sitemap, the readers' site map if it
  lists the page (``cms.site_map.shows``), and whatever its app
  registered for it (``register``: the news app adds the article's category, its archive month
  and year, and the feeds). Editor-chosen related articles that show it are its app's too.
- A page moved or renamed (its URL and every descendant's change), a page in the main menu, a
  view restriction, banners, site settings, unit sites, an import: everything (``purge_all``);
  these are rare, and exact lists would be long.
- Scheduled expiry needs no event: no stored page outlives the next expiry of a live page
  (``seconds_to_next_expiry``), whether or not a scheduler runs.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone

from wagtail.models import Page, Site

from cms import site_map

from . import keys

logger = logging.getLogger(__name__)

NEXT_EXPIRY_KEY = "pc:next-expiry"
# Paths of cms's own views that list pages.
SITE_WIDE_PATHS = ("/sitemap.xml",)
_registry: list[tuple[type, Callable[[Page], Iterable[str]]]] = []


def register(model: type, urls: Callable[[Page], Iterable[str]]) -> None:
    """Content apps say which other URLs (paths or absolute) show a page of ``model``."""
    _registry.append((model, urls))


def related_urls(page: Page) -> list[str]:
    found: list[str] = []
    for model, urls in _registry:
        if isinstance(page, model):
            try:
                found.extend(urls(page))
            except Exception:  # a purge must never break a publish  # noqa: BLE001
                logger.exception("Purge list of %s failed", page)
    return found


def page_urls(page: Page) -> list[str]:
    """The page, its ancestors, its versions in the other languages (their language switcher
    and hreflang links name it), the sitemap files, and what its app registered."""
    urls: list[str] = []
    for ancestor in page.get_ancestors(inclusive=True).filter(depth__gt=1):
        url = ancestor.get_url()
        if url:
            urls.append(url)
    for version in page.get_translations():
        url = version.get_url()
        if url:
            urls.append(url)
    urls += [*SITE_WIDE_PATHS, *sitemap_paths(), *related_urls(page.specific)]
    if site_map.shows(page):  # a section or an index: the readers' site map lists it
        urls.append(site_map.PATH)
    return list(dict.fromkeys(urls))


def sitemap_paths() -> list[str]:
    from cms.sitemaps import section_sitemaps

    return [f"/sitemap-{name}.xml" for name in section_sitemaps()]


def _path(url: str) -> str:
    """The path of a URL given as a path or absolute."""
    return urlsplit(url).path or "/"


def purge_urls(urls: Iterable[str]) -> None:
    """Purge these URLs (paths or absolute; every query variant) here and at the CDN."""
    urls = list(dict.fromkeys(urls))
    for url in urls:
        keys.bump(keys.gen_key(_path(url)))
    cache.delete(NEXT_EXPIRY_KEY)
    frontend_purge(urls)


def purge_page(page: Page) -> None:
    purge_urls(page_urls(page))


def forget_sitemaps() -> None:
    """Retire the sitemaps' kept section summaries (``cms.sitemaps.GENERATION``)."""
    keys.bump(f"{keys.PREFIX}:gen:sitemaps")


def purge_all() -> None:
    keys.bump(keys.ALL)
    cache.delete(NEXT_EXPIRY_KEY)
    frontend_purge_all()


def seconds_to_next_expiry() -> float | None:
    """Seconds until the next live page expires (None: none will); cached until then."""
    value = cache.get(NEXT_EXPIRY_KEY)
    now = timezone.now()
    if value is None:
        nearest = (
            Page.objects.filter(expire_at__isnull=False, expire_at__gt=now, live=True)
            .aggregate(nearest=Min("expire_at"))["nearest"]
        )
        value = nearest.timestamp() if nearest else math.inf
        lifetime = None if nearest is None else max(1, int(value - now.timestamp()))
        cache.set(NEXT_EXPIRY_KEY, value, lifetime)
    if value == math.inf:
        return None
    return max(0.0, value - now.timestamp())


# --- The CDN (wagtail.contrib.frontend_cache) -----------------------------------------------


def _frontend_enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _absolute(urls: Iterable[str]) -> list[str]:
    roots = [site.root_url.rstrip("/") for site in Site.objects.all() if site.root_url]
    result = []
    for url in urls:
        if "://" in url:
            result.append(url)
        else:
            result += [root + url for root in roots]
    return result


def frontend_purge(urls: Iterable[str]) -> None:
    if not _frontend_enabled():
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(_absolute(urls))
    except Exception:  # noqa: BLE001 - the CDN being down must not stop a publish
        logger.exception("CDN purge failed")


def frontend_purge_all() -> None:
    """Everything at the CDN: its wildcard where it has one (CloudFront ``/*``); elsewhere the
    CDN keeps a page at most ``PAGE_CACHE_CDN_MAX_AGE`` seconds (README)."""
    if not _frontend_enabled():
        return
    frontend_purge(["/*"] if _uses_cloudfront() else ["/"])


def _uses_cloudfront() -> bool:
    backends = getattr(settings, "WAGTAILFRONTENDCACHE", {}) or {}
    return any("cloudfront" in b.get("BACKEND", "").lower() for b in backends.values())
