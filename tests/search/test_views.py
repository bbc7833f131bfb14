"""``/search/`` as readers and scripts see it: HTML, JSON, filters, pages, snippets, bad input."""

from __future__ import annotations

import pytest

from django.contrib.contenttypes.models import ContentType

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

pytestmark = pytest.mark.django_db


def get_json(client, **params):
    response = client.get("/search/", {**params, "format": "json"})
    assert response["Content-Type"].startswith("application/json")
    return response


def test_html_results_are_noindex_with_counts_and_highlighted_snippets(client, corpus) -> None:
    response = client.get("/search/", {"q": "dich vu cong truc tuyen"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in html
    assert "Bộ Xây dựng sẽ cung cấp 20 dịch vụ công trực tuyến" in html
    # Highlighting ignores diacritics: the folded query marks the words as written.
    assert "<mark>dịch</mark> <mark>vụ</mark> <mark>công</mark>" in html
    # The 2022 review also has all five words (apart): it matches, after the article.
    assert "Tin bài (2)" in html
    assert "Văn bản (1)" in html  # the 929 công văn
    assert 'class="dateline"' in html and "Thứ hai, 21/09/2020 09:07" in html


def test_each_type_has_its_own_partial(client, corpus) -> None:
    procedure = client.get("/search/", {"q": "1.009972"}).content.decode()
    assert "Mã <span class=\"code\">1.009972</span>" in procedure
    assert "Dịch vụ công trực tuyến toàn trình" in procedure and "Mức độ 4" not in procedure
    document = client.get("/search/", {"q": "17/NQ-CP"}).content.decode()
    assert "Số <span class=\"code\">17/NQ-CP</span>" in document
    assert "ban hành 07/03/2019" in document and "Còn hiệu lực" in document


def test_json_contract(client, corpus) -> None:
    data = get_json(client, q="bán nhà").json()
    # DESIGN.md's keys, and two more: whether total is exact or a lower bound, and the
    # editors' promoted results.
    assert set(data) == {
        "query", "total", "total_relation", "page", "partial", "promoted", "results"
    }
    assert data["query"] == "bán nhà"
    assert data["page"] == 1
    assert data["total"] == len(data["results"]) > 1
    assert data["total_relation"] == "eq"
    assert data["promoted"] == []
    first = data["results"][0]
    assert set(first) == {"title", "url", "type", "snippet", "published_at"}
    assert first["title"] == "Thị trường bán nhà ở xã hội khởi sắc"
    assert first["type"] == "article"
    assert first["url"].endswith("/tin-tuc/ban-nha-xa-hoi/")
    assert first["published_at"] == "2023-01-10T08:00:00+07:00"
    assert "<mark>bán</mark> <mark>nhà</mark>" in first["snippet"]
    assert {r["type"] for r in data["results"]} <= {"article", "procedure", "document", "page"}


def test_type_filter_and_counts(client, corpus) -> None:
    everything = get_json(client, q="xây dựng").json()
    procedures = get_json(client, q="xây dựng", type="procedure").json()
    documents = get_json(client, q="xây dựng", type="document").json()
    assert {r["type"] for r in procedures["results"]} == {"procedure"}
    assert {r["type"] for r in documents["results"]} == {"document"}
    assert procedures["total"] == 8
    assert everything["total"] > procedures["total"] + documents["total"]
    html = client.get("/search/", {"q": "xây dựng", "type": "procedure"}).content.decode()
    assert "Thủ tục hành chính (8)" in html


def test_pagination(client, corpus) -> None:
    first = get_json(client, q="xây dựng").json()
    second = get_json(client, q="xây dựng", page=2).json()
    assert first["total"] == second["total"] > 10
    assert len(first["results"]) == 10
    assert second["page"] == 2
    assert not {r["url"] for r in first["results"]} & {r["url"] for r in second["results"]}
    last = (first["total"] - 1) // 10 + 1
    assert get_json(client, q="xây dựng", page=last).status_code == 200
    assert get_json(client, q="xây dựng", page=last + 1).status_code == 404
    assert client.get("/search/", {"q": "xây dựng", "page": last + 1}).status_code == 404


@pytest.mark.parametrize(
    ("query_string", "status"),
    [
        ("", 200),
        ("q=", 200),
        ("q=%20%20%20", 200),
        ("q=" + "nh%C3%A0%20" * 4000, 200),  # 20,000 characters
        ("q=b%C3%A1n%00nh%C3%A0", 200),  # NUL byte
        ("q=%ff%fe%C3", 200),  # invalid UTF-8
        ("q=%22%20%26%20%7C%20!%20%3A%20*%20%3C-%3E", 200),  # " & | ! : * <->
        ("q=nh%C3%A0%20AND%20OR%20NOT%20NEAR", 200),
        ("q=NEAR(a%20b)%20%7Btitle%7D%3A%20x%5E", 200),
        ("q=%27%3B%20DROP%20TABLE%20x%3B--", 200),
        ("q=nh%C3%A0&q=x%C3%A2y&type=article&type=procedure&page=2&page=1", 200),
        ("q=nh%C3%A0&page=abc", 400),
        ("q=nh%C3%A0&page=0", 400),
        ("q=nh%C3%A0&page=-3", 400),
        ("q=nh%C3%A0&page=99999999999999999999", 400),
        ("q=nh%C3%A0&page=5000", 404),
        ("q=nh%C3%A0&type=video", 400),
        ("q=nh%C3%A0&format=xml", 400),
        ("page=2", 404),
    ],
)
def test_bad_input_never_500(client, corpus, query_string: str, status: int) -> None:
    html = client.get("/search/?" + query_string)
    assert html.status_code == status
    if status == 200:
        assert b'content="noindex"' in html.content
    if "format=" not in query_string:
        as_json = client.get("/search/?" + query_string + "&format=json")
        assert as_json.status_code == status
        assert as_json["Content-Type"].startswith("application/json")


def test_bad_input_is_explained_in_vietnamese(client, corpus) -> None:
    html = client.get("/search/", {"q": "nhà", "page": "abc"}).content.decode()
    assert "Số trang phải là một số nguyên." in html
    data = client.get("/search/", {"q": "nhà", "type": "video", "format": "json"}).json()
    assert data["errors"]["type"] == ["Loại nội dung “video” không có."]


def test_long_query_is_cut_not_refused(client, corpus) -> None:
    data = get_json(client, q="dịch vụ công " + "x" * 20_000).json()
    assert len(data["query"]) <= 200
    assert data["query"].startswith("dịch vụ công")


def test_nul_and_syntax_characters_still_search_the_words(client, corpus) -> None:
    data = get_json(client, q='"bán\x00 nhà" & | ! : * <->').json()
    assert data["results"][0]["title"] == "Thị trường bán nhà ở xã hội khởi sắc"


def test_snippet_is_escaped(client, corpus) -> None:
    page = corpus["cat-noc"]
    page.lead = 'Cất nóc <script>alert(1)</script> khi 5 < 6 & "đúng" tiến độ'
    page.save_revision().publish()
    data = get_json(client, q="cất nóc").json()
    snippet = data["results"][0]["snippet"]
    assert "<script>" not in snippet
    assert "5 &lt; 6 &amp; &quot;đúng&quot;" in snippet
    assert "<mark>Cất</mark> <mark>nóc</mark>" in snippet


def test_snippet_keeps_the_words_of_two_paragraphs_apart(client, corpus) -> None:
    page = corpus["1.009972"]
    page.steps = "<p>Nộp hồ sơ qua bưu chính.</p><p>Cơ quan tiếp nhận kiểm tra &amp; trả lời.</p>"
    page.save_revision().publish()
    snippet = get_json(client, q="1.009972").json()["results"][0]["snippet"]
    assert "bưu chính. Cơ quan tiếp nhận kiểm tra &amp; trả lời." in snippet


def test_promoted_results_are_shown_first(client, corpus) -> None:
    query = Query.get("giấy phép")
    SearchPromotion.objects.create(
        query=query, page=corpus["1.009972"], description="Thủ tục được hỏi nhiều nhất",
        sort_order=0,
    )
    html = client.get("/search/", {"q": "Giấy phép"}).content.decode()
    assert "Kết quả được đề xuất" in html
    assert "Thủ tục được hỏi nhiều nhất" in html
    assert html.index("Kết quả được đề xuất") < html.index('class="search-results"')
    data = client.get("/search/", {"q": "giay phep", "format": "json"}).json()
    assert data["promoted"] == [{
        "title": corpus["1.009972"].title, "url": corpus["1.009972"].url,
        "description": "Thủ tục được hỏi nhiều nhất",
    }]
    assert client.get("/search/", {"q": "giay phep", "format": "json", "page": 2}).status_code in {
        200, 404,
    }


def test_search_query_count_is_flat(client, corpus, django_assert_max_num_queries) -> None:
    client.get("/search/", {"q": "xây dựng"})  # warm caches (site, content types)
    # 17: the search itself is two statements (the probe of search.plan, then the ranking).
    with django_assert_max_num_queries(17):
        response = client.get("/search/", {"q": "xây dựng", "page": 2})
    assert response.status_code == 200


def test_type_counts_come_from_one_query(corpus, django_assert_num_queries) -> None:
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    results = get_search_backend().search("xây dựng", Page.objects.live())
    with django_assert_num_queries(1):
        counts = results.facet("content_type")
    procedure_ct = ContentType.objects.get(app_label="home", model="procedurepage")
    assert counts[procedure_ct.pk] == 8
