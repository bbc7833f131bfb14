"""The search form: what ``/search/`` accepts, validated so that bad input is a 400, never a 500."""

from __future__ import annotations

from django import forms

from cms.pages import ResultType
from search.analysis import truncate

# The result types pages declare (cms.pages), in display order.
TYPE_CHOICES = [("", "Tất cả"), *ResultType.choices]
MAX_PAGE = 10_000


class SearchForm(forms.Form):
    q = forms.CharField(label="Từ khóa", required=False, strip=True)
    type = forms.ChoiceField(
        label="Loại nội dung",
        choices=TYPE_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Loại nội dung “%(value)s” không có."},
    )
    page = forms.IntegerField(
        label="Trang",
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": "Số trang phải là một số nguyên.",
            "min_value": "Số trang phải từ 1 trở lên.",
            "max_value": "Số trang quá lớn.",
        },
    )
    format = forms.ChoiceField(
        label="Định dạng",
        choices=[("", "HTML"), ("html", "HTML"), ("json", "JSON")],
        required=False,
        error_messages={"invalid_choice": "Định dạng “%(value)s” không có (html hoặc json)."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A NUL byte in a query is noise to drop (``truncate`` does), not an error to show.
        self.fields["q"].validators = []

    def clean_q(self) -> str:
        # NUL and control characters out, cut to a sensible length at a word boundary.
        return truncate(self.cleaned_data.get("q") or "")
