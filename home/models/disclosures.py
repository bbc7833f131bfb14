"""Công khai thông tin: the lists a ministry portal must publish (Nghị định 42/2022/NĐ-CP,
Điều 4.1) — strategies, plans and master plans, statistics, financial reports, treaties,
projects and tenders — as one filterable list under ``/cong-khai-thong-tin/``.

One index with a category filter rather than one index per category: one section, one team,
one sitemap file, and the same filter form (``FilterableIndexMixin``) as the document list.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms import metadata, text
from cms.models import BasePage
from cms.pages import ResultType, SitemapSection
from cms.visibility import visible
from home.choices import DisclosureCategory
from home.forms import DisclosureFilterForm

from .listing import FilterableIndexMixin, folded_text

# ``sitemap-cong-khai.xml``: the disclosure list and its items.
DISCLOSURES_SECTION = SitemapSection("cong-khai", 35)


class DisclosurePage(BasePage):
    """One disclosed item: a plan, a statistics release, a financial report, a treaty…"""

    category = models.CharField(
        "Loại thông tin", max_length=32, choices=DisclosureCategory.choices,
        help_text="Danh mục công khai theo Nghị định 42/2022/NĐ-CP, Điều 4.1.",
    )
    number = models.CharField(
        "Số hiệu", max_length=100, blank=True,
        help_text="Số hiệu của quyết định, báo cáo hoặc điều ước, nếu có.",
    )
    issued_on = models.DateField(
        "Ngày ban hành", db_index=True, help_text="Ngày ban hành, ký hoặc công bố."
    )
    period = models.CharField(
        "Kỳ, giai đoạn", max_length=100, blank=True,
        help_text="Ví dụ: Năm 2024; Quý I/2025; Giai đoạn 2021–2030, tầm nhìn đến năm 2050.",
    )
    summary = models.TextField("Tóm tắt", help_text="Nội dung chính, vài câu.")
    body = RichTextField("Nội dung", blank=True, help_text="Toàn văn hoặc phần giới thiệu.")
    filter_text = models.TextField(editable=False, blank=True, default="")

    content_panels = [
        FieldPanel("title", heading="Tên"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("category"), FieldPanel("number")]),
                FieldRowPanel([FieldPanel("issued_on"), FieldPanel("period")]),
            ],
            heading="Thông tin công khai",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", heading="Tệp đính kèm", label="Tệp"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("number", boost=10),
        index.SearchField("summary", boost=2),
        index.SearchField("period"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("issued_on"),
    ]

    parent_page_types = ["home.DisclosureIndexPage"]
    subpage_types: list[str] = []
    search_result_type = ResultType.DISCLOSURE
    sitemap_section = DISCLOSURES_SECTION

    class Meta:
        verbose_name = "Thông tin công khai"
        verbose_name_plural = "Thông tin công khai"

    def get_meta_description(self) -> str:
        return metadata.describe(self.search_description, self.summary)

    def get_json_ld(self, request: HttpRequest) -> dict[str, Any]:
        """schema.org ``DigitalDocument`` published by the ministry, with its date."""
        return metadata.without_empty({
            "@context": "https://schema.org",
            "@type": "DigitalDocument",
            "name": self.title,
            "url": metadata.canonical_url(request),
            "genre": text.plain_text(self.get_category_display()),
            "identifier": text.plain_text(self.number),
            "datePublished": self.issued_on.isoformat() if self.issued_on else None,
            "description": self.get_meta_description(),
            "publisher": {"@type": "GovernmentOrganization", "name": metadata.site_name(request)},
            "inLanguage": "vi",
        })

    def compute_filter_text(self) -> str:
        """What the list's text box matches (set on save; a bulk loader must set it)."""
        return folded_text(self.number, self.title, self.period, self.summary)

    def save(self, *args, **kwargs) -> None:
        self.filter_text = self.compute_filter_text()
        super().save(*args, **kwargs)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = self.attachments.select_related("document")
        return context


class DisclosureAttachment(Orderable):
    """A file of the item (the signed decision, the report, its tables…)."""

    page = ParentalKey(DisclosurePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Chọn hoặc tải lên tệp.",
    )
    caption = models.CharField(
        "Mô tả", max_length=255, blank=True, help_text="Để trống để dùng tên tệp."
    )

    panels = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp đính kèm"
        verbose_name_plural = "Tệp đính kèm"


class DisclosureIndexPage(FilterableIndexMixin, BasePage):
    """Công khai thông tin: newest first, filtered by category, year and keyword."""

    intro = RichTextField("Giới thiệu", blank=True, help_text="Đoạn mở đầu trên danh sách.")

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.DisclosurePage"]
    per_page = 20
    cache_params = ("category", "year", "page")
    sitemap_section = DISCLOSURES_SECTION

    class Meta:
        verbose_name = "Danh sách công khai thông tin"
        verbose_name_plural = "Danh sách công khai thông tin"

    def get_meta_description(self) -> str:
        return metadata.describe(self.search_description, self.intro)

    def get_filter_form_class(self) -> type:
        return DisclosureFilterForm

    def base_queryset(self):
        return (
            visible(DisclosurePage.objects.child_of(self))
            .defer_streamfields()
            .order_by("-issued_on", "-pk")
        )

    def apply_filters(self, queryset, data: dict):
        if data.get("category"):
            queryset = queryset.filter(category=data["category"])
        if data.get("year"):
            queryset = queryset.filter(issued_on__year=data["year"])
        for word in data.get("q_words", []):
            queryset = queryset.filter(filter_text__contains=word)
        return queryset

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = DisclosureCategory.choices
        return context
