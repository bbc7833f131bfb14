"""``/gioi-thieu/``: the ministry's functions and tasks, its organisation chart and its focal
points; ``/gioi-thieu/lanh-dao-bo/``: its leaders. Both read the one unit model
(``home.models.units``) and the leader snippets; both exist in each language (the English pages
are Wagtail translations of the Vietnamese ones, in the /en/ tree)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from cms import metadata, text
from cms.models import BasePage
from cms.templatetags.responsive import prefetch_renditions

from .leaders import FocalPoint, Leader
from .units import UnitSite, shown_units, unit_tree


def _unit_json_ld(unit: UnitSite, language: str) -> dict[str, Any]:
    data = {
        "@type": "GovernmentOrganization",
        "name": unit.name_in(language),
        "url": unit.url or "",
        "telephone": unit.phone,
        "email": unit.email,
        "address": unit.address,
        "subOrganization": [_unit_json_ld(child, language) for child in unit.tree_children],
    }
    return metadata.without_empty(data)


class OrganisationPage(BasePage):
    """Chức năng, nhiệm vụ; cơ cấu tổ chức (sơ đồ từ danh sách đơn vị); đầu mối liên hệ."""

    intro = RichTextField("Giới thiệu", blank=True, help_text="Đoạn mở đầu của trang.")
    functions = RichTextField(
        "Chức năng, nhiệm vụ và quyền hạn", blank=True,
        help_text="Theo nghị định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức "
        "của Bộ.",
    )
    structure_note = RichTextField(
        "Ghi chú về cơ cấu tổ chức", blank=True,
        help_text="Hiện trên sơ đồ tổ chức. Các đơn vị sửa ở mục Cổng thông tin › Đơn vị.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("functions"),
        FieldPanel("structure_note"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.LeadersPage", "home.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Trang giới thiệu (cơ cấu tổ chức)"
        verbose_name_plural = "Trang giới thiệu (cơ cấu tổ chức)"

    def get_meta_description(self) -> str:
        return metadata.describe(self.search_description, self.intro, self.functions)

    def units(self) -> list[UnitSite]:
        """The chart: the units as a tree, one query (memoised for the page and its JSON-LD)."""
        if not hasattr(self, "_units"):
            self._units = unit_tree()
        return self._units

    def focal_points(self) -> list[FocalPoint]:
        return list(FocalPoint.objects.filter(live=True))

    def get_json_ld(self, request: HttpRequest) -> dict[str, Any]:
        """schema.org ``GovernmentOrganization``: the ministry with its units as
        ``subOrganization`` (nested as in the chart) and its focal points as ``contactPoint``."""
        language = text.language()
        org = metadata.organization(request)
        org["@context"] = "https://schema.org"
        org["subOrganization"] = [_unit_json_ld(unit, language) for unit in self.units()]
        org["contactPoint"] = [
            metadata.without_empty({
                "@type": "ContactPoint",
                "name": point.name,
                "contactType": point.in_language("responsibility", language),
                "telephone": point.phone,
                "email": point.email,
            })
            for point in self.focal_points()
        ]
        return metadata.without_empty(org)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["language"] = text.language()
        context["units"] = self.units()
        context["focal_points"] = self.focal_points()
        return context


class LeadersPage(BasePage):
    """Lãnh đạo Bộ: the current leaders in order of rank, then those of past terms."""

    intro = RichTextField("Giới thiệu", blank=True, help_text="Đoạn mở đầu của trang.")

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    template = "home/organisation_leaders.html"
    parent_page_types = ["home.OrganisationPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Trang lãnh đạo Bộ"
        verbose_name_plural = "Trang lãnh đạo Bộ"

    def get_meta_description(self) -> str:
        return metadata.describe(self.search_description, self.intro)

    def leaders(self) -> list[Leader]:
        """Published leaders with their photo and the units in charge: three queries, plus one
        for the renditions of every photo."""
        if not hasattr(self, "_leaders"):
            self._leaders = list(
                Leader.objects.filter(live=True)
                .select_related("photo")
                .prefetch_related(
                    Prefetch("units", queryset=shown_units().order_by("order", "name"))
                )
            )
            prefetch_renditions(leader.photo for leader in self._leaders)
        return self._leaders

    def get_json_ld(self, request: HttpRequest) -> dict[str, Any]:
        """The ministry with its current leaders as schema.org ``Person`` with ``jobTitle``."""
        language = text.language()
        org = metadata.organization(request)
        org["@context"] = "https://schema.org"
        org["employee"] = [
            metadata.without_empty({
                "@type": "Person",
                "name": leader.name,
                "jobTitle": leader.in_language("title", language),
                "image": leader.photo.get_rendition("fill-240x300").url if leader.photo else "",
            })
            for leader in self.leaders()
            if leader.current
        ]
        return org

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        leaders = self.leaders()
        context["language"] = text.language()
        context["current_leaders"] = [leader for leader in leaders if leader.current]
        context["past_leaders"] = [leader for leader in leaders if not leader.current]
        return context
