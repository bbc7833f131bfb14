"""The Vietnamese text rules of cms.text: one source of truth for search, slugs and import."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest

from cms import text

SEED_TITLE = "Bộ Xây dựng sẽ cung cấp 20 dịch vụ công trực tuyến mức 4 trong năm 2020"


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("Hoà Bình", "Hòa Bình"),
        ("THUỶ LỢI", "THỦY LỢI"),
        ("qúy", "quý"),
        ("hoá", "hóa"),
        ("luỹ", "lũy"),
        ("toà án", "tòa án"),
    ],
)
def test_normalize_maps_both_tone_placements_to_one(old: str, new: str) -> None:
    assert text.normalize(old) == text.normalize(new) == new


@pytest.mark.parametrize(
    "word",
    ["hoàng", "toán", "thuyết", "ngoài", "khuỷu", "rượu", "hưu", "giữ", "già", "gìn", "quyền",
     "người", "nghiêng", "Nguyễn", "xoáy", "ngoẹo", "thuở", "khuya", "quốc"],
)
def test_normalize_keeps_correct_spellings(word: str) -> None:
    assert text.normalize(word) == word
    assert text.normalize(nfd(word)) == word


@pytest.mark.parametrize("value", ["café", "1.009972", "17/NQ-CP", "50/2014/QH13", "e-mail", "Zoë"])
def test_normalize_leaves_non_vietnamese_tokens_alone(value: str) -> None:
    assert text.normalize(value) == unicodedata.normalize("NFC", value)


def test_normalize_accepts_nfd_and_returns_nfc() -> None:
    result = text.normalize(nfd(SEED_TITLE))
    assert result == SEED_TITLE
    assert unicodedata.is_normalized("NFC", result)


def test_clean_removes_control_characters_but_keeps_newlines() -> None:
    assert text.clean("a\x00b\x07c\nd\te") == "abc\nd\te"
    assert text.clean(nfd("Đường")) == "Đường"


@pytest.mark.parametrize(
    ("value", "folded"),
    [
        ("Đô thị", "do thi"),
        ("đường ĐÈO", "duong deo"),
        ("Bộ Xây dựng", "bo xay dung"),
        ("Ứng dụng", "ung dung"),
        ("trực tuyến", "truc tuyen"),
        ("Quốc Gia", "quoc gia"),
        ("17/NQ-CP", "17/nq-cp"),
    ],
)
def test_fold_strips_diacritics_and_keeps_d(value: str, folded: str) -> None:
    assert text.fold(value) == folded
    assert text.fold(nfd(value)) == folded


def test_fold_makes_tone_placements_equal() -> None:
    assert text.fold("hoà") == text.fold("hòa") == "hoa"


def test_slugify_seed_title() -> None:
    assert text.slugify(SEED_TITLE) == (
        "bo-xay-dung-se-cung-cap-20-dich-vu-cong-truc-tuyen-muc-4-trong-nam-2020"
    )


@pytest.mark.parametrize(
    ("value", "slug"),
    [
        ("Đà Nẵng", "da-nang"),
        ("  Cải cách — hành chính!  ", "cai-cach-hanh-chinh"),
        ("Nghị quyết 17/NQ-CP", "nghi-quyet-17-nq-cp"),
        ("40,81%", "40-81"),
        ("", ""),
        ("!!!", ""),
    ],
)
def test_slugify_cases(value: str, slug: str) -> None:
    assert text.slugify(value) == slug
    assert text.slugify(nfd(value)) == slug


def test_slugify_cuts_at_a_word_boundary() -> None:
    assert text.slugify("Đường đô thị mới", max_length=12) == "duong-do-thi"
    assert text.slugify("Đường đô thị mới", max_length=10) == "duong-do"


@pytest.mark.parametrize(
    ("day", "weekday"),
    [(21, "Thứ hai"), (22, "Thứ ba"), (23, "Thứ tư"), (24, "Thứ năm"), (25, "Thứ sáu"),
     (26, "Thứ bảy"), (27, "Chủ nhật")],
)
def test_weekday_in_words(day: int, weekday: str) -> None:
    assert text.weekday(dt.date(2020, 9, day)) == weekday


def test_format_datetime_is_in_ho_chi_minh_time() -> None:
    moment = dt.datetime(2020, 9, 21, 2, 7, tzinfo=dt.UTC)
    assert text.format_datetime(moment) == "Thứ hai, 21/09/2020 09:07"
    assert text.format_datetime(moment, with_weekday=False) == "21/09/2020 09:07"


def test_format_datetime_crosses_midnight_into_the_next_local_day() -> None:
    moment = dt.datetime(2020, 9, 20, 17, 30, tzinfo=dt.UTC)  # 00:30 on the 21st in Hà Nội
    assert text.format_datetime(moment) == "Thứ hai, 21/09/2020 00:30"
    assert text.format_date(moment) == "21/09/2020"


def test_format_date() -> None:
    assert text.format_date(dt.date(2019, 3, 7)) == "07/03/2019"


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (1_000_000, 0, "1.000.000"),
        (999, 0, "999"),
        (40.81, 2, "40,81"),
        (Decimal("1234.5"), 2, "1.234,50"),
        (-1234.5, 1, "-1.234,5"),
        (0, 2, "0,00"),
        (0.005, 2, "0,01"),
    ],
)
def test_format_number(value, decimals: int, shown: str) -> None:
    assert text.format_number(value, decimals) == shown


def test_format_percent_of_the_seed_figures() -> None:
    # 20 of 49 procedures is 40.816…%: half-up to two decimals. (The article truncated it.)
    assert text.format_percent(20, 49) == "40,82%"
    assert text.format_percent(6, 49) == "12,24%"
    assert text.format_percent(1, 0) == "0,00%"


def test_search_words_are_normalized_lower_case_and_cut_codes() -> None:
    assert text.search_words("Hoà Bình BÁN nhà") == ["hòa", "bình", "bán", "nhà"]
    assert text.search_words(nfd("Thuỷ lợi")) == ["thủy", "lợi"]
    assert text.search_words("Nghị quyết 17/NQ-CP; mã 1.009972") == [
        "nghị", "quyết", "17", "nq", "cp", "mã", "1", "009972",
    ]
    assert text.search_words('"a" & | ! : * <-> \x00') == ["a"]
    assert text.search_words("") == []


@pytest.mark.parametrize(
    ("value", "keys"),
    [
        ("Nghị quyết 17/NQ-CP ngày 7/3/2019", ["17nqcp", "732019"]),
        ("thủ tục 1.009972.", ["1009972"]),
        ("Luật 50/2014/QH13", ["502014qh13"]),
        ("Quyết định 123/QĐ-BXD", ["123qdbxd"]),
        ("Bộ TT&TT", ["tttt"]),
        ("đạt 40,81% số thủ tục", ["4081"]),
        ("sản phẩm, hàng hóa", []),
        ("năm 2020. Bộ", []),
    ],
)
def test_code_keys_join_a_code_into_one_folded_key(value: str, keys: list[str]) -> None:
    assert text.code_keys(value) == keys


def test_has_marks() -> None:
    assert text.has_marks("bán nhà")
    assert text.has_marks("Đô thị")
    assert text.has_marks(nfd("bàn"))
    assert not text.has_marks("ban nha 17/NQ-CP")


@pytest.mark.parametrize(
    ("html", "plain"),
    [
        ("<p>qua bưu chính.</p><p>Cơ quan tiếp nhận</p>", "qua bưu chính. Cơ quan tiếp nhận"),
        ("<ul><li>Bước 1</li><li>Bước 2</li></ul>", "Bước 1 Bước 2"),
        ("dòng một<br/>dòng hai", "dòng một dòng hai"),
        ("<figure><figcaption>Ảnh: TTXVN</figcaption></figure><p>Hà Nội</p>", "Ảnh: TTXVN Hà Nội"),
        ("<p>Bộ <b>Xây</b> dựng &amp; đô thị</p>", "Bộ Xây dựng & đô thị"),
        (None, ""),
    ],
)
def test_plain_text_keeps_words_of_separate_blocks_apart(html, plain: str) -> None:
    assert text.plain_text(html) == plain


@pytest.mark.parametrize(
    ("delta", "vi", "en"),
    [
        (dt.timedelta(minutes=30), "30 phút", "30 minutes"),
        (dt.timedelta(minutes=90), "1 giờ 30 phút", "1 hour 30 minutes"),
        (dt.timedelta(days=2, minutes=1), "2 ngày 1 phút", "2 days 1 minute"),
        (dt.timedelta(seconds=45), "45 giây", "45 seconds"),
    ],
)
def test_format_duration_in_words(delta: dt.timedelta, vi: str, en: str) -> None:
    """The lockout page's "tạm khóa trong 30 phút" (axes gives ``PT30M``)."""
    assert text.format_duration(delta, "vi") == vi
    assert text.format_duration(delta, "en") == en


def test_in_language_takes_the_english_field_on_english_pages_where_filled():
    from types import SimpleNamespace

    from django.utils import translation

    unit = SimpleNamespace(name="Vụ Pháp chế", name_en="Department of Legal Affairs")
    untranslated = SimpleNamespace(name="Cục Nhà ở", name_en="")
    assert text.in_language(unit, "name") == "Vụ Pháp chế"
    assert text.in_language(unit, "name", "en") == "Department of Legal Affairs"
    with translation.override("en"):
        assert text.in_language(unit, "name") == "Department of Legal Affairs"
        assert text.in_language(untranslated, "name") == "Cục Nhà ở"
        assert text.in_language(None, "name") == ""
