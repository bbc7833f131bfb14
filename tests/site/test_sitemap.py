"""/sitemap.xml and /robots.txt: valid against the sitemaps.org schemas, split before the limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.sitemaps import PAGE_LIMIT, SectionSitemap
from tests.site.conftest import add_page

pytestmark = pytest.mark.django_db

XSD = Path(__file__).parent / "xsd"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _valid(content: bytes, schema: str) -> etree._Element:
    doc = etree.fromstring(content)
    xsd = etree.XMLSchema(etree.parse(str(XSD / schema)))
    assert xsd.validate(doc), xsd.error_log
    return doc


def _locs(doc: etree._Element) -> list[str]:
    return [loc.text for loc in doc.findall(".//sm:loc", NS)]


def test_index_lists_only_sections_that_have_pages_and_validates(client, tree):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    doc = _valid(response.content, "siteindex.xsd")
    assert _locs(doc) == ["http://testserver/sitemap-trang.xml"]
    assert doc.find(".//sm:lastmod", NS) is not None


def test_section_lists_live_pages_with_absolute_urls_and_validates(client, tree):
    response = client.get("/sitemap-trang.xml")
    assert response.status_code == 200
    locs = _locs(_valid(response.content, "sitemap.xsd"))
    assert locs == [
        "http://testserver/",
        "http://testserver/gioi-thieu/",
        "http://testserver/gioi-thieu/lich-su-phat-trien/",
        "http://testserver/lien-he/",
        "http://testserver/an-khoi-trinh-don/",
    ]
    assert "http://testserver/nhap/" not in locs


def test_a_big_section_is_cut_into_files_below_the_protocol_limit(client, tree, monkeypatch):
    assert PAGE_LIMIT <= 50_000
    monkeypatch.setattr(SectionSitemap, "limit", 2)
    index = _locs(_valid(client.get("/sitemap.xml").content, "siteindex.xsd"))
    assert index == [
        "http://testserver/sitemap-trang.xml",
        "http://testserver/sitemap-trang.xml?p=2",
        "http://testserver/sitemap-trang.xml?p=3",
    ]
    seen = []
    for url in index:
        response = client.get(url.removeprefix("http://testserver"))
        seen += _locs(_valid(response.content, "sitemap.xsd"))
    assert len(seen) == len(set(seen)) == 5
    assert client.get("/sitemap-trang.xml?p=4").status_code == 404


@pytest.mark.parametrize(
    "url", ["/sitemap-khong-co.xml", "/sitemap-tin-tuc.xml", "/sitemap-trang.xml?p=abc",
            "/sitemap-trang.xml?p=0"],
)
def test_unknown_or_empty_sections_and_bad_page_numbers_are_404(client, tree, url):
    assert client.get(url).status_code == 404


def test_sitemap_queries_do_not_grow_with_pages(client, tree, home_page):
    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    client.get("/sitemap.xml"), client.get("/sitemap-trang.xml")  # warm Wagtail's caches
    index_before, section_before = count("/sitemap.xml"), count("/sitemap-trang.xml")
    # The first view after a change reads each section's summary once: a fixed cost, the same
    # after one page added as after five more.
    add_page(home_page, "Trang thêm")
    after_one = count("/sitemap.xml")
    for number in range(5):
        add_page(home_page, f"Trang thêm {number}")
    assert count("/sitemap.xml") == after_one
    assert count("/sitemap.xml") == index_before
    assert count("/sitemap-trang.xml") == section_before


def test_pages_added_or_unpublished_show_in_the_sitemap_at_once(
    client, tree, home_page, monkeypatch
):
    """The kept section summaries (sizes, file boundaries) never hide a change (cms.sitemaps)."""
    monkeypatch.setattr(SectionSitemap, "limit", 2)

    def crawl() -> tuple[list[str], list[str]]:
        index = _locs(_valid(client.get("/sitemap.xml").content, "siteindex.xsd"))
        seen = []
        for url in index:
            response = client.get(url.removeprefix("http://testserver"))
            seen += _locs(_valid(response.content, "sitemap.xsd"))
        return index, seen

    index, before = crawl()
    assert (len(index), len(before)) == (3, 5)
    first, second = add_page(home_page, "Trang mới một"), add_page(home_page, "Trang mới hai")
    index, seen = crawl()
    assert (len(index), len(seen), len(set(seen))) == (4, 7, 7)
    assert {f"http://testserver/{p.slug}/" for p in (first, second)} <= set(seen)
    second.unpublish()
    first.unpublish()
    index, seen = crawl()
    assert len(index) == 3
    assert seen == before


def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert client.post("/robots.txt").status_code == 405
