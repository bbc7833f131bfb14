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
from django.utils.functional import cached_property
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
    LEGACY_LEVELS,
    LEVEL_CHOICES,
    LEVEL_SLUGS,
    Channel,
    ExecutionLevel,
    Level,
    level_of,
    parse_level,
)
from home.forms import ProcedureFilterForm

from .listing import FilterableIndexMixin, folded_text
from .taxonomy import Agency, Sector

# ``sitemap-thu-tuc.xml``: the catalogue and its procedures.
PROCEDURES_SECTION = SitemapSection("thu-tuc", 20)

# --- Online service levels: the one place that says what a level means -------------------
# (the members are home.choices.Level, which the catalogue's filter offers too)

def classify(level: int | None) -> str:
    """The level in a sentence: ``toàn trình``, ``một phần``, ``cung cấp thông tin``."""
    current = level_of(level)
    return current.label.lower() if current else ""


@dataclass(frozen=True)
class LevelCount:
    """One row of the statistics panel: a level of Nghị định 42, its count and share."""

    level: Level
    count: int
    total: int

    @property
    def classification(self) -> str:
        return classify(self.level)

    @property
    def slug(self) -> str:
        return self.level.slug

    @property
    def percent(self) -> str:
        return text.format_percent(self.count, self.total)

    @property
    def noun(self) -> str:
        """``dịch vụ toàn trình``, ``dịch vụ một phần``, ``thủ tục cung cấp thông tin``."""
        # Each wording spelled out, so that the English catalogue has them.
        if self.level == Level.INFORMATION:
            return gettext("thủ tục cung cấp thông tin")
        if self.level == Level.FULL:
            return gettext("dịch vụ toàn trình")
        return gettext("dịch vụ một phần")

    @property
    def label(self) -> str:
        """``20 dịch vụ toàn trình, 40,82%``."""
        return f"{text.format_number(self.count)} {self.noun}, {self.percent}"


@dataclass(frozen=True)
class LevelStatistics:
    total: int
    rows: tuple[LevelCount, ...]

    def for_level(self, level: object) -> LevelCount:
        """The row of a level, named as ``parse_level`` accepts it (``4``, ``toàn trình``)."""
        wanted = parse_level(level)
        return next(row for row in self.rows if row.level == wanted)


