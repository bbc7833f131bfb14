"""The Vietnamese search index (one row per indexed object) and the record of fruitless queries.

The row itself holds only what Django needs to find the object again; the searchable text lives
in columns the engine owns, added by migration ``0001`` for the database in use:

- PostgreSQL: three ``tsvector`` columns (``title``, ``body``, ``extra``) with GIN indexes.
- SQLite: the FTS5 table ``search_searchentry_fts`` (same three columns, rowid = this row's id).

``search.backend`` writes and queries them with SQL; nothing here is read in Python.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query


class SearchEntry(models.Model):
    """One indexed object: its type and key, and a date to break ties (newest first)."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name="Kiểu nội dung"
    )
    object_id = models.CharField("Mã đối tượng", max_length=50)
    # The same key as a number when the model's key is one: pages are joined on it cheaply.
    object_int = models.BigIntegerField("Mã số đối tượng", null=True, blank=True)
    published_at = models.DateTimeField("Ngày đăng", null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "Mục chỉ mục tìm kiếm"
        verbose_name_plural = "Chỉ mục tìm kiếm"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_entry_unique_object"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"


class ZeroResultHits(models.Model):
    """How many times a day a query found nothing: what editors should fix or promote."""

    query = models.ForeignKey(
        Query, on_delete=models.CASCADE, related_name="zero_result_hits", verbose_name="Từ khóa"
    )
    date = models.DateField("Ngày", default=timezone.localdate)
    hits = models.PositiveIntegerField("Số lần", default=0)

    class Meta:
        verbose_name = "Tìm kiếm không có kết quả"
        verbose_name_plural = "Tìm kiếm không có kết quả"
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="search_zero_hits_unique_day"),
        ]

    def __str__(self) -> str:
        return f"{self.query} ({self.date}: {self.hits})"
