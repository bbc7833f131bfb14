"""The Vietnamese search index (one row per indexed object) and the record of fruitless queries.

The row holds what Django needs to find the object again and, for a page, a copy of the page's
filter columns (see ``search.filters``); the searchable text lives in columns the engine owns,
added by migration ``0002`` for the database in use:

- PostgreSQL: three ``tsvector`` columns (``title``, ``body``, ``extra``), the first two with
  GIN indexes.
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
    # A page's own filter columns, mirrored (empty for other objects): a search of live, public
    # pages filters here instead of joining the page table for every match. Which pages a
    # visitor sees is still decided by the page queryset, on the page of results.
    live = models.BooleanField("Đang xuất bản", null=True, blank=True)
    path = models.CharField("Vị trí trong cây trang", max_length=255, null=True, blank=True)
    depth = models.PositiveIntegerField("Độ sâu", null=True, blank=True)
    expire_at = models.DateTimeField("Hết hạn lúc", null=True, blank=True)
    go_live_at = models.DateTimeField("Xuất bản lúc", null=True, blank=True)
    locale_id = models.IntegerField("Ngôn ngữ", null=True, blank=True)

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


class Synonym(models.Model):
    """An abbreviation or another name, and what it stands for: editors keep these, and a query
    holding any of the forms finds pages spelling any other (``search.synonyms``)."""

    term = models.CharField(
        "Từ viết tắt hoặc từ khóa", max_length=100, unique=True,
        help_text="Ví dụ: TP.HCM, UBND, GPXD.",
    )
    expansions = models.TextField(
        "Các cách viết tương đương",
        help_text="Mỗi dòng một cách viết, ví dụ: Thành phố Hồ Chí Minh. Tìm một cách viết bất "
        "kỳ sẽ thấy cả các trang dùng cách viết khác.",
    )

    class Meta:
        verbose_name = "Từ đồng nghĩa, viết tắt"
        verbose_name_plural = "Từ đồng nghĩa, viết tắt"
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term

    def forms(self) -> list[str]:
        """The term and each non-empty line of its expansions (commas also separate)."""
        lines = [part.strip() for line in self.expansions.splitlines() for part in line.split(",")]
        return [self.term.strip(), *[line for line in lines if line]]
