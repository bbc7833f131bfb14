"""The RSS feeds that every page advertises: reachable and valid RSS 2.0 a reader can use."""

from __future__ import annotations

import datetime as dt
import email.utils
import re

import pytest
from lxml import etree

from news.factories import NewsArticlePageFactory, NewsCategoryFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db


def _advertised(html: str) -> list[str]:
    return re.findall(r'<link rel="alternate" type="application/rss\+xml"[^>]*href="([^"]+)"',
                      html)


def _valid_rss(content: bytes) -> etree._Element:
    rss = etree.fromstring(content)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    for tag in ("title", "link", "description", "language"):
        assert (channel.findtext(tag) or "").strip(), tag
    assert channel.findtext("language") == "vi"
    for item in channel.findall("item"):
        assert item.findtext("title") and item.findtext("link").startswith("http://testserver/")
        # RFC 822 dates, as RSS 2.0 requires; the dateline's offset is kept.
        published = email.utils.parsedate_to_datetime(item.findtext("pubDate"))
        assert published.utcoffset() is not None
    return channel


def test_advertised_feeds_are_valid_rss_with_the_newest_articles(client, home_page):
    index = NewsIndexPageFactory(parent=home_page)
    category = NewsCategoryFactory(name="Quy hoạch – Kiến trúc")
    old = NewsArticlePageFactory(parent=index, category=category,
                                 published_at=dt.datetime(2020, 9, 21, 2, 7, tzinfo=dt.UTC))
    new = NewsArticlePageFactory(parent=index,
                                 published_at=dt.datetime(2021, 1, 5, 1, 0, tzinfo=dt.UTC))
    feeds = _advertised(client.get("/").content.decode())
    assert feeds
    response = client.get(feeds[0])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = _valid_rss(response.content)
    links = [item.findtext("link") for item in channel.findall("item")]
    assert links == [f"http://testserver{new.url}", f"http://testserver{old.url}"]
    html = client.get(f"{index.url}chuyen-muc/{category.slug}/").content.decode()
    category_feed = [url for url in _advertised(html) if category.slug in url]
    assert category_feed
    channel = _valid_rss(client.get(category_feed[0]).content)
    assert [item.findtext("link") for item in channel.findall("item")] == [
        f"http://testserver{old.url}"
    ]
