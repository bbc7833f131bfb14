"""What search engines and link previews read on each page type: meta, canonical, JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory

from cms import text
from home.factories import (
    PolicyIndexPageFactory,
    PolicyPageFactory,
    ProcedureIndexPageFactory,
    ProcedurePageFactory,
)
from news.factories import ImageFactory, NewsArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def _of_type(html: str, kind: str) -> dict:
    found = [obj for obj in _json_ld(html) if obj["@type"] == kind]
    assert len(found) == 1, [obj["@type"] for obj in _json_ld(html)]
    return found[0]


def _meta(html: str, key: str) -> str:
    match = re.search(rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)"', html)
    assert match, key
    return match.group(1)


@pytest.fixture
def article(home_page):
    index = NewsIndexPageFactory(parent=home_page)
    photo = ImageFactory(title="Ảnh công trình", description="Công nhân trên công trường",
                         file__width=1600, file__height=1000)
    return NewsArticlePageFactory(
        parent=index,
        title="Bộ Xây dựng sẽ cung cấp 20 dịch vụ công trực tuyến mức 4 trong năm 2020",
        lead="Dự kiến đến cuối năm 2020, số dịch vụ công trực tuyến mức 4 là 20 dịch vụ.",
        published_at=dt.datetime(2020, 9, 21, 2, 7, tzinfo=dt.UTC),
        author="Minh Anh",
        main_image=photo,
    )


def test_home_page_meta_website_and_breadcrumb(client, home_page):
    html = client.get("/").content.decode()
    assert "<title>Bộ Xây dựng</title>" in html
    assert _meta(html, "description") == "Cổng thông tin điện tử Bộ Xây dựng"
    assert '<link rel="canonical" href="http://testserver/">' in html
    assert _meta(html, "og:type") == "website" and _meta(html, "og:locale") == "vi_VN"
    site = _of_type(html, "WebSite")
    assert site["potentialAction"]["target"] == "http://testserver/search/?q={search_term_string}"
    crumbs = _of_type(html, "BreadcrumbList")["itemListElement"]
    assert crumbs == [{"@type": "ListItem", "position": 1, "name": "Trang chủ",
                       "item": "http://testserver/"}]


def test_article_news_article_json_ld_with_dateline_in_plus_seven(client, article):
    html = client.get(article.url).content.decode()
    data = _of_type(html, "NewsArticle")
    assert data["headline"] == article.title
    assert data["datePublished"] == "2020-09-21T09:07:00+07:00"
    assert data["dateModified"].endswith("+07:00")
    assert data["author"] == {"@type": "Person", "name": "Minh Anh"}
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["mainEntityOfPage"] == f"http://testserver{article.url}"
    assert data["image"][0].startswith("http://testserver/media/images/")
    assert _meta(html, "og:type") == "article"
    assert _meta(html, "article:published_time") == "2020-09-21T09:07:00+07:00"
    assert _meta(html, "description") == article.lead
    assert _meta(html, "twitter:card") == "summary_large_image"
    assert _meta(html, "og:image:alt") == "Công nhân trên công trường"
    assert _meta(html, "og:image:width") == "1200" and _meta(html, "og:image:height") == "630"
    names = [c["name"] for c in _of_type(html, "BreadcrumbList")["itemListElement"]]
    assert names == ["Trang chủ", "Tin tức", article.title]


def test_procedure_is_a_government_service(client, home_page):
    catalogue = ProcedureIndexPageFactory(parent=home_page)
    procedure = ProcedurePageFactory(
        parent=catalogue, title="Cấp chứng chỉ năng lực hoạt động xây dựng hạng I",
        code="1.009972", portal_url="https://dichvucong.gov.vn/p/1.009972",
    )
    html = client.get(procedure.url).content.decode()
    data = _of_type(html, "GovernmentService")
    assert data["name"] == procedure.title
    assert data["identifier"] == "1.009972"
    assert data["serviceType"] == "Hoạt động xây dựng"
    assert data["availableChannel"]["serviceUrl"] == "https://dichvucong.gov.vn/p/1.009972"
    assert data["areaServed"]["name"] == "Việt Nam"
    assert "1.009972" in _meta(html, "description")


def test_policy_document_is_legislation(client, home_page):
    index = PolicyIndexPageFactory(parent=home_page)
    policy = PolicyPageFactory(parent=index, number="17/NQ-CP", issued_on=dt.date(2019, 3, 7))
    data = _of_type(client.get(policy.url).content.decode(), "Legislation")
    assert data["legislationIdentifier"] == "17/NQ-CP"
    assert data["legislationDate"] == "2019-03-07"
    assert data["legislationPassedBy"]["name"] == "Bộ Xây dựng"
    assert data["legislationType"] == "Thông tư"
    assert data["legislationLegalForce"] == "https://schema.org/InForce"


@pytest.mark.parametrize(
    ("status", "force"),
    [
        ("het-hieu-luc-toan-bo", "https://schema.org/NotInForce"),
        ("ngung-hieu-luc-toan-bo", "https://schema.org/NotInForce"),
        ("chua-co-hieu-luc", "https://schema.org/NotInForce"),
        ("het-hieu-luc-mot-phan", "https://schema.org/PartiallyInForce"),
        ("ngung-hieu-luc-mot-phan", "https://schema.org/PartiallyInForce"),
    ],
)
def test_legislation_says_whether_it_is_in_force(client, home_page, status, force):
    index = PolicyIndexPageFactory(parent=home_page)
    policy = PolicyPageFactory(parent=index, number="17/NQ-CP", doc_type="dieu-uoc-quoc-te",
                               status=status)
    data = _of_type(client.get(policy.url).content.decode(), "Legislation")
    assert data["legislationLegalForce"] == force
    assert data["legislationType"] == "Điều ước quốc tế"


def test_canonical_drops_filters_but_keeps_the_page_number(client, home_page):
    catalogue = ProcedureIndexPageFactory(parent=home_page)
    html = client.get(catalogue.url + "?level=4&q=x").content.decode()
    assert f'<link rel="canonical" href="http://testserver{catalogue.url}">' in html
    html = client.get(catalogue.url + "?page=2").content.decode()
    assert f'href="http://testserver{catalogue.url}?page=2"' in html
    html = client.get(catalogue.url + "?page=abc").content.decode()
    assert f'<link rel="canonical" href="http://testserver{catalogue.url}">' in html


def test_json_ld_cannot_be_broken_out_of(client, home_page):
    index = NewsIndexPageFactory(parent=home_page)
    article = NewsArticlePageFactory(parent=index, title="Tiêu đề </script><script>alert(1)")
    html = client.get(article.url).content.decode()
    head = html.split("</head>", 1)[0]
    assert "<script>alert(1)" not in head and head.count("</script>") == head.count("<script")
    assert _of_type(html, "NewsArticle")["headline"] == "Tiêu đề </script><script>alert(1)"


def test_every_page_advertises_the_news_feed(client, article):
    for url in ("/", article.url, article.get_parent().url):
        html = client.get(url).content.decode()
        assert re.search(r'<link rel="alternate" type="application/rss\+xml"[^>]*href="[^"]+"',
                         html), url


def _render(source: str, **context) -> str:
    request = RequestFactory().get("/")
    return Template("{% load responsive %}" + source).render(
        Context({"request": request, **context})
    )


def test_responsive_image_has_modern_sources_fallback_and_size(db):
    photo = ImageFactory(description="Cầu Nhật Tân", file__width=1600, file__height=900)
    html = _render('{% responsive_image photo "hero" %}', photo=photo)
    assert html.startswith("<picture>") and html.endswith("</picture>")
    sources = re.findall(r"<source [^>]*>", html)
    assert [re.search(r'type="([^"]+)"', tag).group(1) for tag in sources] == [
        "image/avif", "image/webp",
    ]
    assert re.search(r'srcset="[^"]+\.avif 480w, [^"]+ 800w, [^"]+ 1200w"', sources[0])
    img = re.search(r"<img [^>]*>", html).group(0)
    assert re.search(r'src="[^"]+\.jpg"', img)
    assert 'width="480"' in img and 'height="270"' in img
    assert re.search(r'srcset="[^"]+ 480w, [^"]+ 800w, [^"]+ 1200w"', img)
    assert 'loading="lazy"' in img and 'alt="Cầu Nhật Tân"' in img
    eager = _render('{% responsive_image photo "card" eager=True alt="" %}', photo=photo)
    assert 'loading="eager"' in eager and 'fetchpriority="high"' in eager and 'alt=""' in eager
    assert _render('{% responsive_image None %}') == ""
    with pytest.raises(TemplateSyntaxError):
        _render('{% responsive_image photo "khong-co" %}', photo=photo)


def test_dates_in_json_ld_use_the_vietnamese_time_zone():
    assert text.TIME_ZONE.key == "Asia/Ho_Chi_Minh"
