"""Thủ tục hành chính and their online public services: the catalogue and its statistics."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import gettext

from modelcluster.fields import ParentalKey, ParentalManyToManyField
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
    CHANNEL_CHOICES,
    EXECUTION_LEVEL_CHOICES,
    LEVEL_CHOICES,
    Channel,
    ExecutionLevel,
    Level,
)
from home.forms import ProcedureFilterForm

from .listing import FilterableIndexMixin, folded_text
from .taxonomy import Agency, Sector

# ``sitemap-thu-tuc.xml``: the catalogue and its procedures.
PROCEDURES_SECTION = SitemapSection("thu-tuc", 20)

# --- Online service levels: the one place that says what a level means -------------------
# (the members are home.choices.Level, which the catalogue's filter offers too)

# Decree 42/2022 renamed the levels: a level-4 service is "toàn trình" (done entirely online),
# a level-3 service "một phần" (submitted online, result collected in person); levels 1–2 only
# publish information.
CLASSIFICATION = {
    4: "toàn trình",
    3: "một phần",
    2: "cung cấp thông tin",
    1: "cung cấp thông tin",
}


def classify(level: int | None) -> str:
    """The current classification of an online-service level (4 → toàn trình, 3 → một phần)."""
    return CLASSIFICATION.get(level or 0, "")


def parse_level(value: object) -> int:
    """A level 1–4 (int or digits) or a classification name (``toàn trình``/``một phần``).

    Raises ``ValueError`` for anything else; the importer and the filters use it.
    """
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        level = value
    else:
        key = text.fold(text.normalize(str(value))).strip()
        key = re.sub(r"^(muc do|muc)\s*", "", key)
        by_name = {"toan trinh": 4, "mot phan": 3}
        if key in by_name:
            return by_name[key]
        if not key.isdigit():
            raise ValueError(value)
        level = int(key)
    if level not in CLASSIFICATION:
        raise ValueError(value)
    return level


@dataclass(frozen=True)
class LevelCount:
    """One row of the statistics panel."""

    level: int
    count: int
    total: int

    @property
    def classification(self) -> str:
        return classify(self.level)

    @property
    def percent(self) -> str:
        return text.format_percent(self.count, self.total)

    @property
    def noun(self) -> str:
        """``dịch vụ toàn trình``, ``dịch vụ một phần``, or ``thủ tục`` for levels 1–2."""
        if self.level <= 2:
            return gettext("thủ tục")
        # Each wording spelled out, so that the English catalogue has them.
        return gettext("dịch vụ toàn trình") if self.level == 4 else gettext("dịch vụ một phần")

    @property
    def label(self) -> str:
        """``20 dịch vụ toàn trình (mức 4), 40,82%``."""
        return f"{text.format_number(self.count)} {self.noun} (mức {self.level}), {self.percent}"


@dataclass(frozen=True)
class LevelStatistics:
    total: int
    rows: tuple[LevelCount, ...]

    def for_level(self, level: int) -> LevelCount:
        return next(row for row in self.rows if row.level == level)


def level_statistics(parent: BasePage | None = None) -> LevelStatistics:
    """Live procedures counted by level, in ONE query; shared by catalogue, home page and admin.

    Shares are of all live procedures (the seed's "20 dịch vụ … 40,81% số thủ tục hành chính"),
    rounded half-up to two decimals by ``cms.text.format_percent``.
    """
    queryset = ProcedurePage.objects.live().filter(unexpired_q())
    if parent is not None:
        queryset = queryset.descendant_of(parent)
    counts = dict(
        queryset.order_by().values_list("level").annotate(n=Count("pk")).values_list("level", "n")
    )
    total = sum(counts.values())
    rows = tuple(LevelCount(level, counts.get(level, 0), total) for level, _ in LEVEL_CHOICES)
    return LevelStatistics(total=total, rows=rows)


# --- The procedure page ------------------------------------------------------------------

CODE_RE = r"^[0-9]\.[0-9]{6}(\.[A-Z0-9]{1,10})?$"
code_validator = RegexValidator(
    CODE_RE,
    "Mã thủ tục không đúng định dạng của Cơ sở dữ liệu quốc gia (ví dụ: 1.009972 hoặc "
    "1.000948.H38).",
    flags=re.IGNORECASE,
)
PORTAL_HOST = "dichvucong.gov.vn"

def validate_portal_url(value: str) -> None:
    """The submission link must point to the national public service portal."""
    host = (urlsplit(value).hostname or "").lower()
    if host != PORTAL_HOST and not host.endswith("." + PORTAL_HOST):
        raise ValidationError(
            "Đường dẫn nộp hồ sơ phải thuộc Cổng dịch vụ công Quốc gia (%(host)s).",
            params={"host": PORTAL_HOST},
        )


class ProcedurePage(BasePage):
    """One administrative procedure as the national procedure database publishes it."""

    code = models.CharField(
        "Mã thủ tục",
        max_length=32,
        unique=True,
        null=True,
        blank=False,
        validators=[code_validator],
        error_messages={"unique": "Đã có thủ tục khác dùng mã này."},
        help_text="Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ 1.009972 "
        "hoặc 1.000948.H38.",
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name="Lĩnh vực",
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="procedures",
        help_text="Lĩnh vực dùng để lọc danh mục thủ tục.",
    )
    execution_level = models.CharField(
        "Cấp thực hiện",
        max_length=8,
        choices=ExecutionLevel.choices,
        default=ExecutionLevel.MINISTRY,
        help_text="Cấp chính quyền giải quyết thủ tục.",
    )
    procedure_type = models.CharField(
        "Loại thủ tục",
        max_length=255,
        blank=True,
        help_text="Như trên Cơ sở dữ liệu quốc gia, ví dụ “TTHC được luật giao quy định chi tiết”.",
    )
    implementing_agencies = ParentalManyToManyField(
        Agency,
        verbose_name="Cơ quan thực hiện",
        related_name="implemented_procedures",
        blank=True,
        help_text="Cơ quan trực tiếp tiếp nhận và giải quyết hồ sơ.",
    )
    competent_agencies = ParentalManyToManyField(
        Agency,
        verbose_name="Cơ quan có thẩm quyền",
        related_name="competent_procedures",
        blank=True,
        help_text="Cơ quan có thẩm quyền quyết định.",
    )
    coordinating_agencies = ParentalManyToManyField(
        Agency,
        verbose_name="Cơ quan phối hợp",
        related_name="coordinated_procedures",
        blank=True,
        help_text="Cơ quan phối hợp giải quyết (nếu có).",
    )
    applicants = models.CharField(
        "Đối tượng thực hiện",
        max_length=500,
        blank=True,
        help_text="Ví dụ: Công dân Việt Nam, Doanh nghiệp, Tổ chức.",
    )
    steps = RichTextField(
        "Trình tự thực hiện",
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text="Các bước thực hiện, theo thứ tự.",
    )
    result = models.TextField(
        "Kết quả thực hiện", blank=True, help_text="Giấy tờ người dân, doanh nghiệp nhận được."
    )
    requirements = RichTextField(
        "Yêu cầu, điều kiện thực hiện",
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text="Để trống nếu thủ tục không có yêu cầu, điều kiện riêng.",
    )
    level = models.PositiveSmallIntegerField(
        "Mức độ dịch vụ công trực tuyến",
        choices=Level.choices,
        null=True,
        blank=False,
        db_index=True,
        help_text="Mức 4 là dịch vụ công trực tuyến toàn trình, mức 3 là một phần.",
    )
    portal_url = models.URLField(
        "Đường dẫn nộp hồ sơ trực tuyến",
        max_length=500,
        blank=True,
        validators=[validate_portal_url],
        help_text="Địa chỉ của thủ tục trên Cổng dịch vụ công Quốc gia (dichvucong.gov.vn).",
    )
    filter_text = models.TextField(editable=False, blank=True, default="")

    content_panels = [
        FieldPanel("title", heading="Tên thủ tục"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("level")]),
                FieldRowPanel([FieldPanel("sector"), FieldPanel("execution_level")]),
                FieldPanel("procedure_type"),
                FieldPanel("portal_url"),
            ],
            heading="Thông tin chung",
        ),
        MultiFieldPanel(
            [
                FieldPanel("implementing_agencies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("competent_agencies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("coordinating_agencies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("applicants"),
            ],
            heading="Cơ quan và đối tượng",
        ),
        FieldPanel("steps"),
        InlinePanel("methods", heading="Cách thức thực hiện", label="Cách thức"),
        InlinePanel("dossier_items", heading="Thành phần hồ sơ", label="Giấy tờ"),
        FieldPanel("result"),
        InlinePanel("legal_bases", heading="Căn cứ pháp lý", label="Căn cứ"),
        FieldPanel("requirements"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("code", boost=10),
        index.AutocompleteField("code"),
        index.SearchField("applicants"),
        index.SearchField("steps"),
        index.SearchField("result"),
        index.SearchField("requirements"),
        index.RelatedFields("sector", [index.SearchField("name")]),
        index.RelatedFields("implementing_agencies", [index.SearchField("name")]),
        index.FilterField("code"),
        index.FilterField("level"),
        index.FilterField("sector"),
        index.FilterField("execution_level"),
    ]

    parent_page_types = ["home.ProcedureIndexPage"]
    subpage_types: list[str] = []
    search_result_type = ResultType.PROCEDURE
    sitemap_section = PROCEDURES_SECTION

    class Meta:
        verbose_name = "Thủ tục hành chính"
        verbose_name_plural = "Thủ tục hành chính"

    @property
    def classification(self) -> str:
        return classify(self.level)

    def get_meta_description(self) -> str:
        """Its own description, else ``Thủ tục hành chính 1.009972: <tên>``."""
        return metadata.describe(self.search_description) or Truncator(
            f"Thủ tục hành chính {self.code or ''}: {self.title}"
        ).chars(metadata.DESCRIPTION_LENGTH)

    def get_json_ld(self, request: HttpRequest) -> dict[str, Any]:
        """schema.org ``GovernmentService``: code, field, first implementing agency, channel."""
        agency = self.implementing_agencies.all().first()
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": self.title,
            "url": metadata.canonical_url(request),
            "identifier": text.plain_text(self.code or ""),
            "serviceType": text.plain_text(self.sector or ""),
            "description": self.get_meta_description(),
            "provider": {
                "@type": "GovernmentOrganization",
                "name": text.plain_text(agency) if agency else metadata.site_name(request),
            },
            "areaServed": {"@type": "Country", "name": "Việt Nam"},
            "inLanguage": "vi",
        }
        audience = text.plain_text(self.applicants)
        if audience:
            data["audience"] = {"@type": "Audience", "audienceType": audience}
        if self.portal_url:
            data["availableChannel"] = {
                "@type": "ServiceChannel",
                "serviceUrl": str(self.portal_url),
                "name": "Dịch vụ công trực tuyến",
            }
        return metadata.without_empty(data)

    def compute_filter_text(self) -> str:
        """What the catalogue's text box matches (set on save; bulk loaders must set it)."""
        return folded_text(self.code or "", self.title, self.applicants)

    def clean(self) -> None:
        super().clean()
        if self.code:
            self.code = self.code.strip().upper()

    def save(self, *args, **kwargs) -> None:
        if self.code:
            self.code = self.code.strip().upper()
        else:
            self.code = None
        self.filter_text = self.compute_filter_text()
        super().save(*args, **kwargs)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["methods"] = self.methods.all()
        context["dossier_items"] = self.dossier_items.select_related("form")
        context["legal_bases"] = self.legal_bases.select_related("policy")
        return context


class ProcedureMethod(Orderable):
    """Cách thức thực hiện: one way to submit, with its own time limit and fees."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="methods")
    channel = models.CharField(
        "Hình thức nộp", max_length=16, choices=Channel.choices, help_text="Cách nộp hồ sơ."
    )
    processing_time = models.CharField(
        "Thời hạn giải quyết",
        max_length=255,
        help_text="Ví dụ: 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.",
    )
    fee = models.CharField(
        "Phí, lệ phí",
        max_length=500,
        blank=True,
        help_text="Ví dụ: Phí: 1.000.000 đồng. Để trống nếu không thu phí.",
    )
    description = models.CharField(
        "Mô tả", max_length=500, blank=True, help_text="Ghi chú thêm về hình thức nộp này."
    )

    panels = [
        FieldRowPanel([FieldPanel("channel"), FieldPanel("processing_time")]),
        FieldPanel("fee"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Cách thức thực hiện"
        verbose_name_plural = "Cách thức thực hiện"


class ProcedureDossierItem(Orderable):
    """Thành phần hồ sơ: one paper to submit, with its blank form to download if there is one."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="dossier_items")
    name = models.CharField("Tên giấy tờ", max_length=500, help_text="Tên giấy tờ phải nộp.")
    form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Mẫu đơn, tờ khai",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Tệp mẫu đơn, tờ khai để tải về (nếu có).",
    )
    originals = models.PositiveSmallIntegerField(
        "Số bản chính", default=1, help_text="Số lượng bản chính."
    )
    copies = models.PositiveSmallIntegerField(
        "Số bản sao", default=0, help_text="Số lượng bản sao."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("form"),
        FieldRowPanel([FieldPanel("originals"), FieldPanel("copies")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Thành phần hồ sơ"
        verbose_name_plural = "Thành phần hồ sơ"


class ProcedureLegalBasis(Orderable):
    """Căn cứ pháp lý: a policy page on this site where it exists, else the document's name."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="legal_bases")
    policy = models.ForeignKey(
        "home.PolicyPage",
        verbose_name="Văn bản trên trang",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procedure_bases",
        help_text="Chọn văn bản nếu đã có trên trang Chính sách pháp luật.",
    )
    text = models.CharField(
        "Tên văn bản",
        max_length=500,
        blank=True,
        help_text="Nhập số ký hiệu và trích yếu nếu văn bản chưa có trên trang.",
    )

    panels = [PageChooserPanel("policy", "home.PolicyPage"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "Căn cứ pháp lý"
        verbose_name_plural = "Căn cứ pháp lý"

    def clean(self) -> None:
        super().clean()
        if not self.policy_id and not (self.text or "").strip():
            raise ValidationError(
                {"text": "Chọn một văn bản trên trang hoặc nhập tên văn bản làm căn cứ."}
            )


class ProcedureIndexPage(FilterableIndexMixin, BasePage):
    """Danh mục thủ tục hành chính: filters by field, level, agency and text; level statistics."""

    intro = RichTextField("Giới thiệu", blank=True, help_text="Đoạn mở đầu trên danh mục.")

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.ProcedurePage"]
    per_page = 20
    template = "home/procedure_index_page.html"
    cache_params = ("field", "level", "agency", "page")
    sitemap_section = PROCEDURES_SECTION

    class Meta:
        verbose_name = "Danh mục thủ tục hành chính"
        verbose_name_plural = "Danh mục thủ tục hành chính"

    def get_meta_description(self) -> str:
        return metadata.describe(self.search_description, self.intro)

    def get_filter_form_class(self) -> type:
        return ProcedureFilterForm

    def base_queryset(self) -> models.QuerySet:
        return (
            visible(ProcedurePage.objects.child_of(self))
            .select_related("sector")
            .order_by("code", "pk")
        )

    def apply_filters(self, queryset: models.QuerySet, data: dict) -> models.QuerySet:
        if data.get("field"):
            queryset = queryset.filter(sector=data["field"])
        if data.get("level"):
            queryset = queryset.filter(level=data["level"])
        if data.get("agency"):
            agency = data["agency"]
            queryset = queryset.filter(
                Q(pk__in=ProcedurePage.implementing_agencies.through.objects.filter(
                    agency=agency).values("procedurepage"))
                | Q(pk__in=ProcedurePage.competent_agencies.through.objects.filter(
                    agency=agency).values("procedurepage"))
                | Q(pk__in=ProcedurePage.coordinating_agencies.through.objects.filter(
                    agency=agency).values("procedurepage"))
            )
        for word in data.get("q_words", []):
            queryset = queryset.filter(filter_text__contains=word)
        return queryset

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["statistics"] = level_statistics(self)
        return context
