"""What a reader does in a real browser: find, filter, search, enlarge the text, print."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_reader_finds_an_article_from_the_home_page(live_server, demo, tab):
    tab.goto(live_server.url + "/")
    tab.get_by_role("link", name=demo["article_title"]).first.click()
    tab.wait_for_url(re.compile(re.escape(demo["article"]) + "$"))
    assert tab.locator("h1").inner_text() == demo["article_title"]
    assert "Thứ hai, 21/09/2020 09:07" in tab.locator("main").inner_text()
    # Keyboard path to the content: the first Tab lands on the skip link, which moves focus.
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Chuyển đến nội dung chính"
    tab.keyboard.press("Enter")
    assert tab.evaluate("location.hash") == "#main"


def test_reader_reaches_the_catalogue_from_the_menu_and_filters_it(live_server, demo, tab):
    tab.goto(live_server.url + "/")
    tab.get_by_role("navigation", name="Trình đơn chính").get_by_role(
        "link", name="Thủ tục hành chính"
    ).click()
    tab.wait_for_url(re.compile(re.escape(demo["catalogue"]) + "$"))
    rows = tab.locator("table.procedure-table tbody tr")
    everything = rows.count()
    tab.locator("select[name=level]").select_option("toan-trinh")
    tab.get_by_role("button", name="Lọc").click()
    tab.wait_for_url(re.compile(r"level=toan-trinh"))
    levels = tab.locator("table.procedure-table tbody tr td:nth-child(4)").all_inner_texts()
    assert levels and all(text == "Toàn trình" for text in levels)
    assert 0 < rows.count() < everything
    status = tab.get_by_role("status").first.inner_text()
    assert status == f"Tìm thấy {rows.count()} thủ tục."


def test_reader_searches_without_diacritics_and_opens_a_result(live_server, demo, tab):
    tab.goto(live_server.url + "/")
    box = tab.get_by_role("searchbox", name="Tìm kiếm trên cổng thông tin")
    box.fill("cung cap 20 dich vu cong truc tuyen muc 4")
    box.press("Enter")
    tab.wait_for_url(re.compile(r"/search/\?q="))
    result = tab.locator(".search-results").get_by_role("link", name=demo["article_title"])
    result.first.click()
    tab.wait_for_url(re.compile(re.escape(demo["article"]) + "$"))
    assert tab.locator("h1").inner_text() == demo["article_title"]


def _font_size(tab) -> float:
    return tab.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")


def test_text_size_control_works_from_the_keyboard_and_sticks(live_server, demo, tab):
    tab.goto(live_server.url + demo["article"])
    normal = _font_size(tab)
    larger = tab.get_by_role("button", name="Chữ lớn")
    larger.focus()
    tab.keyboard.press("Enter")
    assert larger.get_attribute("aria-pressed") == "true"
    enlarged = _font_size(tab)
    assert enlarged > normal * 1.1
    tab.reload()
    assert _font_size(tab) == enlarged
    assert tab.get_by_role("button", name="Chữ lớn").get_attribute("aria-pressed") == "true"
    # Another page of the site keeps the choice; "Chữ vừa" brings it back, also after reload.
    tab.goto(live_server.url + demo["catalogue"])
    assert tab.evaluate("document.documentElement.dataset.textSize") == "large"
    tab.get_by_role("button", name="Chữ vừa").click()
    tab.reload()
    assert tab.evaluate("document.documentElement.dataset.textSize") is None


def test_printed_article_has_no_navigation_and_shows_link_addresses(live_server, demo, tab):
    tab.goto(live_server.url + demo["article"])
    nav = tab.get_by_role("navigation", name="Trình đơn chính")
    assert nav.is_visible()
    tab.emulate_media(media="print")
    tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert not nav.is_visible()
    assert not tab.locator("aside").first.is_visible()
    assert not tab.get_by_role("button", name="Chữ lớn").is_visible()
    assert tab.locator("h1").is_visible()
    shown = tab.evaluate(
        """() => [...document.querySelectorAll('main a[href^="/"]')]
              .map(a => getComputedStyle(a, '::after').content)"""
    )
    assert shown and any(f"{live_server.url}/" in text for text in shown)
    pdf = tab.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_phone_menu_is_a_keyboard_usable_disclosure(live_server, demo, browser):
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    tab = ctx.new_page()
    tab.goto(live_server.url + "/")
    toggle = tab.get_by_role("button", name="Trình đơn")
    menu_link = tab.get_by_role("navigation", name="Trình đơn chính").get_by_role(
        "link", name="Tin tức"
    )
    assert toggle.get_attribute("aria-expanded") == "false"
    assert tab.locator("#main-menu a", has_text="Tin tức").count() == 1  # there, but folded
    assert not menu_link.is_visible()
    toggle.focus()
    tab.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    menu_link.wait_for(state="visible", timeout=5_000)
    tab.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert tab.evaluate("document.activeElement.getAttribute('aria-controls')") == "main-menu"
    # Nothing is wider than a 360 px phone.
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    ctx.close()
