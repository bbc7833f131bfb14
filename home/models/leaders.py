"""The ministry's leaders and its focal-point officials (Nghị định 42/2022/NĐ-CP, Điều 4.1e).

Snippets with drafts and revisions, edited by the portal's administrators; what is translated
sits in ``*_en`` fields beside the Vietnamese, as for units (``home.models.units``): a person is
one record whatever the language, so an English list cannot lose or reorder anyone.
"""

from __future__ import annotations

from django.db import models

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

from cms import text

_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class Leader(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A minister or deputy minister: photo, title, fields and units in charge, biography."""

    name = models.CharField("Họ và tên", max_length=255)
    title = models.CharField("Chức vụ", max_length=255, help_text="Ví dụ: Bộ trưởng.")
    title_en = models.CharField("Chức vụ (tiếng Anh)", max_length=255, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", verbose_name="Ảnh", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    portfolio = RichTextField("Lĩnh vực phụ trách", blank=True, features=_FEATURES)
    portfolio_en = RichTextField("Lĩnh vực phụ trách (tiếng Anh)", blank=True, features=_FEATURES)
    units = ParentalManyToManyField(
        "home.UnitSite", verbose_name="Đơn vị phụ trách", blank=True, related_name="leaders",
    )
    biography = RichTextField("Tiểu sử tóm tắt", blank=True, features=_FEATURES)
    biography_en = RichTextField("Tiểu sử tóm tắt (tiếng Anh)", blank=True, features=_FEATURES)
    term = models.CharField(
        "Thời gian giữ chức vụ", max_length=64, blank=True, help_text="Ví dụ: 2021 – nay.",
    )
    rank = models.PositiveIntegerField(
        "Thứ tự", default=0, help_text="Theo cấp bậc: Bộ trưởng trước, rồi các Thứ trưởng.",
    )
    current = models.BooleanField(
        "Đương nhiệm", default=True,
        help_text="Bỏ chọn khi lãnh đạo thôi giữ chức vụ: họ chuyển sang danh sách lãnh đạo "
        "qua các thời kỳ, không bị xoá.",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("photo")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
        FieldPanel("portfolio"),
        FieldPanel("portfolio_en"),
        FieldPanel("units"),
        FieldPanel("biography"),
        FieldPanel("biography_en"),
        FieldRowPanel([FieldPanel("term"), FieldPanel("rank"), FieldPanel("current")]),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["-current", "rank", "name"]
        verbose_name = "Lãnh đạo Bộ"
        verbose_name_plural = "Lãnh đạo Bộ"

    def __str__(self) -> str:
        return f"{self.title} {self.name}"

    def in_language(self, field: str, language: str) -> str:
        return text.in_language(self, field, language)

    def save(self, *args, **kwargs) -> None:
        self.name = text.clean(self.name).strip()
        super().save(*args, **kwargs)


class FocalPoint(DraftStateMixin, RevisionMixin, models.Model):
    """An official to contact for a matter (the portal, the press, citizens' requests…)."""

    name = models.CharField("Họ và tên", max_length=255)
    title = models.CharField("Chức vụ", max_length=255)
    title_en = models.CharField("Chức vụ (tiếng Anh)", max_length=255, blank=True)
    responsibility = models.CharField(
        "Đầu mối về", max_length=255, help_text="Ví dụ: Cung cấp thông tin cho báo chí.",
    )
    responsibility_en = models.CharField("Đầu mối về (tiếng Anh)", max_length=255, blank=True)
    phone = models.CharField("Điện thoại", max_length=64, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    order = models.PositiveIntegerField("Thứ tự", default=0)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("order")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
        FieldRowPanel([FieldPanel("responsibility"), FieldPanel("responsibility_en")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("phone"), FieldPanel("email")])], heading="Liên hệ"
        ),
    ]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "Người phát ngôn, đầu mối liên hệ"
        verbose_name_plural = "Người phát ngôn, đầu mối liên hệ"

    def __str__(self) -> str:
        return f"{self.name} ({self.responsibility})"

    def in_language(self, field: str, language: str) -> str:
        return text.in_language(self, field, language)
