"""Chính sách pháp luật: legal and policy documents and their list."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpRequest

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms import metadata, text
from cms.models import BasePage
from cms.pages import ResultType, SitemapSection
from cms.visibility import unexpired_q, visible
from home.choices import (  # noqa: F401 - re-exported for the interchange and tests
    DOC_TYPE_CHOICES,
    LEGACY_STATUS,
    RELATION_CHOICES,
    STATUS_CHOICES,
    DocType,
    LegalStatus,
    RelationKind,
    choice_key,
)
from home.forms import PolicyFilterForm

from .listing import FilterableIndexMixin, folded_text
from .taxonomy import Agency, Sector

# ``sitemap-van-ban.xml``: the document list and its documents.
DOCUMENTS_SECTION = SitemapSection("van-ban", 30)

# "17/NQ-CP", "36a/NQ-CP", "929/BTTTT-THH", "50/2014/QH13", "01/2021/TT-BXD".
NUMBER_RE = r"^[0-9]+[a-zđ]?(/[0-9]{4})?/[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$"
number_validator = RegexValidator(
    NUMBER_RE,
    "Số ký hiệu không đúng định dạng (ví dụ: 17/NQ-CP, 50/2014/QH13, 929/BTTTT-THH).",
    flags=re.IGNORECASE,
)


def parse_doc_type(value: str) -> str:
    """``Nghị quyết``/``nghi-quyet`` → ``nghi-quyet``; ``ValueError`` if unknown (for import)."""
    return choice_key(DOC_TYPE_CHOICES, value)


def parse_status(value: str) -> str:
    """``Còn hiệu lực`` → ``con-hieu-luc``, the legacy ``Hết hiệu lực`` → ``het-hieu-luc-toan-bo``
    (``LEGACY_STATUS``); ``ValueError`` if unknown (for import)."""
    return choice_key(STATUS_CHOICES, value, LEGACY_STATUS)


def parse_relation_kind(value: str) -> str:
    """``Thay thế``/``thay-the`` → ``thay-the``; ``ValueError`` if unknown (for import)."""
    return choice_key(RELATION_CHOICES, value)


#: schema.org ``LegalForceStatus`` of each tone of ``LegalStatus``.
LEGAL_FORCE = {
    "in-force": "https://schema.org/InForce",
    "partly": "https://schema.org/PartiallyInForce",
    "out": "https://schema.org/NotInForce",
    "pending": "https://schema.org/NotInForce",
}


def normalize_number(value: str | None) -> str | None:
    """``17/nq-cp`` → ``17/NQ-CP``; the letter of a number (``36a``) stays lower case."""
    value = text.clean(value or "").strip()
    if not value:
        return None
    head, slash, tail = value.partition("/")
    return head.lower() + slash + tail.upper()


class PolicyPage(BasePage):
    """A legal or policy document (văn bản), with its dates, status, files and relations."""

    # The number is unique site-wide: a copy or a translation starts without one.
    exclude_fields_in_copy = ["number"]

    number = models.CharField(
        "Số ký hiệu",
        max_length=64,
        unique=True,
        null=True,
        blank=False,
        validators=[number_validator],
        error_messages={"unique": "Đã có văn bản khác mang số ký hiệu này."},
        help_text="Ví dụ: 17/NQ-CP hoặc 50/2014/QH13.",
    )
    doc_type = models.CharField(
        "Loại văn bản", max_length=32, choices=DocType.choices, default=DocType.OTHER,
        help_text="Dùng để lọc danh sách văn bản.",
    )
    issuer = models.ForeignKey(
        Agency,
        verbose_name="Cơ quan ban hành",
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="issued_documents",
        help_text="Cơ quan ký ban hành văn bản.",
    )
    signer = models.CharField("Người ký", max_length=255, blank=True, help_text="Họ và tên.")
    signer_title = models.CharField(
        "Chức danh người ký", max_length=255, blank=True, help_text="Ví dụ: Thủ tướng, Thứ trưởng."
    )
    issued_on = models.DateField(
        "Ngày ban hành", null=True, blank=False, db_index=True, help_text="Ngày ký ban hành."
    )
    effective_from = models.DateField(
        "Ngày có hiệu lực", null=True, blank=True, help_text="Không được trước ngày ban hành."
    )
    effective_until = models.DateField(
        "Ngày hết hiệu lực",
        null=True,
        blank=True,
        help_text="Không bắt buộc, kể cả khi văn bản đã hết hiệu lực; không được trước ngày "
        "ban hành hay ngày có hiệu lực.",
    )
    status = models.CharField(
        "Tình trạng hiệu lực", max_length=32, choices=LegalStatus.choices,
        default=LegalStatus.IN_FORCE,
        help_text="Theo Cơ sở dữ liệu quốc gia về văn bản pháp luật.",
    )
    summary = models.TextField(
        "Trích yếu", blank=False, default="", help_text="Trích yếu nội dung văn bản."
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name="Lĩnh vực",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        help_text="Lĩnh vực dùng để lọc danh sách văn bản.",
    )
    body = RichTextField(
        "Toàn văn hoặc tóm tắt", blank=True, help_text="Nội dung văn bản hoặc phần tóm tắt."
    )
    filter_text = models.TextField(editable=False, blank=True, default="")

    content_panels = [
        FieldPanel("title", heading="Tên văn bản"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("doc_type")]),
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("sector")]),
                FieldRowPanel([FieldPanel("signer"), FieldPanel("signer_title")]),
            ],
            heading="Thông tin văn bản",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("issued_on"),
                        FieldPanel("effective_from"),
                        FieldPanel("effective_until"),
                    ]
                ),
                FieldPanel("status"),
            ],
            heading="Hiệu lực",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", heading="Tệp đính kèm", label="Tệp"),
        InlinePanel("relations", heading="Văn bản liên quan", label="Văn bản"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("number", boost=10),
        index.AutocompleteField("number"),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("signer"),
        index.RelatedFields("issuer", [index.SearchField("name")]),
        index.RelatedFields("sector", [index.SearchField("name")]),
        index.FilterField("number"),
        index.FilterField("doc_type"),
        index.FilterField("issuer"),
        index.FilterField("sector"),
        index.FilterField("status"),
        index.FilterField("issued_on"),
    ]

    parent_page_types = ["home.PolicyIndexPage"]
    subpage_types: list[str] = []
    search_result_type = ResultType.DOCUMENT
    sitemap_section = DOCUMENTS_SECTION

    class Meta:
        verbose_name = "Văn bản chính sách pháp luật"
        verbose_name_plural = "Văn bản chính sách pháp luật"

    def get_meta_description(self) -> str:
        return metadata.describe(self.search_description, self.summary)

    def get_json_ld(self, request: HttpRequest) -> dict[str, Any]:
        """schema.org ``Legislation``: number, type, issuer (else the ministry), date."""
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": self.title,
            "url": metadata.canonical_url(request),
            "legislationIdentifier": text.plain_text(self.number or ""),
            "legislationType": self.get_doc_type_display(),
            "legislationLegalForce": LEGAL_FORCE[self.status_tone],
            "legislationPassedBy": {
                "@type": "GovernmentOrganization",
                "name": text.plain_text(self.issuer or "") or metadata.site_name(request),
            },
            "description": self.get_meta_description(),
            "inLanguage": "vi",
        }
        if self.issued_on:
            data["legislationDate"] = self.issued_on.isoformat()
        return metadata.without_empty(data)

    @property
    def status_tone(self) -> str:
        """``in-force``, ``partly``, ``out`` or ``pending`` (``LegalStatus.tone``)."""
        return LegalStatus(self.status).tone

    @property
    def status_notice(self) -> str:
        """The warning shown above a document that does not apply in whole today ("" if it does)."""
        status = LegalStatus(self.status)
        if status == LegalStatus.IN_FORCE:
            return ""
        if status == LegalStatus.NOT_YET_IN_FORCE:
            since = self.effective_from
            return "Văn bản này chưa có hiệu lực" + (
                f"; có hiệu lực từ ngày {text.format_date(since)}." if since else "."
            )
        until = self.effective_until
        if status == LegalStatus.EXPIRED and until:
            return f"Văn bản này đã hết hiệu lực toàn bộ từ ngày {text.format_date(until)}."
        words = {
            LegalStatus.PARTLY_EXPIRED: "đã hết hiệu lực một phần",
            LegalStatus.EXPIRED: "đã hết hiệu lực toàn bộ",
            LegalStatus.PARTLY_SUSPENDED: "bị ngưng hiệu lực một phần",
            LegalStatus.SUSPENDED: "bị ngưng hiệu lực toàn bộ",
        }
        return f"Văn bản này {words[status]}."

    def compute_filter_text(self) -> str:
        """What the list's text box matches (set on save; bulk loaders must set it)."""
        return folded_text(self.number or "", self.title, self.summary)

    def clean(self) -> None:
        super().clean()
        self.number = normalize_number(self.number)
        errors: dict[str, str] = {}
        issued, start, end = self.issued_on, self.effective_from, self.effective_until
        if issued and start and start < issued:
            errors["effective_from"] = "Ngày có hiệu lực không thể trước ngày ban hành."
        if issued and end and end < issued:
            errors["effective_until"] = "Ngày hết hiệu lực không thể trước ngày ban hành."
        elif start and end and end < start:
            errors["effective_until"] = "Ngày hết hiệu lực không thể trước ngày có hiệu lực."
        # No rule ties the status to the end date: legacy portals and the national database
        # often record a document as expired without the date, and a fixed-term plan is in
        # force until its end date.
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        self.number = normalize_number(self.number)
        self.filter_text = self.compute_filter_text()
        super().save(*args, **kwargs)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = self.attachments.select_related("document")
        context["relations"] = self.relations.select_related("target").filter(
            unexpired_q("target__"), target__live=True
        )
        context["incoming"] = (
            PolicyRelation.objects.filter(unexpired_q("page__"), target=self, page__live=True)
            .select_related("page")
            .order_by("page__issued_on")
        )
        context["procedures"] = (
            self.procedure_bases.filter(unexpired_q("page__"), page__live=True)
            .select_related("page")
            .order_by("page__code")
        )
        return context


