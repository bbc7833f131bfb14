"""``/sitemap.xml``: a sitemap index over one section per kind of content.

Page models declare their section (``sitemap_section``, ``cms.pages``); pages of no section are
listed in ``sitemap-trang.xml``.

The sitemaps protocol allows 50,000 URLs per file; each section is cut into files of
``PAGE_LIMIT`` URLs (``sitemap-tin-tuc.xml?p=2`` …), so a portal of 100,000 articles stays valid.
Locations use the host the crawler asked for, like the canonical links of the pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max, QuerySet

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
        pages = visible(Page.objects.descendant_of(root, inclusive=True))
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
        urls = super()._urls(page, protocol, domain)
        site_root = self.get_wagtail_site().root_url.rstrip("/")
        if self.request is not None and site_root:
            here = f"{self.request.scheme}://{self.request.get_host()}"
            for info in urls:
                if info["location"].startswith(site_root + "/"):
                    info["location"] = here + info["location"][len(site_root) :]
        return urls


def _section(name: str) -> type[SectionSitemap]:
    return type(f"SectionSitemap_{name.replace('-', '_')}", (SectionSitemap,), {"section": name})


def section_sitemaps() -> dict[str, type[SectionSitemap]]:
    """One sitemap per section the page models declare (``cms.pages``), other pages first."""
    return {name: _section(name) for name in (OTHER_PAGES.name, *sitemap_sections())}
