"""A search never leaves a reader empty-handed: partial matches said plainly, stop words that do
not veto, and the editors' synonyms (a snippet, cached, applied both ways)."""

from __future__ import annotations

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search import synonyms
from search.models import Synonym
from tests.search.corpus import key_of

pytestmark = pytest.mark.django_db

NOTICE = "Không có trang nào chứa đủ mọi từ"


def _keys(query: str) -> list[str]:
    return [key_of(p) for p in get_search_backend().search(query, Page.objects.live())[:5]]


def test_partial_matches_are_said_plainly_in_html_and_json(client, corpus) -> None:
    html = client.get("/search/", {"q": "giá cát xây dựng Hà Tĩnh"}).content.decode()
    assert NOTICE in html
    assert html.index(NOTICE) < html.index("Giá cát xây dựng tăng cao")
    data = client.get("/search/", {"q": "giá cát xây dựng Hà Tĩnh", "format": "json"}).json()
    assert data["partial"] is True
    assert data["results"][0]["title"] == "Giá cát xây dựng tăng cao"
    assert data["total"] >= 1

    full = client.get("/search/", {"q": "giá cát xây dựng", "format": "json"}).json()
    assert full["partial"] is False
    assert NOTICE not in client.get("/search/", {"q": "giá cát xây dựng"}).content.decode()


def test_partial_matches_hold_more_words_first(corpus) -> None:
    # "chứng chỉ hành nghề" (4 words) beats pages holding only "xây dựng" or "chứng chỉ".
    assert _keys("chứng chỉ hành nghề kiến trúc sư")[0] == "1.009973"


def test_the_api_search_gets_partial_matches_too(client, corpus) -> None:
    items = client.get("/api/v2/pages/", {"search": "giá cát xây dựng Hà Tĩnh"}).json()["items"]
    assert items[0]["title"] == "Giá cát xây dựng tăng cao"


def test_a_word_on_no_page_still_finds_nothing(client, corpus) -> None:
    data = client.get("/search/", {"q": "zzqqxx", "format": "json"}).json()
    assert (data["total"], data["results"], data["partial"]) == (0, [], False)
    data = client.get("/search/", {"q": "zzqqxx yyqqww", "format": "json"}).json()
    assert (data["total"], data["results"]) == (0, [])


def test_stop_words_do_not_veto_and_still_rank(corpus) -> None:
    assert _keys("thủ tục giám định tư pháp xây dựng")[0] == "1.009976"
    assert _keys("về việc phân cấp công trình xây dựng")[0] == "06/2021/TT-BXD"
    # Only stop words: they are the query.
    assert _keys("thủ tục")[0] == "thu-tuc-hanh-chinh"


def test_seeded_abbreviations_work_both_ways(corpus) -> None:
    assert _keys("UBND TP.HCM chống ngập")[0] == "ubnd-tphcm"
    assert _keys("Ủy ban nhân dân Thành phố Hồ Chí Minh chống ngập")[0] == "ubnd-tphcm"
    assert _keys("HĐND tỉnh Bình Định")[0] == "hdnd-binh-dinh"


def test_an_editor_adds_a_synonym_in_the_admin_and_search_uses_it(admin_client, corpus) -> None:
    synonyms.load()
    before = admin_client.get("/search/", {"q": "ATCN chung cư mini", "format": "json"}).json()
    assert before["partial"] is True  # no page holds "ATCN"
    add = admin_client.get("/admin/snippets/search/synonym/add/")
    assert "Từ viết tắt hoặc từ khóa" in add.content.decode()
    response = admin_client.post(
        "/admin/snippets/search/synonym/add/",
        {"term": "ATCN", "expansions": "Phòng cháy chữa cháy"},
    )
    assert response.status_code == 302
    after = admin_client.get("/search/", {"q": "ATCN chung cư mini", "format": "json"}).json()
    assert after["partial"] is False  # the save purged the copy: ATCN = phòng cháy chữa cháy
    assert after["results"][0]["url"].endswith("/pccc-chung-cu/")


def test_synonyms_are_read_once_not_per_query(corpus) -> None:
    synonyms.purge()
    table = Synonym._meta.db_table
    with CaptureQueriesContext(connection) as first:
        _keys("UBND chống ngập")
    with CaptureQueriesContext(connection) as second:
        _keys("UBND chống ngập")
    assert sum(table in q["sql"] for q in first.captured_queries) == 1
    assert sum(table in q["sql"] for q in second.captured_queries) == 0
    Synonym.objects.create(term="CNXH", expansions="Chủ nghĩa xã hội")
    with CaptureQueriesContext(connection) as third:
        _keys("UBND chống ngập")
    assert sum(table in q["sql"] for q in third.captured_queries) == 1