class PolicyAttachment(Orderable):
    """A downloadable file of the document (the signed scan, an appendix…)."""

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Chọn hoặc tải lên tệp văn bản.",
    )
    caption = models.CharField(
        "Mô tả", max_length=255, blank=True, help_text="Để trống để dùng tên tệp."
    )

    panels = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp đính kèm"
        verbose_name_plural = "Tệp đính kèm"


class PolicyRelation(Orderable):
    """A link to another document: this one replaces, amends, guides or relates to it.

    The reverse ("bị thay thế bởi") is shown on the target from the same row.
    """

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(
        "Quan hệ", max_length=16, choices=RelationKind.choices, default=RelationKind.RELATED,
        help_text="Văn bản này … văn bản được chọn.",
    )
    target = models.ForeignKey(
        PolicyPage,
        verbose_name="Văn bản",
        on_delete=models.CASCADE,
        related_name="incoming_relations",
        help_text="Văn bản liên quan trên trang.",
    )

    panels = [FieldPanel("kind"), PageChooserPanel("target", "home.PolicyPage")]

    class Meta(Orderable.Meta):
        verbose_name = "Văn bản liên quan"
        verbose_name_plural = "Văn bản liên quan"

    REVERSE_LABELS = {
        RelationKind.REPLACES: "Bị thay thế bởi",
        RelationKind.AMENDS: "Được sửa đổi, bổ sung bởi",
        RelationKind.GUIDES: "Được hướng dẫn bởi",
        RelationKind.RELATED: "Liên quan",
    }

    @property
    def reverse_label(self) -> str:
        return self.REVERSE_LABELS.get(self.kind, "Liên quan")

    def clean(self) -> None:
        super().clean()
        if self.target_id and self.page_id and self.target_id == self.page_id:
            raise ValidationError({"target": "Văn bản không thể liên quan đến chính nó."})


