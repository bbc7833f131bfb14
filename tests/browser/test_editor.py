"""An editor writes an article in the admin and a reader sees it (issue 2's slug check)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

TITLE = "Đường sắt đô thị Hà Nội đạt tiến độ đề ra"
SLUG = "duong-sat-do-thi-ha-noi-dat-tien-do-de-ra"


def test_editor_sees_the_folded_slug_while_typing_publishes_and_a_reader_sees_it(
    live_server, demo, browser, db_access
):
    from django.contrib.auth import get_user_model

    from news.models import NewsArticlePage, NewsIndexPage

    # (pytest-django's django_user_model fixture would make this test transactional, and its
    # flush would wipe the shared demo site.)
    get_user_model().objects.create_superuser("bientap", "bientap@example.vn", "mat-khau-dai-123")
    index = NewsIndexPage.objects.live().first()

    # bypass_csp: Playwright's wait_for_function evaluates its predicate with eval, which the
    # admin's Content-Security-Policy rightly forbids (tests/browser/test_csp.py checks the policy).
    editor = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="vi-VN", bypass_csp=True
    )
    tab = editor.new_page()
    tab.goto(live_server.url + "/admin/login/")
    tab.locator("#id_username").fill("bientap")
    tab.locator("#id_password").fill("mat-khau-dai-123")
    tab.locator("#id_password").press("Enter")
    tab.wait_for_url(re.compile(r"/admin/$"))

    tab.goto(f"{live_server.url}/admin/pages/add/news/newsarticlepage/{index.pk}/")
    title = tab.locator("#id_title")
    title.click()
    title.press_sequentially(TITLE, delay=15)
    # Wagtail's w-sync/w-slug JS fills the slug as the editor types: đ must become d.
    tab.wait_for_function(
        "s => document.querySelector('#id_slug').value === s", arg=SLUG, timeout=10_000
    )
    tab.locator("#id_lead").fill("Tuyến đường sắt đô thị số 3 hoàn thành các hạng mục chính.")
    # The category is a snippet chooser: open it and pick the first category in the modal.
    tab.locator("#id_category").locator("xpath=..").locator("[data-chooser-action-choose]").click()
    tab.locator(".modal [data-chooser-modal-choice]").first.click()
    tab.wait_for_function("document.querySelector('#id_category').value !== ''")

    tab.locator("footer [data-w-dropdown-target='toggle']").first.click()
    tab.locator("button[name='action-publish']").click()
    tab.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    editor.close()

    article = NewsArticlePage.objects.get(slug=SLUG)
    assert article.live and article.url == f"{index.url}{SLUG}/"

    reader = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    tab = reader.new_page()
    tab.goto(live_server.url + index.url)
    tab.get_by_role("link", name=TITLE).first.click()
    tab.wait_for_url(re.compile(re.escape(article.url) + "$"))
    assert tab.locator("h1").inner_text() == TITLE
    reader.close()
