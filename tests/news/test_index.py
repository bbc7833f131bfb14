"""The news listing: newest first, pagination and its bad values, category and month archives."""

from __future__ import annotations

import datetime as dt

import pytest

from wagtail.models import PageViewRestriction

from cms import text
from news.factories import NewsArticlePageFactory
from news.models import archive_range

TZ = text.TIME_ZONE


def titles_in(html: str, titles: list[str]) -> list[str]:
    """The given titles in the order they appear in the page."""
    found = [(html.index(t), t) for t in titles if t in html]
    return [t for _, t in sorted(found)]


@pytest.fixture
def three(news_index, category, other_category):
    return [
        NewsArticlePageFactory(
            parent=news_index, title="Tin tháng Một", category=category,
            published_at=dt.datetime(2024, 1, 31, 23, 30, tzinfo=TZ),
        ),
        NewsArticlePageFactory(
            parent=news_index, title="Tin tháng Hai", category=other_category,
            published_at=dt.datetime(2024, 2, 1, 0, 30, tzinfo=TZ),
        ),
        NewsArticlePageFactory(
            parent=news_index, title="Tin năm 2023", category=category,
            published_at=dt.datetime(2023, 12, 31, 23, 59, tzinfo=TZ),
        ),
    ]


ALL = ["Tin tháng Một", "Tin tháng Hai", "Tin năm 2023"]


def test_listing_is_newest_first_and_hides_drafts_and_private(client, news_index, three):
    NewsArticlePageFactory(parent=news_index, title="Bản nháp chưa đăng", live=False)
    private = NewsArticlePageFactory(parent=news_index, title="Tin nội bộ riêng tư")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get("/tin-tuc/")
    assert response.status_code == 200
    html = response.content.decode()
    assert titles_in(html, ALL) == ["Tin tháng Hai", "Tin tháng Một", "Tin năm 2023"]
    assert "Bản nháp chưa đăng" not in html
    assert "Tin nội bộ riêng tư" not in html
    assert '<time datetime="2024-02-01T00:30:00+07:00">Thứ năm, 01/02/2024 00:30</time>' in html


def test_pagination(client, news_index, three):
    news_index.per_page = 2
    news_index.save_revision().publish()
    first = client.get("/tin-tuc/").content.decode()
    assert titles_in(first, ALL) == ["Tin tháng Hai", "Tin tháng Một"]
    assert "Trang 1/2" in first and 'href="?page=2"' in first
    second = client.get("/tin-tuc/?page=2").content.decode()
    assert titles_in(second, ALL) == ["Tin năm 2023"]
    assert 'href="?page=1"' in second


@pytest.mark.parametrize("bad", ["abc", "99999", "-1", "0", "1.5", "", "2" * 40])
def test_bad_page_numbers_are_404_never_500(client, news_index, three, bad):
    assert client.get("/tin-tuc/", {"page": bad}).status_code == 404


def test_empty_listing_is_a_page_not_an_error(client, news_index):
    response = client.get("/tin-tuc/")
    assert response.status_code == 200
    assert "Chưa có bài viết nào." in response.content.decode()


def test_category_filter(client, news_index, three, category):
    response = client.get(f"/tin-tuc/chuyen-muc/{category.slug}/")
    assert category.slug == "cai-cach-hanh-chinh"
    assert response.status_code == 200
    html = response.content.decode()
    assert titles_in(html, ALL) == ["Tin tháng Một", "Tin năm 2023"]
    assert '<h1 id="news-title">Cải cách hành chính</h1>' in html
    assert (
        '<link rel="alternate" type="application/rss+xml"'
        ' title="Tin tức: Cải cách hành chính – RSS"'
        ' href="/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/rss/">' in html
    )
    assert 'href="/tin-tuc/rss/"' in html  # the main feed is still advertised


@pytest.mark.parametrize(
    "url",
    ["/tin-tuc/chuyen-muc/khong-ton-tai/", "/tin-tuc/chuyen-muc/Cải-cách/", "/tin-tuc/chuyen-muc/"],
)
def test_unknown_category_is_404(client, news_index, three, url):
    assert client.get(url).status_code == 404


def test_year_and_month_archives_use_vietnam_time(client, news_index, three):
    year = client.get("/tin-tuc/2024/").content.decode()
    assert titles_in(year, ALL) == ["Tin tháng Hai", "Tin tháng Một"]
    assert "năm 2024" in year
    # 23:30 on 31 January in Hà Nội is 16:30 UTC: January, not February.
    january = client.get("/tin-tuc/2024/01/").content.decode()
    assert titles_in(january, ALL) == ["Tin tháng Một"]
    assert "tháng 1/2024" in january
    assert titles_in(client.get("/tin-tuc/2024/2/").content.decode(), ALL) == ["Tin tháng Hai"]
    assert titles_in(client.get("/tin-tuc/2023/12/").content.decode(), ALL) == ["Tin năm 2023"]


@pytest.mark.parametrize(
    "url",
    [
        "/tin-tuc/2024/13/", "/tin-tuc/2024/00/", "/tin-tuc/1899/", "/tin-tuc/99999/",
        "/tin-tuc/2024/-1/", "/tin-tuc/2022/", "/tin-tuc/2024/03/", "/tin-tuc/2024/01/?page=x",
        "/tin-tuc/2024/01/?page=2",
    ],
)
def test_impossible_or_empty_archives_are_404(client, news_index, three, url):
    assert client.get(url).status_code == 404


def test_archive_picker_redirects_to_readable_url(client, news_index, three):
    response = client.get("/tin-tuc/", {"nam": "2024", "thang": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith("/tin-tuc/2024/01/")
    response = client.get("/tin-tuc/", {"nam": "2024", "thang": ""})
    assert response["Location"].endswith("/tin-tuc/2024/")


@pytest.mark.parametrize("query", [{"nam": "abc"}, {"nam": "2024", "thang": "13"}, {"nam": ""}])
def test_archive_picker_bad_values_are_404(client, news_index, query):
    assert client.get("/tin-tuc/", query).status_code == 404


def test_archive_range_is_local_and_exclusive():
    start, end = archive_range(2020, 12)
    assert start == dt.datetime(2020, 12, 1, tzinfo=TZ)
    assert end == dt.datetime(2021, 1, 1, tzinfo=TZ)
    assert start.utcoffset() == dt.timedelta(hours=7)