class PolicyIndexPage(FilterableIndexMixin, BasePage):
    """Chính sách pháp luật: newest first, filtered by type, issuer, year, field, status."""

    intro = RichTextField("Giới thiệu", blank=True, help_text="Đoạn mở đầu trên danh sách.")

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.PolicyPage"]
    per_page = 20
    cache_params = ("type", "issuer", "year", "field", "status", "page")
    sitemap_section = DOCUMENTS_SECTION

    class Meta:
        verbose_name = "Danh sách văn bản chính sách pháp luật"
        verbose_name_plural = "Danh sách văn bản chính sách pháp luật"

    def get_meta_description(self) -> str:
        return metadata.describe(self.search_description, self.intro)

    def get_filter_form_class(self) -> type:
        return PolicyFilterForm

    def base_queryset(self):
        return (
            visible(PolicyPage.objects.child_of(self))
            .select_related("issuer", "sector")
            .order_by("-issued_on", "-pk")
        )

    def apply_filters(self, queryset, data: dict):
        if data.get("type"):
            queryset = queryset.filter(doc_type=data["type"])
        if data.get("issuer"):
            queryset = queryset.filter(issuer=data["issuer"])
        if data.get("year"):
            queryset = queryset.filter(issued_on__year=data["year"])
        if data.get("field"):
            queryset = queryset.filter(sector=data["field"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        for word in data.get("q_words", []):
            queryset = queryset.filter(filter_text__contains=word)
        return queryset
