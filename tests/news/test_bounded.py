"""Bounded work per view: the listing's count stops at its last page; a page past it, or not a
number, is a 404 before any article is read; related articles come from a bounded candidate set."""

from __future__ import annotations

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.pagination import BoundedPaginator
from news.factories import NewsArticlePageFactory
from news.models import NewsArticlePage


def test_the_count_stops_at_the_last_page_it_shows(news_index, category):
    for _ in range(7):
        NewsArticlePageFactory(parent=news_index, category=category)
    articles = news_index.articles()
    capped = BoundedPaginator(articles, 2, max_pages=3)
    assert (capped.count, capped.num_pages, capped.capped) == (6, 3, True)
    whole = BoundedPaginator(articles, 2, max_pages=10)
    assert (whole.count, whole.num_pages, whole.capped) == (7, 4, False)


@pytest.mark.parametrize("page", ["101", "999999", "abc", "0", "-1", "1e3"])
def test_a_far_or_bad_page_is_a_404_without_reading_articles(client, news_index, category, page):
    NewsArticlePageFactory(parent=news_index, category=category)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/tin-tuc/?page={page}").status_code == 404
    assert not any("news_newsarticlepage" in q["sql"] for q in queries.captured_queries)


def test_related_articles_score_only_the_newest_candidates(news_index, category, monkeypatch):
    import news.models

    monkeypatch.setattr(news.models, "RELATED_CANDIDATES", 3)
    old = [NewsArticlePageFactory(parent=news_index, category=category) for _ in range(3)]
    new = [NewsArticlePageFactory(parent=news_index, category=category) for _ in range(3)]
    me = NewsArticlePageFactory(parent=news_index, category=category)
    me.published_at = old[0].published_at  # not among the newest of its category itself
    NewsArticlePage.objects.filter(pk=me.pk).update(published_at=old[0].published_at)
    related = me.related_articles()
    assert set(related) <= set(new)
    assert len(related) == 3


def test_a_capped_listing_says_there_are_more(client, news_index, category, monkeypatch):
    """Where the count stops at the cap, the reader is told "hơn N" (more than N pages)."""
    import cms.pagination

    news_index.per_page = 1
    news_index.save_revision().publish()
    for _ in range(3):
        NewsArticlePageFactory(parent=news_index, category=category)
    assert "Trang 1/3<" in client.get("/tin-tuc/").content.decode()
    monkeypatch.setattr(cms.pagination, "MAX_PAGES", 2)
    assert "Trang 1/hơn 2<" in client.get("/tin-tuc/").content.decode()
    assert client.get("/tin-tuc/?page=3").status_code == 404


def test_the_count_reads_only_a_window_past_the_page(client, news_index, category, monkeypatch):
    """Page 1 of a large listing counts a few pages ahead, not up to the last reachable page."""
    import cms.pagination

    news_index.per_page = 1
    news_index.save_revision().publish()
    for _ in range(3):
        NewsArticlePageFactory(parent=news_index, category=category)
    monkeypatch.setattr(cms.pagination, "WINDOW", 1)
    assert "Trang 1/hơn 2<" in client.get("/tin-tuc/").content.decode()
    assert "Trang 2/3<" in client.get("/tin-tuc/?page=2").content.decode()
    assert "Trang 3/3<" in client.get("/tin-tuc/?page=3").content.decode()
