"""Editor-managed lists that filters use: lĩnh vực (sectors) and cơ quan (agencies).

Filters need a fixed list of values with stable URL keys, so these are snippets with a folded
slug rather than free text on each page. Procedures and policy documents share them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.search import index

from cms import text


class _NamedTerm(index.Indexed, models.Model):
    """A name, its folded slug (the key in filter URLs) and a display order."""

    name = models.CharField("Tên", max_length=255, unique=True)
    slug = models.SlugField(
        "Mã trên địa chỉ (slug)",
        max_length=255,
        unique=True,
        blank=True,
        help_text="Để trống để tạo tự động từ tên (không dấu, đ → d).",
    )
    order = models.PositiveIntegerField(
        "Thứ tự", default=0, help_text="Số nhỏ đứng trước trong danh sách lọc."
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name = text.clean(self.name or "").strip()
        self.slug = text.slugify(self.slug or self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.name = text.clean(self.name or "").strip()
        self.slug = text.slugify(self.slug or self.name)
        if not self.slug:
            raise ValidationError({"name": "Tên phải có ít nhất một chữ cái hoặc chữ số."})

    @classmethod
    def for_name(cls, name: str) -> _NamedTerm:
        """The term with this name (matched by folded slug), created if missing: for import/demo."""
        name = text.clean(name).strip()
        slug = text.slugify(name)
        if not slug:
            raise ValueError("empty name")
        term = cls.objects.filter(slug=slug).first()
        return term or cls.objects.create(name=name, slug=slug)


class Sector(_NamedTerm):
    """Lĩnh vực: the subject area of a procedure or a legal document (Hoạt động xây dựng…)."""

    class Meta(_NamedTerm.Meta):
        verbose_name = "Lĩnh vực"
        verbose_name_plural = "Lĩnh vực"


class Agency(_NamedTerm):
    """Cơ quan: who carries out a procedure, or who issued a document (Chính phủ, Bộ Xây dựng…)."""

    class Meta(_NamedTerm.Meta):
        verbose_name = "Cơ quan"
        verbose_name_plural = "Cơ quan"
