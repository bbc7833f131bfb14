"""The ministry's units, one model for three uses: the organisation chart (a tree: ``parent``),
the directory of unit and enterprise websites (``/don-vi-truc-thuoc/``, the units with a ``url``)
and the sidebar's jump menu.

The structure (parent, head, contacts, website) is the same in both languages; only the name and
the functions are translated, in ``*_en`` fields beside them, so that a translator cannot make the
English chart disagree with the Vietnamese one (a translated copy per locale would be a second
tree to keep in step).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

from cms import metadata, text
from cms.models import BasePage
from home.choices import KIND_CHOICES, UnitKind  # noqa: F401 - re-exported

KIND_LABELS_EN = {"unit": "Units of the Ministry", "enterprise": "Enterprises"}


class Category(models.TextChoices):
    """What sort of body a unit is (the chart groups and labels by it)."""

    OFFICE = "van-phong", "Văn phòng, Thanh tra"
    DEPARTMENT = "vu", "Vụ"
    AGENCY = "cuc", "Cục"
    GENERAL_DEPARTMENT = "tong-cuc", "Tổng cục"
    INSTITUTE = "vien", "Viện"
    PRESS = "bao-tap-chi", "Báo, tạp chí"
    SCHOOL = "truong", "Trường, học viện"
    CENTRE = "trung-tam", "Trung tâm"
    ENTERPRISE = "doanh-nghiep", "Doanh nghiệp"
    OTHER = "khac", "Khác"


CATEGORY_LABELS_EN = {
    "van-phong": "Office, Inspectorate",
    "vu": "Department",
    "cuc": "Agency",
    "tong-cuc": "General department",
    "vien": "Institute",
    "bao-tap-chi": "Newspaper, journal",
    "truong": "School, academy",
    "trung-tam": "Centre",
    "doanh-nghiep": "Enterprise",
    "khac": "Other",
}


class UnitSite(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """A unit of the ministry or an enterprise: its place in the structure, what it does, whom
    to contact, and its own portal if it has one. Drafts and revisions as for pages."""

    name = models.CharField("Tên đơn vị", max_length=255, help_text="Tên đầy đủ của đơn vị.")
    name_en = models.CharField(
        "Tên tiếng Anh", max_length=255, blank=True,
        help_text="Hiện trên trang tiếng Anh; để trống thì dùng tên tiếng Việt.",
    )
    parent = models.ForeignKey(
        "self", verbose_name="Thuộc đơn vị", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="children",
        help_text="Để trống nếu đơn vị trực thuộc Bộ.",
    )
    category = models.CharField(
        "Loại hình", max_length=16, choices=Category.choices, default=Category.OTHER,
        help_text="Vụ, cục, tổng cục, viện, báo…",
    )
    url = models.URLField(
        "Địa chỉ trang web",
        max_length=500,
        unique=True,
        null=True,
        blank=True,
        error_messages={"unique": "Địa chỉ này đã có trong danh sách."},
        help_text="Ví dụ: https://www.vibm.vn. Đơn vị có trang web thì có trong danh bạ trang web.",
    )
    kind = models.CharField(
        "Nhóm trong danh bạ", max_length=16, choices=UnitKind.choices, default=UnitKind.UNIT,
        help_text="Đơn vị thuộc Bộ hay doanh nghiệp.",
    )
    functions = RichTextField(
        "Chức năng, nhiệm vụ", blank=True, features=["bold", "italic", "ol", "ul", "link"],
    )
    functions_en = RichTextField(
        "Chức năng, nhiệm vụ (tiếng Anh)", blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
    )
    head = models.CharField(
        "Người đứng đầu", max_length=255, blank=True, help_text="Ví dụ: Vụ trưởng Nguyễn Văn A.",
    )
    address = models.CharField("Địa chỉ", max_length=500, blank=True)
    phone = models.CharField("Điện thoại", max_length=64, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    order = models.PositiveIntegerField(
        "Thứ tự", default=0, help_text="Số nhỏ đứng trước trong danh sách."
    )
    visible = models.BooleanField(
        "Hiển thị", default=True, help_text="Bỏ chọn để tạm ẩn khỏi trang."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldRowPanel([FieldPanel("parent"), FieldPanel("category")]),
        FieldPanel("functions"),
        FieldPanel("functions_en"),
        MultiFieldPanel(
            [FieldPanel("head"), FieldPanel("address"),
             FieldRowPanel([FieldPanel("phone"), FieldPanel("email")])],
            heading="Liên hệ",
        ),
        MultiFieldPanel(
            [FieldPanel("url"), FieldPanel("kind")], heading="Trang web (danh bạ đơn vị)"
        ),
        FieldRowPanel([FieldPanel("order"), FieldPanel("visible")]),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name = "Đơn vị"
        verbose_name_plural = "Đơn vị, doanh nghiệp"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name = text.clean(self.name).strip()
        self.url = self.url or None  # no website: not in the directory, and not a duplicate ""
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        ancestor, seen = self.parent, {self.pk}
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError({"parent": "Một đơn vị không thể thuộc chính nó."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def name_in(self, language: str) -> str:
        return text.in_language(self, "name", language)

    def category_label(self, language: str) -> str:
        if language == "en":
            return CATEGORY_LABELS_EN.get(self.category, "")
        return self.get_category_display()


def shown_units():
    """Units a visitor may see: published and not hidden."""
    return UnitSite.objects.filter(live=True, visible=True)


def unit_groups() -> list[dict]:
    """Visible sites grouped by kind in menu order, in one query: [{kind, label, sites}]."""
    sites = list(shown_units().filter(url__isnull=False).order_by("order", "name"))
    return [
        {"kind": kind, "label": label, "sites": [s for s in sites if s.kind == kind]}
        for kind, label in KIND_CHOICES
    ]


def unit_tree(units: Iterable[UnitSite] | None = None) -> list[UnitSite]:
    """The units as a forest, in one query: each root with ``tree_children`` set, recursively.

    A unit whose parent is hidden or unpublished is shown at the top level rather than lost.
    """
    units = list(shown_units().order_by("order", "name") if units is None else units)
    by_id = {unit.pk: unit for unit in units}
    for unit in units:
        unit.tree_children = []
    roots = []
    for unit in units:
        parent = by_id.get(unit.parent_id)
        (parent.tree_children if parent is not None else roots).append(unit)
    return roots


class UnitSitesPage(BasePage):
    """Cổng thông tin của các đơn vị thuộc Bộ và doanh nghiệp, grouped by kind."""

    intro = RichTextField("Giới thiệu", blank=True, help_text="Đoạn mở đầu của trang.")

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Trang đơn vị trực thuộc"
        verbose_name_plural = "Trang đơn vị trực thuộc"

    def get_meta_description(self) -> str:
        return metadata.describe(self.search_description, self.intro)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        language = text.language()
        groups = unit_groups()
        for group in groups:
            if language == "en":
                group["label"] = KIND_LABELS_EN[group["kind"]]
            for site in group["sites"]:
                site.display_name = site.name_in(language)
        context["groups"] = groups
        return context
