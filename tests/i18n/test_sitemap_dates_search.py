"""The sitemap with alternates (valid under the strict XSD), English dates and numbers on English
pages, search in the language of the page, the admin's language per editor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lxml import etree

from django.utils import translation

from wagtail.users.models import UserProfile

from cms import text
from news.factories import NewsArticlePageFactory, NewsCategoryFactory, NewsIndexPageFactory

from .conftest import translate

XSD = Path(__file__).parent / "xsd" / "sitemap-with-alternates.xsd"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def valid(content: bytes) -> etree._Element:
    doc = etree.fromstring(content)
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(doc), schema.error_log
    return doc


def test_sitemap_lists_both_languages_with_alternates(client, en_organisation, home_page):
    doc = valid(client.get("/sitemap-trang.xml").content)
    urls = {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in doc.findall("s:url", NS)
    }
    alternates = {
        "vi": "http://testserver/gioi-thieu/",
        "en": "http://testserver/en/about/",
        "x-default": "http://testserver/gioi-thieu/",
    }
    assert urls["http://testserver/gioi-thieu/"] == alternates
    assert urls["http://testserver/en/about/"] == alternates
    assert urls["http://testserver/en/"]["vi"] == "http://testserver/"


def test_sitemap_without_translations_has_no_alternates(client, home_page):
    doc = valid(client.get("/sitemap-trang.xml").content)
    assert doc.findall(".//x:link", NS) == []


def test_dates_and_numbers_follow_the_language():
    moment = dt.datetime(2020, 9, 21, 9, 7, tzinfo=text.TIME_ZONE)
    with translation.override("vi"):  # a request before may have left English active
        assert text.format_datetime(moment) == "Thứ hai, 21/09/2020 09:07"
        assert text.format_number(1234567.891, 2) == "1.234.567,89"
        assert text.format_percent(20, 49) == "40,82%"
    with translation.override("en"):
        assert text.format_datetime(moment) == "Monday, 21 September 2020 09:07"
        assert text.format_date(moment.date()) == "21 September 2020"
        assert text.format_number(1234567.891, 2) == "1,234,567.89"
        assert text.format_percent(20, 49) == "40.82%"


def test_an_english_article_shows_an_english_date(client, en_home, home_page):
    news = NewsIndexPageFactory(parent=home_page)
    article = NewsArticlePageFactory(
        parent=news, category=NewsCategoryFactory(), title="Bộ Xây dựng cung cấp dịch vụ",
        published_at=dt.datetime(2020, 9, 21, 9, 7, tzinfo=text.TIME_ZONE),
    )
    translate(news, "News", "news")
    translate(article, "The Ministry offers 20 online services", "online-services")
    vi = client.get(article.url).content.decode()
    en = client.get("/en/news/online-services/").content.decode()
    assert "Thứ hai, 21/09/2020" in vi
    assert "Monday, 21 September 2020" in en and "Thứ hai" not in en.split("<main")[1].split(
        "</main>")[0]


def test_admin_is_vietnamese_unless_the_editor_chooses_english(admin_client, admin_user):
    assert '<html lang="vi"' in admin_client.get("/admin/").content.decode()
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    assert '<html lang="en"' in admin_client.get("/admin/").content.decode()


def test_search_finds_the_pages_of_its_language(client, en_home, home_page):
    news = NewsIndexPageFactory(parent=home_page)
    article = NewsArticlePageFactory(
        parent=news, category=NewsCategoryFactory(), title="Phát triển nhà ở xã hội",
    )
    translate(news, "News", "news")
    translate(article, "Social housing development", "social-housing")

    def titles(url: str) -> list[str]:
        return [result["title"] for result in client.get(url).json()["results"]]

    assert titles("/en/search/?q=housing&format=json") == ["Social housing development"]
    assert titles("/search/?q=housing&format=json") == []
    assert titles("/search/?q=nha+o+xa+hoi&format=json") == ["Phát triển nhà ở xã hội"]
