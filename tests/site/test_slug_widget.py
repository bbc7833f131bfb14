"""The admin's slug field folds Vietnamese like ``cms.text.slugify`` (issue 2).

Wagtail's w-slug JS applies the widget's regex formatters, then its own urlify (ASCII only,
lower case, hyphens). These tests apply the same formatters in Python; the browser test
(tests/browser/test_editor.py) watches the real JS do it while an editor types.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from cms import text
from cms.models import _VIETNAMESE_LETTERS, SLUG_WIDGET

TITLES = [
    "Đường sắt đô thị Hà Nội đạt tiến độ",
    "Bộ Xây dựng sẽ cung cấp 20 dịch vụ công trực tuyến mức 4 trong năm 2020",
    "Quy hoạch thủy lợi, hoà giải, khuyến khích đầu tư ở Thừa Thiên Huế",
    "ĐẨY MẠNH PHÁT TRIỂN NHÀ Ở XÃ HỘI",
]


def _formatters() -> list[tuple[re.Pattern, str]]:
    attrs = SLUG_WIDGET.build_attrs(SLUG_WIDGET.attrs)
    return [(re.compile(pattern), replace)
            for (pattern, *_flags), replace in json.loads(attrs["data-w-slug-formatters-value"])]


def _as_admin_js(title: str) -> str:
    value = title
    for pattern, replace in _formatters():
        value = pattern.sub(replace, value)
    # urlify without Unicode: keep ASCII letters and digits, hyphens between words.
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


@pytest.mark.parametrize("title", TITLES)
def test_formatters_give_the_slug_the_server_makes(title):
    assert _as_admin_js(title) == text.slugify(title)


@pytest.mark.parametrize("title", TITLES)
def test_titles_typed_in_nfd_fold_the_same(title):
    assert _as_admin_js(unicodedata.normalize("NFD", title)) == text.slugify(title)


def test_every_vietnamese_letter_becomes_its_ascii_base():
    vietnamese = [ch for ch in _VIETNAMESE_LETTERS if ch.lower() in "".join(
        "aăâeêioôơuưyđ" + "àáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ")]
    assert len(vietnamese) == 2 * 67
    for letter in vietnamese:
        assert _as_admin_js(letter) == text.fold(letter), letter
