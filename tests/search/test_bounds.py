"""What one anonymous visitor can make a search compute or store is bounded (issue 17, point 7):
snippets read a bounded prefix of each text, a page past the last is answered before any work,
the API's search offset is capped, the query log is bounded and its exports hold no formula."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from django.db import connection
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.rich_text import RichText

from home.models import PolicyPage
from news.models import NewsArticlePage
from search.models import ZeroResultHits
from search.snippets import html_prefix, snippet
from search.tuning import setting
from tests.search.test_plan import LIMITS

pytestmark = pytest.mark.django_db

FILLER = "Nội dung văn bản được soạn thảo theo quy định hiện hành. "  # 58 characters
HALF_MEGABYTE = FILLER * 9_000  # ~520 KB


# -- snippets -----------------------------------------------------------------------------------


def test_snippets_of_twenty_half_megabyte_documents_read_only_a_prefix() -> None:
    limit = setting("SEARCH_SNIPPET_SOURCE_CHARS")
    documents = [
        PolicyPage(title=f"Văn bản {n}", summary="Tóm tắt văn bản.",
                   body=f"<p>{HALF_MEGABYTE}kiểm toán nhà nước {n}</p>")
        for n in range(20)
    ]
    for document in documents:
        assert len(html_prefix(document.body, limit)) <= limit
        # The words are only past the prefix: they are not quoted, the summary is.
        shown = snippet(document, "kiểm toán")
        assert "<mark>" not in shown
        assert shown == "Tóm tắt văn bản."
    near = PolicyPage(title="Văn bản", summary="Tóm tắt.", body=f"<p>{FILLER}kiểm toán</p>")
    assert "<mark>kiểm</mark> <mark>toán</mark>" in snippet(near, "kiểm toán")


def test_a_stream_field_is_read_block_by_block_up_to_the_prefix() -> None:
    limit = setting("SEARCH_SNIPPET_SOURCE_CHARS")
    block = f"<p>{FILLER * 100}</p>"  # ~5,800 characters each
    page = NewsArticlePage(
        title="Bài", lead="",
        body=[("paragraph", RichText(block)) for _ in range(40)]
        + [("paragraph", RichText("<p>kiểm toán</p>"))],
    )
    prefix = html_prefix(page.body, limit)
    assert len(prefix) <= limit + 40  # the blocks read, joined by new lines
    assert "kiểm toán" not in prefix
    assert "<mark>" not in snippet(page, "kiểm toán")


def test_a_match_past_the_prefix_is_not_quoted_on_the_page(client, home_page) -> None:
    from news.models import NewsCategory, NewsIndexPage

    news = home_page.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    category = NewsCategory.objects.create(name="Tin hoạt động", slug="tin-hoat-dong")
    page = NewsArticlePage(
        title="Báo cáo tổng hợp năm", lead="Tóm tắt ngắn của báo cáo.", category=category,
        body=[("paragraph", RichText(f"<p>{FILLER * 500}Kiểm toán nhà nước.</p>"))],
        published_at=timezone.now(),
    )
    news.add_child(instance=page)
    page.save_revision().publish()
    data = client.get("/search/", {"q": "kiểm toán", "format": "json"}).json()
    assert [r["title"] for r in data["results"]] == ["Báo cáo tổng hợp năm"]
    assert data["results"][0]["snippet"] == "Tóm tắt ngắn của báo cáo."


# -- pages past the last ------------------------------------------------------------------------


def test_a_page_past_the_last_is_a_404_before_any_ranking(corpus, client, settings,
                                                          django_assert_num_queries) -> None:
    # Limits of a large site (the probe does not hold every row): on main, a deep page read and
    # ranked 15,000 candidates of each kind before its 404.
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", **LIMITS}}
    client.get("/search/", {"q": "xây dựng", "format": "json"})  # warm the site and types
    # Which pages are private, the site, the probe, the counts of the small types, one capped
    # count for each of the three large ones; then the 404's three redirect lookups. On
    # PostgreSQL, inside the test's transaction, one more resets the planner settings.
    with django_assert_num_queries(10 + (connection.vendor == "postgresql")) as captured:
        response = client.get("/search/", {"q": "xây dựng", "page": 5000, "format": "json"})
    statements = [query["sql"] for query in captured.captured_queries]
    assert not [sql for sql in statements if " AS kind" in sql or " AS score" in sql]
    assert response.status_code == 404
    assert response.json() == {"errors": {"page": ["Không có trang kết quả này."]}}


def test_the_last_page_is_still_answered(corpus, client, settings) -> None:
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", **LIMITS}}
    first = client.get("/search/", {"q": "xây dựng", "format": "json"}).json()
    last = (first["total"] - 1) // 10 + 1
    page = client.get("/search/", {"q": "xây dựng", "page": last, "format": "json"})
    assert page.status_code == 200 and page.json()["results"]
    assert client.get("/search/", {"q": "xây dựng", "page": last + 1}).status_code == 404


# -- the API's offset ---------------------------------------------------------------------------


def test_the_api_search_offset_is_capped(corpus, client) -> None:
    huge = client.get("/api/v2/pages/", {"search": "xây dựng", "offset": 10**9})
    assert huge.status_code == 400
    assert huge.json() == {"message": "offset không được lớn hơn 500 khi tìm kiếm"}
    assert client.get("/api/v2/pages/", {"search": "xây dựng", "offset": 500}).status_code == 200
    # Without a search, an offset costs what the database's OFFSET costs: not capped here.
    assert client.get("/api/v2/pages/", {"offset": 10**6}).status_code == 200
    assert client.get("/api/v2/pages/", {"search": "x", "offset": "²"}).status_code == 400


# -- the query log ------------------------------------------------------------------------------


def _hits(query: str) -> int:
    found = Query.objects.filter(query_string=query).first()
    return found.hits if found else 0


def test_long_queries_are_answered_not_logged(corpus, client) -> None:
    long = "thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ tại đô thị " * 3  # > 100 characters
    assert client.get("/search/", {"q": long}).status_code == 200
    assert client.get("/search/", {"q": "giấy phép"}).status_code == 200
    assert list(Query.objects.values_list("query_string", flat=True)) == ["giấy phép"]


def test_one_address_is_logged_a_bounded_number_of_times(corpus, client, settings) -> None:
    settings.SEARCH_LOG_PER_ADDRESS_PER_HOUR = 3
    for _ in range(5):
        client.get("/search/", {"q": "giấy phép"}, REMOTE_ADDR="203.0.113.7")
    assert _hits("giấy phép") == 3
    client.get("/search/", {"q": "giấy phép"}, REMOTE_ADDR="203.0.113.8")
    assert _hits("giấy phép") == 4


def test_new_queries_a_day_are_bounded(corpus, client, settings) -> None:
    settings.SEARCH_LOG_NEW_QUERIES_PER_DAY = 2
    for n in range(4):
        client.get("/search/", {"q": f"từ khóa lạ {n}"}, REMOTE_ADDR=f"198.51.100.{n}")
    client.get("/search/", {"q": "từ khóa lạ 0"}, REMOTE_ADDR="198.51.100.9")  # known: counted
    assert sorted(Query.objects.values_list("query_string", "daily_hits__hits")) == [
        ("từ khóa lạ 0", 2), ("từ khóa lạ 1", 1),
    ]


def test_old_counts_are_pruned_and_promoted_queries_kept(corpus, client) -> None:
    long_ago = timezone.localdate() - dt.timedelta(days=setting("SEARCH_LOG_DAYS"))
    recent = timezone.localdate() - dt.timedelta(days=setting("SEARCH_LOG_DAYS") - 1)
    old, promoted, kept = (Query.get(q) for q in ("cũ", "được đề xuất", "còn mới"))
    for query in (old, promoted):
        query.add_hit(date=long_ago)
        ZeroResultHits.objects.create(query=query, date=long_ago, hits=1)
    kept.add_hit(date=recent)
    SearchPromotion.objects.create(query=promoted, page=corpus["1.009972"], sort_order=0)

    client.get("/search/", {"q": "giấy phép"})
    assert set(Query.objects.values_list("query_string", flat=True)) == {
        "được đề xuất", "còn mới", "giấy phép",
    }
    assert not QueryDailyHits.objects.filter(date__lt=recent).exists()
    assert not ZeroResultHits.objects.filter(date__lt=recent).exists()


def test_report_exports_never_hold_a_formula(corpus, client, admin_client) -> None:
    attacks = ['=HYPERLINK("http://evil.example","bấm")', "+1+1", "-2+3", "@SUM(1)"]
    for attack in attacks:
        client.get("/search/", {"q": attack})
    csv = admin_client.get("/admin/reports/tim-kiem/tim-nhieu/", {"export": "csv"})
    text = b"".join(csv.streaming_content).decode()
    assert "'=hyperlink" in text and "'+1+1" in text and "'-2+3" in text and "'@sum(1)" in text
    assert "\n=" not in text and ",=" not in text

    from openpyxl import load_workbook

    xlsx = admin_client.get("/admin/reports/tim-kiem/tim-nhieu/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(cells) == sorted("'" + attack.lower() for attack in attacks)
