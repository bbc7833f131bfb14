"""Hỏi đáp – phản ánh, kiến nghị: citizens' questions, their tracking, and the public answers.

A submission is a private model (``Question``: personal data, status, tracking code) that only
the people who answer see, through a snippet viewset in the admin. Publishing an answer makes a
``QuestionPage`` (child of the ``/hoi-dap/`` index) that holds no contact data at all, so that
the site search, the sitemap and the page cache treat answered questions like every page.
"""

from __future__ import annotations

import secrets
import uuid
from pathlib import PurePosixPath
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from cms import metadata, text
from cms.models import BasePage
from cms.pages import ResultType, SitemapSection
from cms.storage import private_storage

from .listing import FilterableIndexMixin, folded_text
from .taxonomy import Agency, Sector

# Letters and digits a person reads back without confusion (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8  # 31**8 ≈ 8.5·10^11 codes: guessing one is hopeless at any rate limit


QUESTIONS_SECTION = SitemapSection("hoi-dap", 40)


def new_tracking_code() -> str:
    """``HD-7K3M-Q9TX``: random, not sequential, so a code says nothing about another."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"HD-{chars[:4]}-{chars[4:]}"


def normalize_code(value: str) -> str | None:
    """A typed code in the stored form, or ``None`` when it cannot be one (no query needed)."""
    raw = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    if raw.startswith("HD"):
        raw = raw[2:]
    if len(raw) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in raw):
        return None
    return f"HD-{raw[:4]}-{raw[4:]}"


def short_name(name: str) -> str:
    """What the public list shows of a name: initials of the family and middle names and the
    given name (``Nguyễn Văn An`` → ``N. V. An``); never the contacts."""
    words = text.normalize(name or "").split()
    if not words:
        return "Bạn đọc"
    if len(words) == 1:
        return words[0][:1].upper() + "."
    return " ".join([*(w[:1].upper() + "." for w in words[:-1]), words[-1]])


def attachment_path(instance: models.Model, filename: str) -> str:
    """An unguessable name that keeps only the extension: the asker's file name can be personal."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"hoi-dap/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Question(models.Model):
    """One question or piece of feedback, with the asker's personal data (never shown publicly)."""

    RECEIVED, ASSIGNED, ANSWERED, PUBLISHED, CLOSED = (
        "received", "assigned", "answered", "published", "closed"
    )
    STATUS_CHOICES = [
        (RECEIVED, "Đã tiếp nhận"),
        (ASSIGNED, "Đã chuyển đơn vị xử lý"),
        (ANSWERED, "Đã trả lời"),
        (PUBLISHED, "Đã công khai"),
        (CLOSED, "Đã đóng"),
    ]
    KIND_CHOICES = [
        ("hoi-dap", "Hỏi đáp"),
        ("phan-anh", "Phản ánh"),
        ("kien-nghi", "Kiến nghị"),
    ]

    tracking_code = models.CharField("Mã theo dõi", max_length=16, unique=True, editable=False)
    kind = models.CharField("Loại", max_length=16, choices=KIND_CHOICES, default="hoi-dap")
    name = models.CharField("Họ và tên", max_length=120)
    email = models.EmailField("Thư điện tử", max_length=254)
    phone = models.CharField("Điện thoại", max_length=20, blank=True)
    address = models.CharField("Địa chỉ", max_length=255, blank=True)
    sector = models.ForeignKey(
        Sector, verbose_name="Lĩnh vực", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField("Tiêu đề", max_length=200)
    body = models.TextField("Nội dung câu hỏi")
    # Personal data: in the private storage (never under MEDIA_ROOT, no URL), read through
    # the admin's checked view (home.citizens.files).
    attachment = models.FileField(
        "Tệp đính kèm", upload_to=attachment_path, storage=private_storage, blank=True,
        max_length=255,
    )
    consent_at = models.DateTimeField("Đồng ý xử lý dữ liệu cá nhân lúc", null=True, blank=True)

    status = models.CharField(
        "Trạng thái", max_length=16, choices=STATUS_CHOICES, default=RECEIVED, db_index=True
    )
    unit = models.ForeignKey(
        Agency, verbose_name="Đơn vị xử lý", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = RichTextField("Nội dung trả lời", blank=True)
    answer_document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="Tệp đính kèm câu trả lời", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    page = models.OneToOneField(
        "home.QuestionPage", verbose_name="Trang công khai", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="source",
    )

    created_at = models.DateTimeField("Ngày gửi", default=timezone.now, db_index=True)
    answered_at = models.DateTimeField("Ngày trả lời", null=True, blank=True)
    closed_at = models.DateTimeField("Ngày đóng", null=True, blank=True)
    personal_data_removed_at = models.DateTimeField(
        "Đã xóa dữ liệu cá nhân lúc", null=True, blank=True
    )

    class Meta:
        verbose_name = "Câu hỏi, phản ánh"
        verbose_name_plural = "Hỏi đáp – phản ánh, kiến nghị"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.tracking_code} · {self.subject}"

    def save(self, *args, **kwargs) -> None:
        if not self.tracking_code:
            code = new_tracking_code()
            while Question.objects.filter(tracking_code=code).exists():  # pragma: no cover
                code = new_tracking_code()
            self.tracking_code = code
        super().save(*args, **kwargs)

    @property
    def public_name(self) -> str:
        return short_name(self.name)

    @property
    def is_answered(self) -> bool:
        return bool(self.answer) and self.status in {self.ANSWERED, self.PUBLISHED, self.CLOSED}

    def remove_personal_data(self) -> None:
        """Nghị định 13/2023: what identifies the asker goes; the question and answer stay."""
        if self.attachment:
            self.attachment.delete(save=False)
        self.name = short_name(self.name)
        self.email = ""
        self.phone = ""
        self.address = ""
        self.attachment = ""
        self.personal_data_removed_at = timezone.now()
        self.save()


class QuestionIndexPage(RoutablePageMixin, FilterableIndexMixin, BasePage):
    """``/hoi-dap/``: the answered questions (cacheable), the form (``gui-cau-hoi/``) and the
    status lookup (``tra-cuu/``) — the last two are private, never stored by a cache."""

    intro = RichTextField("Giới thiệu", blank=True)
    privacy_notice = RichTextField(
        "Thông báo xử lý dữ liệu cá nhân",
        blank=True,
        help_text="Hiện trên biểu mẫu, cạnh ô đồng ý (Nghị định 13/2023/NĐ-CP).",
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("privacy_notice")]
    subpage_types = ["home.QuestionPage"]
    max_count = 1
    per_page = 20
    sitemap_section = QUESTIONS_SECTION

    class Meta:
        verbose_name = "Trang hỏi đáp"
        verbose_name_plural = "Trang hỏi đáp"

    def get_filter_form_class(self) -> type:
        from home.citizens.forms import QuestionFilterForm

        return QuestionFilterForm

    def base_queryset(self) -> models.QuerySet:
        return (
            QuestionPage.objects.live().public().child_of(self)
            .select_related("sector", "unit")
            .order_by("-answered_at", "-pk")
        )

    def apply_filters(self, queryset: models.QuerySet, data: dict) -> models.QuerySet:
        if data.get("field"):
            queryset = queryset.filter(sector=data["field"])
        for word in data.get("q_words", []):
            queryset = queryset.filter(folded__contains=word)
        return queryset

    @path("")
    def index_route(self, request: HttpRequest):
        return self.render(request)

    @path("gui-cau-hoi/")
    def ask_route(self, request: HttpRequest):
        from home.citizens.questions import ask

        return ask(self, request)

    @path("tra-cuu/")
    def lookup_route(self, request: HttpRequest):
        from home.citizens.questions import lookup

        return lookup(self, request)


class QuestionPage(BasePage):
    """A published question and its answer: no name beyond initials, never a contact."""

    kind = models.CharField("Loại", max_length=16, choices=Question.KIND_CHOICES, default="hoi-dap")
    asker = models.CharField("Người hỏi (đã rút gọn)", max_length=120, blank=True)
    sector = models.ForeignKey(
        Sector, verbose_name="Lĩnh vực", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        Agency, verbose_name="Đơn vị trả lời", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    question = models.TextField("Câu hỏi")
    answer = RichTextField("Trả lời")
    answer_document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="Tệp đính kèm câu trả lời", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    asked_at = models.DateTimeField("Ngày hỏi", null=True, blank=True)
    answered_at = models.DateTimeField("Ngày trả lời", null=True, blank=True, db_index=True)
    folded = models.TextField(editable=False, blank=True, default="")

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("kind"), FieldPanel("asker"), FieldPanel("sector")]),
             FieldPanel("question")],
            heading="Câu hỏi",
        ),
        MultiFieldPanel(
            [FieldPanel("unit"), FieldPanel("answer"), FieldPanel("answer_document"),
             FieldRowPanel([FieldPanel("asked_at"), FieldPanel("answered_at")])],
            heading="Trả lời",
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("question", boost=2),
        index.SearchField("answer"),
        index.FilterField("sector"),
    ]
    parent_page_types = ["home.QuestionIndexPage"]
    subpage_types: list[str] = []
    search_result_type = ResultType.QUESTION
    sitemap_section = QUESTIONS_SECTION

    class Meta:
        verbose_name = "Câu hỏi đã trả lời"
        verbose_name_plural = "Câu hỏi đã trả lời"

    def get_meta_description(self) -> str:
        """Its own description, else the question itself (~160 characters)."""
        return metadata.describe(self.search_description, self.question)

    def get_json_ld(self, request: HttpRequest) -> dict[str, Any]:
        """schema.org ``QAPage``: the question and its accepted answer (no asker's name)."""
        answered = self.answered_at or self.last_published_at
        return metadata.without_empty({
            "@context": "https://schema.org",
            "@type": "QAPage",
            "url": metadata.canonical_url(request),
            "inLanguage": "vi",
            "mainEntity": metadata.without_empty({
                "@type": "Question",
                "name": self.title,
                "text": text.plain_text(self.question),
                "dateCreated": self.asked_at.isoformat() if self.asked_at else None,
                "answerCount": 1,
                "acceptedAnswer": metadata.without_empty({
                    "@type": "Answer",
                    "text": text.plain_text(self.answer),
                    "dateCreated": answered.isoformat() if answered else None,
                    "url": metadata.canonical_url(request),
                    "author": metadata.organization(request),
                }),
            }),
        })

    def save(self, *args, **kwargs) -> None:
        self.folded = folded_text(self.title, self.question, text.plain_text(self.answer))
        super().save(*args, **kwargs)
