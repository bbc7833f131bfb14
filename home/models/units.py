"""Websites of the ministry's units and enterprises: the sidebar jump menu and their directory."""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from cms import metadata, text
from cms.models import BasePage
from home.choices import KIND_CHOICES, UnitKind  # noqa: F401 - re-exported


class UnitSite(index.Indexed, models.Model):
    """A unit's or an enterprise's own portal (name, address, kind, order)."""

    name = models.CharField("Tên đơn vị", max_length=255, help_text="Tên đầy đủ của đơn vị.")
    url = models.URLField(
        "Địa chỉ trang web",
        max_length=500,
        unique=True,
        error_messages={"unique": "Địa chỉ này đã có trong danh sách."},
        help_text="Ví dụ: https://www.vibm.vn",
    )
    kind = models.CharField(
        "Loại", max_length=16, choices=UnitKind.choices, default=UnitKind.UNIT,
        help_text="Đơn vị thuộc Bộ hay doanh nghiệp.",
    )
    order = models.PositiveIntegerField(
        "Thứ tự", default=0, help_text="Số nhỏ đứng trước trong danh sách."
    )
    visible = models.BooleanField(
        "Hiển thị", default=True, help_text="Bỏ chọn để tạm ẩn khỏi trang."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("kind"),
        FieldPanel("order"),
        FieldPanel("visible"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name = "Trang web đơn vị"
        verbose_name_plural = "Trang web đơn vị, doanh nghiệp"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name = text.clean(self.name).strip()
        super().save(*args, **kwargs)


def unit_groups() -> list[dict]:
    """Visible sites grouped by kind in menu order, in one query: [{kind, label, sites}]."""
    sites = list(UnitSite.objects.filter(visible=True).order_by("order", "name"))
    return [
        {"kind": kind, "label": label, "sites": [s for s in sites if s.kind == kind]}
        for kind, label in KIND_CHOICES
    ]


class UnitSitesPage(BasePage):
    """Cổng thông tin của các đơn vị thuộc Bộ và doanh nghiệp, grouped by kind."""

    intro = RichTextField("Giới thiệu", blank=True, help_text="Đoạn mở đầu của trang.")

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "Trang đơn vị trực thuộc"
        verbose_name_plural = "Trang đơn vị trực thuộc"

    def get_meta_description(self) -> str:
        return metadata.describe(self.search_description, self.intro)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = unit_groups()
        return context
