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
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Max, Q, QuerySet

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from cms.pages import OTHER_PAGES, sitemap_sections
from cms.visibility import visible

# 1,000 URLs a file: a file costs the same at 1,000 and 100,000 articles (each URL is built
# from its specific page; 10,000 a file took 10 s to render at 100,000 articles).
PAGE_LIMIT = 1_000



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

    def get_latest_lastmod(self) -> dt.datetime | None:
        # Django's default walks every item; one aggregate does the same.
        return self.pages().aggregate(latest=Max("last_published_at"))["latest"]

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