def level_statistics(parent: BasePage | None = None) -> LevelStatistics:
    """Live procedures counted by level, in ONE query; shared by catalogue, home page and admin.

    Shares are of all live procedures (the seed's "20 dịch vụ … 40,81% số thủ tục hành chính"),
    rounded half-up to two decimals by ``cms.text.format_percent``. Stored numbers are read
    through ``level_of``, so a row written before the decree's levels counts where it belongs.
    """
    queryset = ProcedurePage.objects.live().filter(unexpired_q())
    if parent is not None:
        queryset = queryset.descendant_of(parent)
    counts: dict[Level, int] = {}
    by_number = queryset.order_by().values_list("level").annotate(n=Count("pk"))
    for number, n in by_number.values_list("level", "n"):
        level = level_of(number)
        if level is not None:
            counts[level] = counts.get(level, 0) + n
    total = sum(counts.values())
    rows = tuple(LevelCount(level, counts.get(level, 0), total) for level in Level)
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

    # The code is unique site-wide: a copy or a translation ("Dịch") starts without one, and
    # its editor gives it (a translation is the same procedure: see the note in the README).
    exclude_fields_in_copy = ["code"]

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
        help_text="Theo Nghị định 42/2022/NĐ-CP: toàn trình (nộp hồ sơ, nhận kết quả trực "
        "tuyến), một phần, hoặc chỉ cung cấp thông tin.",
    )
    portal_url = models.URLField(
        "Đường dẫn nộp hồ sơ trực tuyến",
        max_length=500,
        blank=True,
        validators=[validate_portal_url],
        help_text="Địa chỉ của thủ tục trên Cổng dịch vụ công Quốc gia (dichvucong.gov.vn).",
    )
    decision_number = models.CharField(
        "Số quyết định công bố",
        max_length=255,
        blank=True,
        help_text="Quyết định công bố thủ tục, ví dụ 1234/QĐ-BXD.",
    )
    reception_address = models.TextField(
        "Địa chỉ tiếp nhận hồ sơ",
        blank=True,
        help_text="Nơi tiếp nhận hồ sơ nộp trực tiếp hoặc qua bưu chính.",
    )
    authorised_agencies = ParentalManyToManyField(
        Agency,
        verbose_name="Cơ quan được ủy quyền",
        related_name="authorised_procedures",
        blank=True,
        help_text="Cơ quan được ủy quyền giải quyết (nếu có).",
    )
    keywords = models.CharField(
        "Từ khóa",
        max_length=500,
        blank=True,
        help_text="Các từ khóa, cách nhau bằng dấu phẩy; dùng cho tìm kiếm.",
    )
    description = models.TextField(
        "Mô tả",
        blank=True,
        help_text="Mô tả ngắn về thủ tục, như trên Cơ sở dữ liệu quốc gia.",
    )
    filter_text = models.TextField(editable=False, blank=True, default="")

    content_panels = [
        FieldPanel("title", heading="Tên thủ tục"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("level")]),
                FieldRowPanel([FieldPanel("sector"), FieldPanel("execution_level")]),
                FieldRowPanel([FieldPanel("procedure_type"), FieldPanel("decision_number")]),
                FieldPanel("portal_url"),
                FieldPanel("description"),
                FieldPanel("keywords"),
            ],
            heading="Thông tin chung",
        ),
        MultiFieldPanel(
            [
                FieldPanel("implementing_agencies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("competent_agencies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("coordinating_agencies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("authorised_agencies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("applicants"),
                FieldPanel("reception_address"),
            ],
            heading="Cơ quan và đối tượng",
        ),
        FieldPanel("steps"),
        InlinePanel("methods", heading="Cách thức thực hiện", label="Cách thức"),
        InlinePanel("dossier_items", heading="Thành phần hồ sơ", label="Giấy tờ"),
        FieldPanel("result"),
        InlinePanel("legal_bases", heading="Căn cứ pháp lý", label="Căn cứ"),
        FieldPanel("requirements"),
        InlinePanel(
            "related_procedures", heading="Thủ tục liên quan", label="Thủ tục liên quan"
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("code", boost=10),
        index.AutocompleteField("code"),
        index.SearchField("keywords", boost=2),
        index.SearchField("description"),
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

    @property
    def level_phrase(self) -> str:
        """``Dịch vụ công trực tuyến toàn trình`` / ``… một phần`` / ``Cung cấp thông tin``."""
        level = level_of(self.level)
        if level is None:
            return ""
        if level == Level.INFORMATION:
            return level.label
        return f"Dịch vụ công trực tuyến {self.classification}"

    def get_meta_description(self) -> str:
        """Its own description, else ``Thủ tục hành chính 1.009972: <tên>``."""
        return metadata.describe(self.search_description, self.description) or Truncator(
            f"Thủ tục hành chính {self.code or ''}: {self.title}"
        ).chars(metadata.DESCRIPTION_LENGTH)

    @cached_property
    def agency_roles(self) -> list[tuple[str, list[Agency]]]:
        """(label, agencies) of each role that has some, in the national database's order:
        read once per page and shared by the template and the JSON-LD (one query a role)."""
        roles = [
            ("implementing_agencies", "Cơ quan thực hiện"),
            ("competent_agencies", "Cơ quan có thẩm quyền"),
            ("authorised_agencies", "Cơ quan được ủy quyền"),
            ("coordinating_agencies", "Cơ quan phối hợp"),
        ]
        found = [(label, list(getattr(self, name).all())) for name, label in roles]
        return [(label, agencies) for label, agencies in found if agencies]

    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]

    def get_json_ld(self, request: HttpRequest) -> dict[str, Any]:
        """schema.org ``GovernmentService`` with the national database's fields: code
        (``identifier``), field (``serviceType``), kind (``category``), level of government
        (``jurisdiction``), publishing decision (``subjectOf`` a ``Legislation``), agencies
        (``provider``: implementing and co-ordinating, each with its role; ``serviceOperator``:
        the competent authority; ``broker``: the authorised agency), channels (online and the
        reception address), related procedures (``isRelatedTo``), keywords on the page."""
        roles = dict(self.agency_roles)

        def organisations(label: str) -> list[dict[str, str]]:
            return [
                {"@type": "GovernmentOrganization", "name": text.plain_text(agency),
                 "description": label}
                for agency in roles.get(label, [])
            ]

        providers = organisations("Cơ quan thực hiện") + organisations("Cơ quan phối hợp")
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": self.title,
            "url": metadata.canonical_url(request),
            "identifier": text.plain_text(self.code or ""),
            "serviceType": text.plain_text(self.sector or ""),
            "category": text.plain_text(self.procedure_type),
            "jurisdiction": self.get_execution_level_display(),
            "description": self.get_meta_description(),
            "provider": providers or {
                "@type": "GovernmentOrganization", "name": metadata.site_name(request)
            },
            "serviceOperator": organisations("Cơ quan có thẩm quyền"),
            "broker": organisations("Cơ quan được ủy quyền"),
            "areaServed": {"@type": "Country", "name": "Việt Nam"},
            "inLanguage": "vi",
        }
        if self.decision_number:
            data["subjectOf"] = {
                "@type": "Legislation",
                "name": f"Quyết định công bố {text.plain_text(self.decision_number)}",
                "legislationIdentifier": text.plain_text(self.decision_number),
            }
        audience = text.plain_text(self.applicants)
        if audience:
            data["audience"] = {"@type": "Audience", "audienceType": audience}
        channels = []
        if self.portal_url:
            channels.append({
                "@type": "ServiceChannel",
                "serviceUrl": str(self.portal_url),
                "name": "Dịch vụ công trực tuyến",
            })
        if self.reception_address:
            channels.append({
                "@type": "ServiceChannel",
                "name": "Tiếp nhận hồ sơ trực tiếp hoặc qua bưu chính",
                "serviceLocation": {
                    "@type": "Place", "address": text.plain_text(self.reception_address)
                },
            })
        if channels:
            data["availableChannel"] = channels[0] if len(channels) == 1 else channels
        if self.keywords:
            data["mainEntityOfPage"] = {
                "@type": "WebPage",
                "url": data["url"],
                "keywords": ", ".join(self.keyword_list()),
            }
        related = self.live_related_procedures()
        if related and request is not None:
            data["isRelatedTo"] = [
                {"@type": "GovernmentService", "name": page.title,
                 "identifier": page.code or "",
                 "url": request.build_absolute_uri(page.get_url(request))}
                for page in related
            ]
        return metadata.without_empty(data)

    def live_related_procedures(self) -> list[ProcedurePage]:
        """The related procedures a reader may follow (live ones), in the editors' order;
        one query, kept for the template and the JSON-LD."""
        if not hasattr(self, "_live_related"):
            links = self.related_procedures.select_related("procedure")
            self._live_related = [link.procedure for link in links if link.procedure.live]
        return self._live_related

    def compute_filter_text(self) -> str:
        """What the catalogue's text box matches (set on save; bulk loaders must set it)."""
        return folded_text(self.code or "", self.title, self.applicants, self.keywords)

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
        context["related"] = self.live_related_procedures()
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


class ProcedureRelation(Orderable):
    """Thủ tục liên quan: another procedure of the catalogue, as the national database lists."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="related_procedures")
    procedure = models.ForeignKey(
        ProcedurePage,
        verbose_name="Thủ tục",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Chọn thủ tục liên quan trong danh mục.",
    )

    panels = [PageChooserPanel("procedure", "home.ProcedurePage")]

    class Meta(Orderable.Meta):
        verbose_name = "Thủ tục liên quan"
        verbose_name_plural = "Thủ tục liên quan"

    def clean(self) -> None:
        super().clean()
        if self.procedure_id and self.procedure_id == self.page_id:
            raise ValidationError({"procedure": "Một thủ tục không thể liên quan đến chính nó."})


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
            level = parse_level(data["level"])
            numbers = [n for n, current in LEGACY_LEVELS.items() if current == level]
            queryset = queryset.filter(level__in=numbers)
        if data.get("agency"):
            agency = data["agency"]
            queryset = queryset.filter(
                Q(pk__in=ProcedurePage.implementing_agencies.through.objects.filter(
                    agency=agency).values("procedurepage"))
                | Q(pk__in=ProcedurePage.competent_agencies.through.objects.filter(
                    agency=agency).values("procedurepage"))
                | Q(pk__in=ProcedurePage.coordinating_agencies.through.objects.filter(
                    agency=agency).values("procedurepage"))
                | Q(pk__in=ProcedurePage.authorised_agencies.through.objects.filter(
                    agency=agency).values("procedurepage"))
            )
        for word in data.get("q_words", []):
            queryset = queryset.filter(filter_text__contains=word)
        return queryset

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["statistics"] = level_statistics(self)
        return context
