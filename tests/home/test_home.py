"""The home page: its sections and what each costs in queries."""

from __future__ import annotations

import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils import WagtailPageTestCase

from home.models import HomeFeaturedArticle, HomePage
from news.factories import ImageFactory, NewsArticlePageFactory, NewsIndexPageFactory

from .helpers import visible_text


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


def add_articles(index, count: int, with_images: bool = True) -> list:
    return [
        NewsArticlePageFactory(parent=index, main_image=ImageFactory() if with_images else None)
        for _ in range(count)
    ]


def feature(home: HomePage, articles: list) -> None:
    for article in articles:
        home.featured_articles.add(HomeFeaturedArticle(page=article))
    home.save_revision().publish()


def test_home_page_shows_every_section(
    client, home_page, news_index, procedure_index, policy_index, units_page, make_procedures
):
    articles = add_articles(news_index, 4)
    feature(home_page, [articles[0]])
    make_procedures(2, level=4)
    make_procedures(1, level=3)
    html = client.get("/").content.decode()
    shown = visible_text(html)
    assert "Tin nổi bật " + articles[0].title in shown
    latest = shown.split("Tin mới nhất", 1)[1]
    assert articles[3].title in latest and articles[0].title not in latest
    assert latest.index(articles[3].title) < latest.index(articles[1].title)  # newest first
    assert "2 dịch vụ toàn trình, 66,67%" in shown
    assert f'href="{procedure_index.url}?level=toan-trinh"' in html
    assert "Truy cập nhanh Thủ tục hành chính Chính sách pháp luật Đơn vị trực thuộc" in shown


def test_unpublished_featured_article_is_left_out(client, home_page, news_index):
    articles = add_articles(news_index, 2, with_images=False)
    feature(home_page, articles)
    articles[0].unpublish()
    html = client.get("/").content.decode()
    assert articles[0].title not in html
    assert articles[1].title in html


def section_queries(home: HomePage) -> dict[str, int]:
    home = HomePage.objects.get(pk=home.pk)
    counts = {}
    for name, call in (
        ("featured", lambda: home.featured_news()),
        ("latest", lambda: home.latest_news()),
        ("quick_links", lambda: home.quick_links()),
    ):
        with CaptureQueriesContext(connection) as queries:
            call()
        counts[name] = len(queries.captured_queries)
    return counts


def test_each_section_costs_a_fixed_number_of_queries(
    client, home_page, news_index, procedure_index, policy_index, units_page,
    django_assert_num_queries,
):
    few = add_articles(news_index, 2)
    feature(home_page, few[:1])
    client.get("/")  # make the renditions, as the first visit does
    # Each section: Wagtail's .public() reads the view restrictions (1), then featured: rows +
    # articles + renditions; latest: articles + renditions; quick links: one query.
    # 2026-12-04: one fewer each: the view restrictions come from the cache (cms.visibility).
    assert section_queries(home_page) == {"featured": 3, "latest": 2, "quick_links": 1}
    client.get("/")
    with CaptureQueriesContext(connection) as small:
        client.get("/")
    more = add_articles(news_index, 8)
    feature(home_page, more[:4])
    client.get("/")
    assert section_queries(home_page) == {"featured": 3, "latest": 2, "quick_links": 1}
    with CaptureQueriesContext(connection) as large:
        response = client.get("/")
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_featured_rows_accept_only_news_articles(home_page, news_index):
    row = HomeFeaturedArticle(home=home_page, page=news_index)
    with pytest.raises(ValidationError, match="Chỉ chọn được bài viết tin tức."):
        row.clean()


def test_latest_count_is_bounded(home_page):
    home_page.latest_count = 50
    with pytest.raises(ValidationError, match="Số tin mới nhất phải từ 1 đến 20."):
        home_page.clean()


class TestPageTypes(WagtailPageTestCase):
    """Where each portal page type may be created, and that each renders."""

    def test_parent_and_child_rules(self):
        from home.models import (
            PolicyIndexPage,
            PolicyPage,
            ProcedureIndexPage,
            ProcedurePage,
            UnitSitesPage,
        )

        for index in (ProcedureIndexPage, PolicyIndexPage, UnitSitesPage):
            self.assertCanCreateAt(HomePage, index)
        self.assertAllowedSubpageTypes(ProcedureIndexPage, {ProcedurePage})
        self.assertAllowedSubpageTypes(PolicyIndexPage, {PolicyPage})
        self.assertAllowedParentPageTypes(ProcedurePage, {ProcedureIndexPage})
        self.assertAllowedParentPageTypes(PolicyPage, {PolicyIndexPage})
        self.assertCanNotCreateAt(HomePage, ProcedurePage)
