"""``locale`` and ``translation_of`` in import and export: an English article goes to the English
tree (/en/…) as the Wagtail translation of its Vietnamese original; bad references refuse the
file; export carries both keys and the round trip is lossless."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Page

from cms.models import ImportRun
from news.models import NewsArticlePage, NewsIndexPage

from .conftest import ARTICLE
from .test_export import _empty_site

pytestmark = pytest.mark.django_db

VI = {**ARTICLE, "legacy_id": "tin-1", "slug": "hop-ban-nha-o-xa-hoi"}
EN = {
    **ARTICLE, "legacy_id": "news-1", "locale": "en", "translation_of": "tin-1",
    "title": "The Ministry meets on social housing", "slug": "meeting-on-social-housing",
    "lead": "The lead.", "body": "<p>The story.</p>", "category": "Ministry news",
}
PROCEDURE = {
    "type": "procedure", "legacy_id": "tt-1", "code": "1.009972", "name": "Cấp giấy phép",
    "field": "Xây dựng", "level": 4,
}


def _articles(code: str):
    return NewsArticlePage.objects.filter(locale__language_code=code)


def test_a_translation_goes_to_the_english_tree_even_before_its_original(
    run_import, jsonl, client
):
    """The English line comes first (a forward reference); the English home and news index are
    made as translations of the Vietnamese ones; both articles share one translation_key."""
    run_import(jsonl(EN, VI))
    vi, en = _articles("vi").get(), _articles("en").get()
    assert en.translation_key == vi.translation_key
    assert en.get_parent().specific.translation_key == NewsIndexPage.objects.get(
        locale__language_code="vi").translation_key
    english_home = en.get_parent().get_parent()
    assert english_home.locale.language_code == "en" and english_home.live
    assert en.url == "/en/tin-tuc/meeting-on-social-housing/"
    response = client.get(en.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="en"' in page and "The Ministry meets on social housing" in page
    # The Vietnamese article links to its translation (language switcher, hreflang).
    vietnamese = client.get(vi.url).content.decode()
    assert 'hreflang="en"' in vietnamese and en.url in vietnamese
    # Indexed by the bulk path in its own language: English search finds it, Vietnamese not.
    english_hits = client.get("/en/search/", {"q": "social housing", "format": "json"}).json()
    assert [hit["url"].endswith(en.url) for hit in english_hits["results"]] == [True]
    vietnamese_hits = client.get("/search/", {"q": "social housing", "format": "json"}).json()
    assert not any(hit["url"].endswith(en.url) for hit in vietnamese_hits["results"])


def test_reimport_changes_nothing_and_vi_equals_no_locale(run_import, jsonl):
    path = jsonl(VI, EN)
    run_import(path)
    run_import(jsonl({**VI, "locale": "vi"}, EN, name="again.jsonl"))
    runs = ImportRun.objects.order_by("pk")
    assert [(r.created, r.updated, r.unchanged) for r in runs] == [(2, 0, 0), (0, 0, 2)]
    assert NewsArticlePage.objects.count() == 2


def test_an_edited_translation_updates_in_place(run_import, jsonl):
    run_import(jsonl(VI, EN))
    en = _articles("en").get()
    run_import(jsonl(VI, {**EN, "title": "The Ministry met on social housing"}, name="b.jsonl"))
    en.refresh_from_db()
    assert en.title == "The Ministry met on social housing"
    assert en.translation_key == _articles("vi").get().translation_key
    assert NewsArticlePage.objects.count() == 2


def test_an_english_page_without_original_stands_alone(run_import, jsonl):
    alone = {k: v for k, v in EN.items() if k != "translation_of"}
    run_import(jsonl(alone))
    en = _articles("en").get()
    assert en.url == "/en/tin-tuc/meeting-on-social-housing/"
    assert not _articles("vi").exists()


@pytest.mark.parametrize(("records", "expected"), [
    ([{**EN, "locale": "fr"}, VI],
     "line 1: locale: giá trị 'fr' không hợp lệ (chọn một trong: vi, en)"),
    ([VI, {**EN, "locale": "vi"}],
     "line 2: translation_of: chỉ dùng cho bản dịch: cần 'locale' khác 'vi', ví dụ \"en\""),
    ([VI, {**EN, "translation_of": "tin-9"}],
     "line 2: translation_of: không có bản ghi 'article' nào bằng tiếng Việt có mã 'tin-9' "
     "(bản gốc phải có trên cổng hoặc trong cùng tệp)"),
    ([PROCEDURE, {**EN, "translation_of": "tt-1"}],
     "line 2: translation_of: 'tt-1' là bản ghi loại 'procedure'; bản dịch phải cùng loại "
     "'article'"),
    ([VI, EN, {**EN, "legacy_id": "news-2", "slug": "again"}],
     "line 3: translation_of: dòng 2 đã là bản dịch 'en' của 'tin-1'"),
])
def test_bad_references_refuse_the_whole_file(run_import, jsonl, capsys, records, expected):
    with pytest.raises(CommandError):
        run_import(jsonl(*records))
    assert capsys.readouterr().err.splitlines()[0] == expected
    assert Page.objects.filter(depth__gt=2).count() == 0
    assert not Page.objects.filter(locale__language_code="en").exists()


def test_a_second_translation_of_a_translated_page_is_refused(run_import, jsonl, capsys):
    run_import(jsonl(VI, EN))
    with pytest.raises(CommandError):
        run_import(jsonl({**EN, "legacy_id": "news-2", "slug": "other"}, name="b.jsonl"))
    err = capsys.readouterr().err.splitlines()[0]
    assert err == (
        "line 1: translation_of: 'tin-1' đã có bản dịch 'en': "
        "'The Ministry meets on social housing'"
    )
    assert NewsArticlePage.objects.count() == 2


def test_export_carries_locale_and_translation_and_round_trips(run_import, jsonl, tmp_path: Path):
    """A translation of a page without a legacy id names it by its slug (its natural key)."""
    plain = {**ARTICLE, "slug": "bai-khong-ma", "published_at": "2021-03-02T08:30:00+07:00"}
    english_of_plain = {
        **EN, "legacy_id": "news-2", "translation_of": "bai-khong-ma", "slug": "no-id",
        "published_at": "2021-03-02T08:30:00+07:00",
    }
    run_import(jsonl(english_of_plain, VI, EN, plain))
    first = tmp_path / "one" / "site.jsonl"
    call_command("export_content", str(first))
    articles = [
        json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()
        if '"article"' in line
    ]
    by_slug = {a["slug"]: a for a in articles}
    assert "locale" not in by_slug["hop-ban-nha-o-xa-hoi"]
    assert "translation_of" not in by_slug["hop-ban-nha-o-xa-hoi"]
    assert (by_slug["meeting-on-social-housing"]["locale"],
            by_slug["meeting-on-social-housing"]["translation_of"]) == ("en", "tin-1")
    assert by_slug["no-id"]["translation_of"] == "bai-khong-ma"

    _empty_site()
    call_command("import_content", str(first))
    second = tmp_path / "two" / "site.jsonl"
    call_command("export_content", str(second))
    assert second.read_bytes() == first.read_bytes()
    assert _articles("en").get(slug="no-id").translation_key == (
        _articles("vi").get(slug="bai-khong-ma").translation_key
    )


def test_a_type_without_translations_refuses_a_locale(run_import, jsonl, capsys):
    """A procedure's code is unique across the site: an English line would overwrite the
    Vietnamese procedure if ``locale`` were dropped as an unknown key."""
    with pytest.raises(CommandError):
        run_import(jsonl({**PROCEDURE, "locale": "en"}, {**PROCEDURE, "code": "1.009973",
                                                         "legacy_id": "tt-2", "locale": "vi"}))
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        "line 1: locale: loại 'procedure' chỉ có một ngôn ngữ ('vi'); bản tiếng Anh nằm trong "
        "các trường *_en hoặc chưa được hỗ trợ"
    )
    assert err[1].endswith("(1 lỗi).")  # the "vi" line is fine
    assert Page.objects.filter(depth__gt=2).count() == 0
