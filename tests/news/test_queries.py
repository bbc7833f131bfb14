"""Fixed SQL cost: an article page whatever its tags, related articles and photos; a listing
page whatever the number of articles. The numbers are written down on purpose: a change that
adds a query per item, or any query at all, must be seen and justified here.
"""

from __future__ import annotations

import pytest

from django.core.cache import cache

from wagtail.models import Site
from wagtail.rich_text import RichText

from home.models import SiteSettings
from news.factories import ImageFactory, NewsArticlePageFactory, image_block

# Measured 2026-11-28 with the shared layout of that day (menu, breadcrumbs, SEO tags, site
# settings, unit sites: about half of each figure). News' own part of an article page: related
# articles (1, editor's choice), main image (1), body images (1 for all), renditions of every
# image on the page (1), tags (1), category (1), parent for the category link (1), feed link (1).
# 2026-12-04 (issue 12): 24 → 14. Routing reads the whole path in one query (cms.routing: was
# two per level) and loads the category and photo with the article; view restrictions come from
# the cache (cms.visibility); breadcrumbs reuse the routing rows. With the shared fragments warm
# an article costs 10 (tests/news/test_page_cache.py).
# Issue 15 (i18n on): +2, the page's translations for the language links (cms.templatetags.
# languages) and, cache cold, Wagtail's site root paths listing the root's translations.
ARTICLE_QUERIES = 16
# Listing: view restrictions, count, one page of articles with category and main image (1),
# renditions (1), categories (1), feed link (1), plus routing and the shared layout.
# 2026-12-04: 20 → 14 (one-query routing; the count is bounded, cms.pagination).
LISTING_QUERIES = 16  # +2 with i18n on, as for an article
# Feed: site, routing, view restrictions, the newest articles with their categories (1).
# 2026-12-04: 9 → 6 (one-query routing; no view-restriction query when the site has none).
# +1 with i18n on: the root's translations in the cold site root paths; +1 the site settings
# (the ministry's name in the feed's language, as the pages show it).
FEED_QUERIES = 8


def make_article(news_index, category, n: int):
    images = [ImageFactory() for _ in range(n)]
    related = [
        NewsArticlePageFactory(parent=news_index, category=category, main_image=images[i])
        for i in range(n)
    ]
    body = []
    for i, image in enumerate(images):
        body.append(("paragraph", RichText(f"<p>Đoạn {i}.</p>")))
        body.append(image_block(image, caption=f"Ảnh {i}", credit="Ảnh: Bộ Xây dựng"))
    return NewsArticlePageFactory(
        parent=news_index,
        category=category,
        title=f"Bài có {n} ảnh, {n} thẻ và {n} bài liên quan",
        main_image=ImageFactory(),
        body=body,
        tags=[f"thẻ số {i}" for i in range(n)],
        related=related,
    )


@pytest.mark.parametrize("n", [1, 10])
def test_article_page_costs_a_fixed_number_of_queries(
    client, news_index, category, django_assert_num_queries, n
):
    page = make_article(news_index, category, n)
    assert client.get(page.url).status_code == 200  # creates the renditions
    cache.clear()
    with django_assert_num_queries(ARTICLE_QUERIES):
        response = client.get(page.url)
    html = response.content.decode()
    assert html.count('class="article-figure"') == n
    assert html.count('rel="tag"') == n
    assert html.count('class="news-card"') == min(n, 4)


@pytest.mark.parametrize("n", [5, 50])
def test_listing_costs_the_same_for_5_and_50_articles(
    client, news_index, category, django_assert_num_queries, n
):
    for _ in range(n):
        NewsArticlePageFactory(parent=news_index, category=category, main_image=ImageFactory())
    assert client.get("/tin-tuc/").status_code == 200
    cache.clear()
    with django_assert_num_queries(LISTING_QUERIES):
        response = client.get("/tin-tuc/")
    assert response.content.decode().count('class="news-card"') == min(n, news_index.per_page)


@pytest.mark.parametrize("n", [5, 25])
def test_feed_costs_the_same_for_5_and_25_articles(
    client, news_index, category, django_assert_num_queries, n
):
    for _ in range(n):
        NewsArticlePageFactory(parent=news_index, category=category)
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # as on a running site
    cache.clear()
    with django_assert_num_queries(FEED_QUERIES):
        response = client.get("/tin-tuc/rss/")
    assert response.content.decode().count("<item>") == min(n, 20)
