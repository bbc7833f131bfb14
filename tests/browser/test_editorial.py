"""The newsroom in a real browser: an editor writes and submits an article in an admin that reads
in Vietnamese, a reviewer approves it from the dashboard, a reader sees it live, and an editor of
another team cannot edit it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from cms.editorial.setup import GROUP_REVIEWERS
from home.editorial import GROUP_PROCEDURES
from news.editorial import GROUP_NEWS

pytestmark = pytest.mark.browser

PASSWORD = "mat-khau-trinh-duyet-2026"
TITLE = "Bộ Xây dựng hướng dẫn cấp phép xây dựng trực tuyến toàn trình"
LEAD = "Người dân có thể nộp hồ sơ cấp phép xây dựng hoàn toàn trực tuyến từ tháng tới."


@pytest.fixture
def newsroom(demo, db_access) -> Iterator[dict]:
    """Three people of three roles, committed for the live server; removed afterwards with
    the article they write."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from news.models import NewsArticlePage, NewsCategory, NewsIndexPage

    users = {}
    for username, group in (
        ("bt_trinhduyet", GROUP_NEWS), ("dy_trinhduyet", GROUP_REVIEWERS),
        ("tt_trinhduyet", GROUP_PROCEDURES),
    ):
        user = get_user_model().objects.create_user(username, f"{username}@moc.gov.vn", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        users[group] = user
    news = NewsIndexPage.objects.get(locale__language_code="vi")
    yield {"users": users, "news": news, "category": NewsCategory.objects.order_by("pk").first()}
    NewsArticlePage.objects.filter(title=TITLE).delete()
    for user in users.values():
        user.delete()


def log_in(browser, base_url: str, username: str):
    # bypass_csp: Playwright's wait_for_function polls with eval, which the admin's CSP forbids.
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", bypass_csp=True
    )
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.goto(base_url + "/admin/login/")
    tab.locator("input[name=username]").fill(username)
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.get_by_role("button", name="Đăng nhập").click()
    tab.wait_for_url(re.compile(r"/admin/$"))
    return context, tab


def test_editor_submits_reviewer_approves_reader_reads_other_team_is_refused(
    live_server, browser, newsroom
):
    from news.models import NewsArticlePage

    base = live_server.url
    news, category = newsroom["news"], newsroom["category"]

    # 1. The news editor logs in: the menus read in Vietnamese.
    editor_ctx, editor = log_in(browser, base, "bt_trinhduyet")
    editor.wait_for_selector("#wagtail-sidebar .sidebar-menu-item", state="attached")
    menu = editor.locator("#wagtail-sidebar").text_content()
    assert "Trang" in menu and "Hình ảnh" in menu and "Tài liệu" in menu
    assert "Pages" not in menu and "Images" not in menu
    assert "Bản nháp của tôi" in editor.locator("main").inner_text()

    # 2. Writes an article (the slug is filled in from the title) and submits it for review.
    editor.goto(f"{base}/admin/pages/add/news/newsarticlepage/{news.pk}/")
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_lead").fill(LEAD)
    # The category is chosen in the snippet chooser, as an editor does.
    editor.locator("[data-contentpath=category] button:visible").first.click()
    editor.locator(".modal").get_by_role("link", name=category.name).first.click()
    editor.wait_for_function(
        "pk => document.querySelector('#id_category').value === pk", arg=str(category.pk)
    )
    editor.locator("footer .w-dropdown__toggle").first.click()
    submit = editor.locator('button[name="action-submit"]')
    assert "Gửi duyệt" in submit.inner_text()
    assert editor.locator('button[name="action-publish"]').count() == 0
    submit.click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/(edit/)?$"))
    article = NewsArticlePage.objects.get(title=TITLE)
    assert not article.live
    assert article.slug.startswith("bo-xay-dung-huong-dan-cap-phep")
    editor.goto(base + "/admin/")
    drafts = editor.locator("section[id^=ban-nhap-cua-toi]").inner_text()
    assert TITLE in drafts and "chờ duyệt" in drafts.lower()  # a status tag, in capitals
    editor_ctx.close()

    # 3. The reviewer finds it in "Chờ duyệt" on the dashboard and approves it.
    reviewer_ctx, reviewer = log_in(browser, base, "dy_trinhduyet")
    queue = reviewer.locator("section[id^=cho-duyet]")
    assert TITLE in queue.inner_text()
    approve = queue.locator(
        "button[data-workflow-action-url*='/approve/']:not([data-launch-modal])"
    )
    assert approve.inner_text().strip() == "Phê duyệt"
    approve.click()
    reviewer.wait_for_load_state("networkidle")
    article.refresh_from_db()
    assert article.live
    reviewer_ctx.close()

    # 4. A reader sees it live.
    reader_ctx = browser.new_context(locale="vi-VN")
    reader = reader_ctx.new_page()
    reader.goto(base + article.url)
    assert reader.locator("h1").inner_text() == TITLE
    assert LEAD in reader.locator("main").inner_text()
    reader_ctx.close()

    # 5. An editor of another team cannot edit it: refused, with a message, and no edit form.
    other_ctx, other = log_in(browser, base, "tt_trinhduyet")
    other.goto(f"{base}/admin/pages/{article.pk}/edit/")
    assert not other.url.endswith(f"/pages/{article.pk}/edit/")
    assert other.locator("#id_title").count() == 0
    assert "không có quyền" in other.locator("body").inner_text().lower()
    other_ctx.close()
