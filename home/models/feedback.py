"""“Thông tin có hữu ích không?”: one anonymous vote per reader per page (Nghị định 42/2022,
Điều 8.1d — rating of the information).

A vote is a page, yes or no, an optional reason from a fixed list, and the day: nothing about
the reader (no address, no cookie value, no free text that could hold personal data). One vote
per reader per page is kept by a signed cookie on the reader's side (``home.citizens.votes``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Count, ExpressionWrapper, F, FloatField, Q, QuerySet
from django.utils import timezone

REASON_CHOICES = [
    ("", "Không nêu lý do"),
    ("thieu", "Thông tin chưa đầy đủ"),
    ("kho-hieu", "Khó hiểu"),
    ("loi-thoi", "Thông tin đã cũ"),
    ("khong-dung", "Không phải thông tin tôi cần"),
    ("loi", "Có lỗi (liên kết hỏng, tệp không mở được…)"),
    ("khac", "Lý do khác"),
]


class PageVote(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="Trang", on_delete=models.CASCADE,
        related_name="citizen_votes",
    )
    useful = models.BooleanField("Hữu ích")
    reason = models.CharField("Lý do", max_length=16, choices=REASON_CHOICES, blank=True)
    day = models.DateField("Ngày", default=timezone.localdate)

    class Meta:
        verbose_name = "Đánh giá trang"
        verbose_name_plural = "Đánh giá trang"
        indexes = [models.Index(fields=["page", "useful"], name="home_pagevote_page_useful")]

    def __str__(self) -> str:
        return f"{self.page_id}: {'có' if self.useful else 'không'}"


def least_useful(min_votes: int = 1) -> QuerySet:
    """Pages with votes, least useful first: ``yes``, ``no``, ``votes``, ``share`` (of yes)."""
    from wagtail.models import Page

    return (
        Page.objects.annotate(
            yes=Count("citizen_votes", filter=Q(citizen_votes__useful=True)),
            no=Count("citizen_votes", filter=Q(citizen_votes__useful=False)),
        )
        .annotate(votes=F("yes") + F("no"))
        .filter(votes__gte=min_votes)
        .annotate(share=ExpressionWrapper(F("yes") * 1.0 / F("votes"), output_field=FloatField()))
        .order_by("share", "-no", "title")
    )
