"""Filter forms of the procedure catalogue, the document list and the disclosure lists (GET
parameters of DESIGN.md).

A bad value is a form error in Vietnamese; the page then shows an empty, explained result.
The index pages import these forms; the forms import no page model (only choices and terms).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms

from cms import text

from .choices import (
    DISCLOSURE_CATEGORY_CHOICES,
    DOC_TYPE_CHOICES,
    STATUS_CHOICES,
    Level,
    parse_level,
)
from .models.listing import query_words
from .models.taxonomy import Agency, Sector

MAX_QUERY = 200
NUL = {"null_characters_not_allowed": "Giá trị chứa ký tự không hợp lệ."}


class _FilterForm(forms.Form):
    """Shared behaviour: a folded text box and the query string to keep across pages."""

    q = forms.CharField(
        label="Từ khóa",
        required=False,
        max_length=MAX_QUERY,
        error_messages={
            "max_length": "Từ khóa dài quá %(limit_value)d ký tự (đang có %(show_value)d).",
            "null_characters_not_allowed": "Từ khóa chứa ký tự không hợp lệ.",
        },
    )

    def __init__(self, data=None, *args, **kwargs) -> None:
        # A NUL byte would reach the database (PostgreSQL refuses it) or the error message:
        # take it out and report the field instead.
        self.nul_fields: list[str] = []
        if data is not None:
            data = data.copy()
            for key in list(data.keys()):
                values = data.getlist(key)
                if any("\x00" in value for value in values):
                    self.nul_fields.append(key)
                    data.setlist(key, [value.replace("\x00", "") for value in values])
        super().__init__(data, *args, **kwargs)

    def clean_q(self) -> str:
        return text.normalize(self.cleaned_data.get("q") or "").strip()

    def clean(self) -> dict:
        data = super().clean()
        for name in self.nul_fields:
            if name in self.fields:
                self.add_error(name, NUL["null_characters_not_allowed"])
        data["q_words"] = query_words(data.get("q") or "")
        return data

    def has_filters(self) -> bool:
        return any(value for key, value in self.cleaned_data.items() if key != "q_words")

    def querystring(self) -> str:
        """The valid filters as a URL query, for pagination links (keys in form order)."""
        pairs = []
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            pairs.append((name, getattr(value, "slug", value)))
        return urlencode(pairs)


def _term_field(model: type, label: str, empty: str, unknown: str) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=model.objects.all(),
        to_field_name="slug",
        required=False,
        label=label,
        empty_label=empty,
        error_messages={"invalid_choice": unknown, **NUL},
    )


def _year_field(label: str) -> forms.IntegerField:
    """A year filter (1945–2100); its messages name the field as the reader sees it."""
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1945,
        max_value=2100,
        error_messages={
            "invalid": f"{label} phải là một số, ví dụ 2019.",
            "min_value": f"{label} không thể trước %(limit_value)s.",
            "max_value": f"{label} không thể sau %(limit_value)s.",
            **NUL,
        },
    )


class ProcedureFilterForm(_FilterForm):
    """``field`` (lĩnh vực slug), ``level`` (``toan-trinh``, ``mot-phan``,
    ``cung-cap-thong-tin``; old 1–4 accepted), ``agency`` (cơ quan slug), ``q``."""

    field_order = ["q", "field", "level", "agency"]

    field = _term_field(
        Sector, "Lĩnh vực", "Tất cả lĩnh vực", "Không có lĩnh vực này trong danh mục."
    )
    level = forms.ChoiceField(
        label="Dịch vụ công trực tuyến",
        required=False,
        choices=[("", "Tất cả")] + [(level.slug, level.label) for level in Level],
        error_messages={
            "invalid_choice": "Mức độ “%(value)s” không hợp lệ: chọn toàn trình, một phần "
            "hoặc cung cấp thông tin.",
            **NUL,
        },
    )
    agency = _term_field(
        Agency, "Cơ quan", "Tất cả cơ quan", "Không có cơ quan này trong danh mục."
    )

    def __init__(self, data=None, *args, **kwargs) -> None:
        """Links made before Nghị định 42's levels (``?level=4``, ``?level=2``) and the words
        themselves (``Toàn trình``) are read as ``parse_level`` reads an import file: the form
        then shows, and its pagination links carry, the level's slug."""
        super().__init__(data, *args, **kwargs)
        raw = self.data.get("level") if self.is_bound else None
        if raw:
            try:
                slug = parse_level(raw).slug
            except ValueError:
                return  # refused by the field, in the reader's words
            if slug != raw:
                self.data = self.data.copy()
                self.data["level"] = slug


class PolicyFilterForm(_FilterForm):
    """``type``, ``issuer``, ``year``, ``field``, ``status``, ``q``."""

    field_order = ["q", "type", "issuer", "year", "field", "status"]

    type = forms.ChoiceField(
        label="Loại văn bản",
        required=False,
        choices=[("", "Tất cả loại văn bản")] + DOC_TYPE_CHOICES,
        error_messages={
            "invalid_choice": "Loại văn bản “%(value)s” không có trong danh mục.",
            **NUL,
        },
    )
    issuer = _term_field(
        Agency, "Cơ quan ban hành", "Tất cả cơ quan", "Không có cơ quan ban hành này."
    )
    year = _year_field("Năm ban hành")
    field = _term_field(
        Sector, "Lĩnh vực", "Tất cả lĩnh vực", "Không có lĩnh vực này trong danh mục."
    )
    status = forms.ChoiceField(
        label="Tình trạng hiệu lực",
        required=False,
        choices=[("", "Tất cả")] + STATUS_CHOICES,
        error_messages={"invalid_choice": "Tình trạng “%(value)s” không có trong danh mục.", **NUL},
    )


class DisclosureFilterForm(_FilterForm):
    """``category`` (``DisclosureCategory``), ``year`` (of the date issued), ``q``."""

    field_order = ["q", "category", "year"]

    category = forms.ChoiceField(
        label="Loại thông tin",
        required=False,
        choices=[("", "Tất cả loại thông tin")] + DISCLOSURE_CATEGORY_CHOICES,
        error_messages={
            "invalid_choice": "Loại thông tin “%(value)s” không có trong danh mục.",
            **NUL,
        },
    )
    year = _year_field("Năm ban hành")
