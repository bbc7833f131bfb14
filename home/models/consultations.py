"""Lấy ý kiến dự thảo: draft documents open for public comment (Nghị định 42/2022, Điều 8.1c).

A ``DraftPage`` holds the draft (unit, summary, files, comment period, contact, the articles a
comment may be about) and, once the period is over, the drafting unit's report (báo cáo tổng
hợp, tiếp thu, giải trình). Comments are a private model, moderated in the admin before they
show; the form closes by itself when the period ends (``is_open`` reads the clock).
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms import text
from cms.models import BasePage
from cms.pages import SitemapSection
from cms.storage import private_storage

from .listing import FilterableIndexMixin, folded_text
from .questions import short_name
from .taxonomy import Agency

DRAFTS_SECTION = SitemapSection("du-thao", 50)


class ConsultationIndexPage(FilterableIndexMixin, BasePage):
    """``/lay-y-kien-du-thao/``: the drafts, open ones first, filterable by status and words."""

    intro = RichTextField("Giới thiệu", blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["home.DraftPage"]
    max_count = 1
    per_page = 20
    sitemap_section = DRAFTS_SECTION

    class Meta:
        verbose_name = "Trang lấy ý kiến dự thảo"
        verbose_name_plural = "Trang lấy ý kiến dự thảo"

    def get_filter_form_class(self) -> type:
        from home.citizens.forms import DraftFilterForm

        return DraftFilterForm

    def base_queryset(self) -> models.QuerySet:
        today = timezone.localdate()
        return (
            DraftPage.objects.live().public().child_of(self)
            .select_related("drafting_unit")
            .annotate(
                open_now=models.Case(
                    models.When(opens_on__lte=today, closes_on__gte=today, then=True),
                    default=False, output_field=models.BooleanField(),
                )
            )
            .order_by("-open_now", "-closes_on", "-pk")
        )

    def apply_filters(self, queryset: models.QuerySet, data: dict) -> models.QuerySet:
        if data.get("status") == "dang-lay-y-kien":
            queryset = queryset.filter(open_now=True)
        elif data.get("status") == "da-ket-thuc":
            queryset = queryset.filter(open_now=False)
        for word in data.get("q_words", []):
            queryset = queryset.filter(folded__contains=word)
        return queryset


class DraftPage(RoutablePageMixin, BasePage):
    """One draft open (or closed) for comment; the form is at ``gop-y/``."""

    drafting_unit = models.ForeignKey(
        Agency, verbose_name="Cơ quan chủ trì soạn thảo", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    summary = RichTextField("Tóm tắt nội dung dự thảo")
    opens_on = models.DateField("Bắt đầu lấy ý kiến")
    closes_on = models.DateField("Hết hạn lấy ý kiến", help_text="Hết ngày này, biểu mẫu tự đóng.")
    contact = RichTextField(
        "Đầu mối liên hệ", blank=True, help_text="Đơn vị, người liên hệ, điện thoại, thư điện tử."
    )
    articles = models.TextField(
        "Các điều của dự thảo", blank=True,
        help_text="Mỗi dòng một điều (ví dụ: “Điều 1. Phạm vi điều chỉnh”); người góp ý chọn "
        "điều mình góp ý. Để trống nếu góp ý chung.",
    )
    report = RichTextField(
        "Báo cáo tổng hợp, tiếp thu, giải trình", blank=True,
        help_text="Công bố sau khi hết hạn lấy ý kiến.",
    )
    report_document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="Tệp báo cáo tổng hợp", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    folded = models.TextField(editable=False, blank=True, default="")

    content_panels = BasePage.content_panels + [
        FieldPanel("drafting_unit"),
        FieldPanel("summary"),
        InlinePanel("files", label="Tệp dự thảo"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")],
                      heading="Thời hạn lấy ý kiến"),
        FieldPanel("contact"),
        FieldPanel("articles"),
        MultiFieldPanel([FieldPanel("report"), FieldPanel("report_document")],
                        heading="Sau khi hết hạn"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("summary", boost=2)]
    parent_page_types = ["home.ConsultationIndexPage"]
    subpage_types: list[str] = []
    sitemap_section = DRAFTS_SECTION

    class Meta:
        verbose_name = "Dự thảo lấy ý kiến"
        verbose_name_plural = "Dự thảo lấy ý kiến"

    def clean(self) -> None:
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "Ngày hết hạn phải sau ngày bắt đầu."})

    def save(self, *args, **kwargs) -> None:
        self.folded = folded_text(self.title, text.plain_text(self.summary))
        super().save(*args, **kwargs)

    def is_open_on(self, day: dt.date) -> bool:
        return bool(self.opens_on and self.closes_on and self.opens_on <= day <= self.closes_on)

    @property
    def is_open(self) -> bool:
        """Open from the first day to the end of the last, in Vietnam's time."""
        return self.is_open_on(timezone.localdate())

    @property
    def has_closed(self) -> bool:
        return bool(self.closes_on and timezone.localdate() > self.closes_on)

    def article_choices(self) -> list[str]:
        return [line.strip() for line in (self.articles or "").splitlines() if line.strip()]

    def published_comments(self) -> models.QuerySet:
        return self.comments.filter(status=DraftComment.APPROVED).order_by("created_at", "pk")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["comments"] = self.published_comments()
        return context

    @path("")
    def index_route(self, request: HttpRequest):
        return self.render(request)

    @path("gop-y/")
    def comment_route(self, request: HttpRequest):
        from home.citizens.consultations import comment

        return comment(self, request)

    @path("gop-y/da-gui/")
    def sent_route(self, request: HttpRequest):
        from home.citizens.consultations import sent

        return sent(self, request)


class DraftFile(Orderable):
    page = ParentalKey(DraftPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="Tệp", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("Tên hiển thị", max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp dự thảo"
        verbose_name_plural = "Tệp dự thảo"


def comment_attachment_path(instance: models.Model, filename: str) -> str:
    """An unguessable name that keeps only the extension (as for questions)."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"gop-y-du-thao/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class DraftComment(models.Model):
    """A comment on a draft: private until a moderator approves it; then shown without contacts."""

    PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
    STATUS_CHOICES = [(PENDING, "Chờ duyệt"), (APPROVED, "Đã duyệt (hiện công khai)"),
                      (REJECTED, "Không duyệt")]

    draft = models.ForeignKey(
        DraftPage, verbose_name="Dự thảo", on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField("Họ và tên", max_length=120)
    organisation = models.CharField("Cơ quan, tổ chức", max_length=255, blank=True)
    email = models.EmailField("Thư điện tử", max_length=254, blank=True)
    article = models.CharField("Góp ý cho", max_length=255, blank=True)
    comment = models.TextField("Nội dung góp ý")
    # Personal data: in the private storage (never under MEDIA_ROOT, no URL), read through
    # the admin's checked view (home.citizens.files).
    attachment = models.FileField(
        "Tệp đính kèm", upload_to=comment_attachment_path, storage=private_storage, blank=True,
        max_length=255,
    )
    status = models.CharField("Trạng thái", max_length=16, choices=STATUS_CHOICES,
                              default=PENDING, db_index=True)
    created_at = models.DateTimeField("Ngày gửi", default=timezone.now)
    consent_at = models.DateTimeField("Đồng ý xử lý dữ liệu cá nhân lúc", null=True, blank=True)

    class Meta:
        verbose_name = "Góp ý dự thảo"
        verbose_name_plural = "Góp ý dự thảo"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.public_name} – {self.draft.title}"[:120]

    @property
    def public_name(self) -> str:
        return short_name(self.name)

    @property
    def draft_title(self) -> str:
        return self.draft.title

