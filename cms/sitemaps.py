"""``/sitemap.xml``: a sitemap index over one section per kind of content.

Page models declare their section (``sitemap_section``, ``cms.pages``); pages of no section are
listed in ``sitemap-trang.xml``.

The sitemaps protocol allows 50,000 URLs per file; each section is cut into files of
``PAGE_LIMIT`` URLs (``sitemap-tin-tuc.xml?p=2`` …), so a portal of 100,000 articles stays valid.
Locations use the host the crawler asked for, like the canonical links of the pages.

Pages of every language are listed (the English tree is a translation of the site's root, under
/en/); a page that has a translation carries ``<xhtml:link rel="alternate" hreflang>`` for each
language and ``x-default`` (the Vietnamese version), as the pages' own ``hreflang`` links do:
one query per sitemap file finds the translations of its pages.

Bounded work per view: a section's size, its newest ``lastmod`` and the first ``path`` of each
of its files (its *summary*) are read in one pass and kept in the shared cache until a page is
saved, published, unpublished, moved or deleted (``cms.cache.signals`` bumps the sitemap
generation; ``purge_all`` and the importer retire it too) or the next scheduled expiry. The index
then costs one cache read per section, and file ``p`` reads its 1,000 rows from its first path
on (keyset, no ``OFFSET``). The pass (about half a second at 100,000 articles) is paid once
after a change, not on every view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Q, QuerySet

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from cms.cache import keys
from cms.cache.middleware import timeout
from cms.cache.purge import seconds_to_next_expiry
from cms.pages import OTHER_PAGES, sitemap_sections
from cms.visibility import visible

# 1,000 URLs a file: a file costs the same at 1,000 and 100,000 articles (each URL is built
# from its specific page; 10,000 a file took 10 s to render at 100,000 articles).
PAGE_LIMIT = 1_000
# Bumped on every page change (cms.cache.signals): retires every section's summary at once.
GENERATION = f"{keys.PREFIX}:gen:sitemaps"  # cms.cache.purge.forget_sitemaps bumps it


@dataclass(frozen=True)
class Summary:
    """What the index and the files need of a section, read in one pass."""

    count: int
    lastmod: dt.datetime | None
    starts: tuple[str, ...]  # the first ``path`` of each file


class KeysetPaginator:
    """Files of ``PAGE_LIMIT`` pages each, each read from its first path (no ``OFFSET``)."""

    def __init__(self, sitemap: SectionSitemap, summary: Summary) -> None:
        self.sitemap, self.summary = sitemap, summary

    @property
    def num_pages(self) -> int:
        return max(1, len(self.summary.starts))

    @property
    def count(self) -> int:
        return self.summary.count

    def page(self, number: int | str) -> Any:
        raw = str(number)
        if not raw.isdigit():
            raise PageNotAnInteger("Số trang không hợp lệ.")
        index = int(raw) - 1
        if index < 0 or index >= len(self.summary.starts):
            raise EmptyPage("Trang không có mục nào.")
        items = self.sitemap.items().filter(path__gte=self.summary.starts[index])
        return _Page(items[: self.sitemap.limit])


@dataclass
class _Page:
    object_list: QuerySet[Page]


class SectionSitemap(Sitemap):
    """Live public pages of the site that fall in one section (``rest`` = none of the others)."""

    limit = PAGE_LIMIT
    section: str = OTHER_PAGES.name

    def pages(self) -> QuerySet[Page]:
        root = self.get_wagtail_site().root_page
        trees = Q()
        for path in root.get_translations(inclusive=True).values_list("path", flat=True):
            trees |= Q(path__startswith=path)
        pages = visible(Page.objects.filter(trees))
        sections = sitemap_sections()
        if self.section in sections:
            return pages.filter(sections[self.section])
        for condition in sections.values():
            pages = pages.exclude(condition)
        return pages

    def items(self) -> QuerySet[Page]:
        return self.pages().order_by("path").defer_streamfields().specific()

    def summary(self) -> Summary:
        """This section's summary, from the shared cache (one pass over it when missing)."""
        site = self.get_wagtail_site()
        generations = keys.current([keys.ALL, GENERATION])
        key = (f"{keys.PREFIX}:sitemap:{generations[keys.ALL]}:{generations[GENERATION]}:"
               f"{site.pk}:{self.section}")
        found = cache.get(key)
        if found is None:
            found = self._read_summary()
            lifetime = timeout()
            to_expiry = seconds_to_next_expiry()
            if to_expiry is not None:
                lifetime = min(lifetime, int(to_expiry))
            if lifetime >= 1:
                cache.set(key, found, lifetime)
        return found

    def _read_summary(self) -> Summary:
        count, lastmod, starts = 0, None, []
        rows = self.pages().order_by("path").values_list("path", "last_published_at")
        for path, published in rows.iterator(chunk_size=5_000):
            if count % self.limit == 0:
                starts.append(path)
            count += 1
            if published is not None and (lastmod is None or published > lastmod):
                lastmod = published
        return Summary(count, lastmod, tuple(starts))

    def has_pages(self) -> bool:
        return self.summary().count > 0

    @property
    def paginator(self) -> KeysetPaginator:
        return KeysetPaginator(self, self.summary())

    def get_latest_lastmod(self) -> dt.datetime | None:
        return self.summary().lastmod

    def _urls(self, page: int, protocol: str, domain: str) -> list[dict[str, Any]]:
        # Wagtail's own loop (each page gives its sitemap URLs), remembering which page gave
        # its first URL (the page itself; more are routable sub-pages) for the alternates.
        urls, last_mods, pages = [], set(), []
        for item in self.paginator.page(page).object_list.iterator():
            for n, url_info in enumerate(item.get_sitemap_urls(self.request)):
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
                if n == 0:
                    pages.append((item, url_info))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        site_root = self.get_wagtail_site().root_url.rstrip("/")
        if self.request is not None and site_root:
            here = f"{self.request.scheme}://{self.request.get_host()}"
            for info in urls:
                if info["location"].startswith(site_root + "/"):
                    info["location"] = here + info["location"][len(site_root) :]
        self._add_alternates(pages)
        return urls

    def _add_alternates(self, pages: list[tuple[Page, dict[str, Any]]]) -> None:
        """``alternates`` (Django's sitemap template writes them as ``xhtml:link``) for every
        page of this file that exists in another language: one query for all of them."""
        keys = {item.translation_key for item, _ in pages}
        versions: dict[Any, dict[str, str]] = {}
        translations = (
            visible(Page.objects.filter(translation_key__in=keys))
            .select_related("locale")
            .only("id", "path", "depth", "url_path", "translation_key", "locale__language_code")
        )
        located = {item.pk: info["location"] for item, info in pages}
        for page in translations:
            location = located.get(page.pk) or self._absolute(page)
            if location:
                versions.setdefault(page.translation_key, {})[page.locale.language_code] = location
        for item, info in pages:
            found = versions.get(item.translation_key, {})
            if len(found) < 2:
                continue
            alternates = [
                {"lang_code": language, "location": location}
                for language, location in sorted(found.items())
            ]
            default = found.get(settings.LANGUAGE_CODE) or alternates[0]["location"]
            alternates.append({"lang_code": "x-default", "location": default})
            info["alternates"] = alternates

    def _absolute(self, page: Page) -> str:
        url = page.get_url(self.request)
        if not url:
            return ""
        if url.startswith("/") and self.request is not None:
            return self.request.build_absolute_uri(url)
        return url


def _section(name: str) -> type[SectionSitemap]:
    return type(f"SectionSitemap_{name.replace('-', '_')}", (SectionSitemap,), {"section": name})


def section_sitemaps() -> dict[str, type[SectionSitemap]]:
    """One sitemap per section the page models declare (``cms.pages``), other pages first."""
    return {name: _section(name) for name in (OTHER_PAGES.name, *sitemap_sections())}
