"""RSS 2.0 feeds (all news, one per category) and the <link rel="alternate"> on every page."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

import pytest
from lxml import etree

from cms import text
from news.factories import NewsArticlePageFactory
from news.feeds import FEED_LIMIT

TZ = text.TIME_ZONE


@pytest.fixture
def articles(news_index, category, other_category):
    made = []
    for day in range(1, 4):
        made.append(
            NewsArticlePageFactory(
                parent=news_index, title=f"Tin ngày {day}", category=category,
                published_at=dt.datetime(2020, 9, day, 9, 7, tzinfo=TZ), author="Hà Linh",
            )
        )
    made.append(
        NewsArticlePageFactory(
            parent=news_index, title="Tin quy hoạch", category=other_category,
            published_at=dt.datetime(2020, 9, 10, 7, 0, tzinfo=TZ),
        )
    )
    NewsArticlePageFactory(parent=news_index, title="Tin nháp", live=False)
    return made


def parse(response) -> etree._Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return etree.fromstring(response.content)


def test_main_feed_is_rss2_with_items_newest_first(client, articles):
    root = parse(client.get("/tin-tuc/rss/"))
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "Bộ Xây dựng – Tin tức"
    assert channel.findtext("link") == "http://testserver/tin-tuc/"
    assert channel.findtext("language") == "vi"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [
        "Tin quy hoạch", "Tin ngày 3", "Tin ngày 2", "Tin ngày 1",
    ]
    first = items[1]
    assert first.findtext("link") == "http://testserver" + articles[2].url
    assert first.findtext("description") == articles[2].lead
    assert first.findtext("category") == "Cải cách hành chính"
    # RFC 822 date, the same instant as the dateline (09:07 in Hà Nội = 02:07 UTC).
    assert first.findtext("pubDate") == "Thu, 03 Sep 2020 02:07:00 +0000"
    assert parsedate_to_datetime(first.findtext("pubDate")) == articles[2].published_at


def test_category_feed_has_only_its_articles(client, articles, other_category):
    root = parse(client.get(f"/tin-tuc/chuyen-muc/{other_category.slug}/rss/"))
    channel = root.find("channel")
    assert channel.findtext("title") == "Bộ Xây dựng – Tin tức: Quy hoạch – Kiến trúc"
    assert channel.findtext("link") == f"http://testserver/tin-tuc/chuyen-muc/{other_category.slug}/"
    assert [i.findtext("title") for i in channel.findall("item")] == ["Tin quy hoạch"]


def test_unknown_category_feed_is_404(client, articles):
    assert client.get("/tin-tuc/chuyen-muc/khong-co/rss/").status_code == 404


def test_feed_is_limited(client, news_index, category):
    for n in range(FEED_LIMIT + 2):
        NewsArticlePageFactory(parent=news_index, title=f"Tin số {n}", category=category)
    root = parse(client.get("/tin-tuc/rss/"))
    assert len(root.findall("channel/item")) == FEED_LIMIT


FEED_LINK = (
    '<link rel="alternate" type="application/rss+xml" title="Tin tức – RSS" href="/tin-tuc/rss/">'
)


def test_feed_is_advertised_on_home_page_and_article(client, articles):
    home = client.get("/")
    assert home.status_code == 200
    assert FEED_LINK in home.content.decode()
    article = client.get(articles[0].url).content.decode()
    assert FEED_LINK in article
    head = article[: article.index("</head>")]
    assert FEED_LINK in head


def test_no_feed_link_without_a_news_index(client, home_page):
    html = client.get("/").content.decode()
    assert "application/rss+xml" not in html
