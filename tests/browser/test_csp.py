"""No Content-Security-Policy violation in Chromium on the public pages and the admin's main
pages, editing an article included (issue 17, point 4)."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PUBLIC = (
    "home", "article", "news", "category", "catalogue", "procedure", "policies", "policy",
    "units", "standard",
)


def watch(tab: Any) -> list[str]:
    """Collect the CSP violations the tab reports (console errors and the DOM event)."""
    found: list[str] = []
    tab.on(
        "console",
        lambda message: found.append(message.text)
        if "Content Security Policy" in message.text
        else None,
    )
    tab.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return found


def visit(tab: Any, url: str) -> None:
    response = tab.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url
    assert response.headers.get("content-security-policy"), url


def test_public_pages_run_under_their_policy_without_violation(live_server, demo, tab):
    violations = watch(tab)
    for key in PUBLIC:
        visit(tab, live_server.url + demo[key])
    visit(tab, live_server.url + "/search/?q=nha+o+xa+hoi")
    # The text-size control (site.js) and its inline start-up script still work.
    visit(tab, live_server.url + demo["article"])
    tab.get_by_role("button", name=re.compile("lớn", re.I)).first.click()
    assert tab.evaluate("document.documentElement.getAttribute('data-text-size')")
    tab.reload(wait_until="networkidle")
    assert tab.evaluate("document.documentElement.className").find("js") >= 0
    assert violations == []


def test_the_admin_works_under_its_policy_editing_an_article(live_server, demo, browser, db_access):
    from django.contrib.auth import get_user_model

    from news.models import NewsArticlePage

    get_user_model().objects.create_superuser("csp-admin", "csp@example.vn", "mat-khau-csp-2026")
    article = NewsArticlePage.objects.live().first()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    violations = watch(tab)
    tab.goto(live_server.url + "/admin/login/")
    tab.locator("#id_username").fill("csp-admin")
    tab.locator("#id_password").fill("mat-khau-csp-2026")
    tab.locator("#id_password").press("Enter")
    tab.wait_for_url(re.compile(r"/admin/$"))
    for path in (
        "/admin/",
        f"/admin/pages/{article.get_parent().pk}/",
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/add/news/newsarticlepage/{article.get_parent().pk}/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/account/",
    ):
        visit(tab, live_server.url + path)
    # Edit the article: type in the title, open the page's settings tab (date pickers), save.
    visit(tab, f"{live_server.url}/admin/pages/{article.pk}/edit/")
    tab.locator("#id_title").fill(article.title + " (sửa)")
    tab.locator("footer button[name='action-submit'], footer button[type='submit']").first.click()
    tab.wait_for_load_state("networkidle")
    # The public page seen by the signed-in editor (Wagtail's user bar) too.
    visit(tab, live_server.url + article.url)
    context.close()
    assert violations == []
