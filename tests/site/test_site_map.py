"""``/so-do-trang/``: the readers' site map — sections and their index pages, never the content
items; linked from every page's footer; a fixed number of queries; cached and purged exactly."""

from __future__ import annotations

import pytest

from home.factories import (
    DisclosureIndexPageFactory,
    DisclosurePageFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
)
from home.models import StandardPage
from news.factories import NewsArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db

URL = "/so-do-trang/"


@pytest.fixture
def site_tree(home_page):
    about = StandardPage(title="Giới thiệu", slug="gioi-thieu")
    home_page.add_child(instance=about)
    about.save_revision().publish()
    history = StandardPage(title="Lịch sử phát triển", slug="lich-su")
    about.add_child(instance=history)
    history.save_revision().publish()
    hidden = StandardPage(title="Trang nháp chưa đăng", slug="nhap")
    about.add_child(instance=hidden)
    hidden.save_revision()
    hidden.unpublish()
    news = NewsIndexPageFactory(parent=home_page)
    policies = PolicyIndexPageFactory(parent=home_page)
    disclosures = DisclosureIndexPageFactory(parent=home_page)
    return {"about": about, "news": news, "policies": policies, "disclosures": disclosures}


def _links(html: str) -> list[str]:
    nav = html.split('<nav class="site-map"', 1)[1].split("</nav>", 1)[0]
    return [chunk.split('"', 1)[0] for chunk in nav.split('<a href="')[1:]]


def test_lists_sections_and_index_pages_in_tree_order_not_items(client, site_tree):
    NewsArticlePageFactory(parent=site_tree["news"], title="Một bài tin")
    PolicyPageFactory(parent=site_tree["policies"])
    DisclosurePageFactory(parent=site_tree["disclosures"])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1 id=\"site-map-title\">Sơ đồ trang</h1>" in html
    assert '<nav class="site-map" aria-labelledby="site-map-title">' in html
    assert _links(html) == [
        "/", "/gioi-thieu/", "/gioi-thieu/lich-su/", "/tin-tuc/", "/chinh-sach-phap-luat/",
        "/cong-khai-thong-tin/", "/search/",
    ]
    assert "Lịch sử phát triển" in html and "Trang nháp chưa đăng" not in html
    assert "Một bài tin" not in html


def test_every_page_links_to_it_from_the_footer(client, site_tree):
    for url in ("/", "/gioi-thieu/", "/cong-khai-thong-tin/", URL, "/search/"):
        html = client.get(url).content.decode()
        footer = html.split('<footer class="site-footer">', 1)[1]
        assert f'<a href="{URL}">Sơ đồ trang</a>' in footer, url


def test_costs_the_same_queries_whatever_the_number_of_items(
    client, site_tree, django_assert_num_queries
):
    client.get(URL)  # the test settings keep the page cache off: the view itself is measured
    with django_assert_num_queries(SITE_MAP_QUERIES):
        client.get(URL)
    for n in range(20):
        NewsArticlePageFactory(parent=site_tree["news"], title=f"Bài {n}")
        DisclosurePageFactory(parent=site_tree["disclosures"], title=f"Kế hoạch {n}")
    with django_assert_num_queries(SITE_MAP_QUERIES):
        assert client.get(URL).status_code == 200


# Measured 2026-12-05 with the page cache off: the site, the pages of the map with their locale
# (1), and the shared layout as on any page (site settings, main menu, sidebar). The content types
# of the item models are Django's cached ContentTypes after the first view.
SITE_MAP_QUERIES = 5


def test_cached_and_purged_when_a_section_is_published(client, site_tree, settings):
    settings.PAGE_CACHE_ENABLED = True
    client.get("/")  # the first view creates the site settings, which purges everything
    assert client.get(URL)["X-Page-Cache"] == "miss"
    assert client.get(URL)["X-Page-Cache"] == "hit"
    # An article does not change the map: the cached copy stays.
    NewsArticlePageFactory(parent=site_tree["news"]).save_revision().publish()
    assert client.get(URL)["X-Page-Cache"] == "hit"
    contact = StandardPage(title="Liên hệ", slug="lien-he")
    site_tree["about"].get_parent().add_child(instance=contact)
    contact.save_revision().publish()
    response = client.get(URL)
    assert response["X-Page-Cache"] == "miss"
    assert "/lien-he/" in _links(response.content.decode())
    contact.unpublish()
    assert "/lien-he/" not in _links(client.get(URL).content.decode())


def test_only_get_and_head(client, site_tree):
    assert client.post(URL).status_code == 405
