"""The page cache in both languages: publishing an English article purges the English home and
news index that list it, and its Vietnamese original (whose language switcher names it)."""

from __future__ import annotations

import pytest

from news.factories import NewsArticlePageFactory, NewsCategoryFactory, NewsIndexPageFactory

from .conftest import translate

HIT = "X-Page-Cache"


@pytest.fixture(autouse=True)
def _page_cache_on(settings, home_page) -> None:
    from wagtail.models import Site

    from home.models import SiteSettings

    settings.PAGE_CACHE_ENABLED = True
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # as on a running site


def test_publishing_an_english_article_purges_both_languages(client, home_page, en_home):
    category = NewsCategoryFactory(name="Hoạt động của Bộ")
    news = NewsIndexPageFactory(parent=home_page, title="Tin tức", slug="tin-tuc")
    translate(news, "News", "news")
    article = NewsArticlePageFactory(parent=news, category=category, title="Bộ họp về nhà ở")
    english = translate(article, "Old English title", "ministry-meets")
    assert english.url == "/en/news/ministry-meets/"

    english_urls = ["/en/", "/en/news/", english.url]
    for url in [*english_urls, article.url, "/"]:
        client.get(url)
        assert client.get(url)[HIT] == "hit", url
    for url in english_urls:
        assert "Old English title" in client.get(url).content.decode(), url

    english.title = "New English title"
    english.save_revision().publish()

    for url in [*english_urls, article.url]:
        response = client.get(url)
        assert response[HIT] == "miss", url
    for url in english_urls:
        page = client.get(url).content.decode()
        assert "New English title" in page and "Old English title" not in page, url
    # The Vietnamese home lists only Vietnamese articles: it stays cached.
    assert client.get("/")[HIT] == "hit"
