"""The layout every page shares, as a reader's browser receives it."""

from __future__ import annotations

import re

import pytest

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from home.models import SiteSettings
from tests.site.conftest import add_page

pytestmark = pytest.mark.django_db


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _nav(html: str) -> str:
    return html.split('aria-label="Trình đơn chính"', 1)[1].split("</nav>", 1)[0]


def test_page_is_vietnamese_with_skip_link_first(client, tree):
    html = _html(client, tree["about"].url)
    assert '<html lang="vi"' in html
    body = html.split("<body", 1)[1]
    first_link = re.search(r"<a [^>]*>", body).group(0)
    assert 'href="#main"' in first_link and "skip-link" in first_link
    assert '<main id="main"' in html
    assert "Lên đầu trang" in html
    assert 'action="/search/"' in html and 'name="q"' in html


def test_menu_lists_live_menu_pages_in_tree_order(client, tree):
    nav = _nav(_html(client, "/"))
    titles = re.findall(r'class="main-nav__link[^"]*" href="[^"]*"[^>]*>([^<]+)<', nav)
    assert titles == ["Trang chủ", "Giới thiệu", "Liên hệ"]


def test_menu_marks_current_section(client, tree):
    nav = _nav(_html(client, tree["history"].url))
    about_link = re.search(r'<a [^>]*href="/gioi-thieu/"[^>]*>', nav).group(0)
    assert "is-current" in about_link
    # The section is marked, but only the page itself is aria-current.
    assert "aria-current" not in about_link
    nav = _nav(_html(client, tree["about"].url))
    assert 'href="/gioi-thieu/" aria-current="page"' in nav


def test_breadcrumbs_trail_from_home(client, tree):
    html = _html(client, tree["history"].url)
    trail = html.split('aria-label="Đường dẫn"', 1)[1].split("</nav>", 1)[0]
    steps = re.findall(r"<li[^>]*>(.*?)</li>", trail, re.S)
    assert [re.sub(r"<[^>]+>", "", s) for s in steps] == [
        "Trang chủ", "Giới thiệu", "Lịch sử phát triển",
    ]
    assert '<a href="/">Trang chủ</a>' in steps[0]
    assert 'aria-current="page"' in steps[2]


def test_home_page_has_no_breadcrumb_trail(client, tree):
    assert 'aria-label="Đường dẫn"' not in _html(client, "/")


def test_menu_and_breadcrumbs_cost_the_same_for_any_number_of_items(client, tree, home_page):
    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    client.get(tree["history"].url)  # warm Wagtail's site-root cache
    before = count(tree["history"].url)
    for number in range(4):
        add_page(home_page, f"Mục {number}", in_menu=True)
    assert count(tree["history"].url) == before


def test_text_size_control_is_three_buttons(client, tree):
    html = _html(client, "/")
    group = html.split('aria-label="Cỡ chữ"', 1)[1].split("</div>", 1)[0]
    buttons = re.findall(r"<button ([^>]*)>(.*?)</button>", group, re.S)
    assert [re.search(r'data-text-size="(\w+)"', attrs).group(1) for attrs, _ in buttons] == [
        "small", "normal", "large",
    ]
    assert all('type="button"' in attrs and "aria-pressed" in attrs for attrs, _ in buttons)
    assert [re.sub(r"<[^>]+>", " ", label).split()[0] for _, label in buttons] == ["A-", "A", "A+"]


def test_not_found_page_uses_the_layout(client, home_page):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'content="noindex"' in html
    assert 'aria-label="Trình đơn chính"' in html


def test_server_error_page_renders_without_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert '<html lang="vi">' in html and "Hệ thống đang gặp sự cố" in html


def test_draft_page_is_not_served(client, tree):
    assert client.get("/nhap/").status_code == 404
    add_page(tree["about"], "Trang con")
    assert client.get("/gioi-thieu/trang-con/").status_code == 200


def test_ministry_name_comes_from_site_settings_read_once(client, tree):
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(site=site, defaults={"ministry_name": "Sở Xây dựng"})
    client.get(tree["history"].url)  # warm the sidebar/footer cache
    with CaptureQueriesContext(connection) as queries:
        html = _html(client, tree["history"].url)
    assert "<title>Lịch sử phát triển – Sở Xây dựng</title>" in html
    assert "Cổng thông tin điện tử Sở Xây dựng</p>" in html
    assert '<span class="brand__name">Sở Xây dựng</span>' in html
    assert 'content="Sở Xây dựng"' in html  # og:site_name
    assert "Ghi rõ nguồn “Sở Xây dựng”" in html
    assert "Bộ Xây dựng" not in html.replace("Lịch sử Bộ Xây dựng.", "")
    settings_reads = [q for q in queries.captured_queries if "home_sitesettings" in q["sql"]]
    assert len(settings_reads) == 1
