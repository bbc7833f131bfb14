"""What kind of page this is, as each page model declares it: the vocabulary and its registry.

Every page model of the portal (``cms.models.BasePage`` and its subclasses in the content apps)
is a ``PageKind``: it declares its search result type, its sitemap section, its meta description,
its picture and its structured data. The ``seo`` tags read the page; search and the sitemap ask
this module which models declared what, through Wagtail's own list of page models, so that none
of them names a content app.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.http import HttpRequest

from wagtail.images.models import AbstractImage
from wagtail.models import Page, get_page_models

from cms import metadata


class ResultType(models.TextChoices):
    """The kind of a search result (``type`` of the JSON search, DESIGN.md), in display order."""

    ARTICLE = "article", "Tin bài"
    PROCEDURE = "procedure", "Thủ tục hành chính"
    DOCUMENT = "document", "Văn bản"
    DISCLOSURE = "disclosure", "Công khai thông tin"
    QUESTION = "question", "Hỏi đáp"
    PAGE = "page", "Trang khác"


@dataclass(frozen=True)
class SitemapSection:
    """One file of the sitemap index, ``sitemap-<name>.xml``; ``order`` is its place there."""

    name: str
    order: int


# Every page that declares no section of its own.
OTHER_PAGES = SitemapSection("trang", 0)


class PageKind:
    """What a page says about itself, with the defaults of a plain page; mixed into
    ``cms.models.BasePage``, so every page type of the portal declares by overriding these."""

    # Its kind among search results; a type other than ``page`` gets its own filter.
    search_result_type: ClassVar[str] = ResultType.PAGE
    # The sitemap file that lists it.
    sitemap_section: ClassVar[SitemapSection] = OTHER_PAGES
    # Open Graph's ``og:type``: ``article`` pages also give their dates.
    open_graph_type: ClassVar[str] = "website"

    search_description: str

    def get_meta_description(self) -> str:
        """``<meta name="description">`` and JSON-LD's description: ~160 characters of text."""
        return metadata.describe(self.search_description)

    def get_meta_image(self) -> AbstractImage | None:
        """The picture of link previews and JSON-LD, if the page has one."""
        return None

    def get_open_graph_dates(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        """Published and modified times of an ``article`` (Open Graph's article:…_time)."""
        return None, None

    def get_json_ld(self, request: HttpRequest) -> dict[str, Any] | None:
        """The schema.org object that describes this page (emitted before its breadcrumbs)."""
        return None


def _declaring_models() -> list[type[Page]]:
    return [model for model in get_page_models() if issubclass(model, PageKind)]


def result_type_models() -> dict[str, list[type[Page]]]:
    """Result type → the page models that declared it (``page``, the default, left out)."""
    found: dict[str, list[type[Page]]] = {}
    for model in _declaring_models():
        if model.search_result_type != ResultType.PAGE:
            found.setdefault(str(model.search_result_type), []).append(model)
    return found


def result_type(page: Page) -> str:
    """The declared result type of a page; ``page`` for one that declares none."""
    return str(page.search_result_type) if isinstance(page, PageKind) else ResultType.PAGE.value


def sitemap_sections() -> dict[str, Q]:
    """Section name → the condition on a page's content type that puts it there, in index
    order; ``OTHER_PAGES`` (every page not in another section) has no condition of its own."""
    by_section: dict[SitemapSection, dict[str, list[str]]] = {}
    for model in _declaring_models():
        section = model.sitemap_section
        if section != OTHER_PAGES:
            apps = by_section.setdefault(section, {})
            apps.setdefault(model._meta.app_label, []).append(model._meta.model_name)
    sections: dict[str, Q] = {}
    for section in sorted(by_section, key=lambda s: (s.order, s.name)):
        condition = Q()
        for app_label, names in by_section[section].items():
            condition |= Q(content_type__app_label=app_label, content_type__model__in=names)
        sections[section.name] = condition
    return sections
