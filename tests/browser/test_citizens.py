"""An asker sends a question and follows it; an answerer assigns, answers and publishes it."""

from __future__ import annotations

import os
import re

import pytest

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def shoot(tab, name: str) -> None:
    """``SCREENSHOTS=1`` keeps the pictures of docs/citizens.md up to date."""
    if os.environ.get("SCREENSHOTS") == "1":
        tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

SUBJECT = "Cấp giấy phép xây dựng cho nhà ở riêng lẻ ở nông thôn"


def test_asker_sends_a_question_and_answerer_publishes_the_answer(
    live_server, demo, browser, db_access
):
    from django.contrib.auth import get_user_model

    from home.models import Question, QuestionPage

    asker = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    tab = asker.new_page()
    tab.goto(live_server.url + "/hoi-dap/")
    tab.get_by_role("link", name="Gửi câu hỏi, phản ánh, kiến nghị").click()
    tab.wait_for_url(re.compile(r"/hoi-dap/gui-cau-hoi/$"))
    tab.get_by_label("Họ và tên").fill("Hoàng Văn Nam")
    tab.get_by_label("Thư điện tử").fill("nam.hoang@example.vn")
    tab.get_by_label("Lĩnh vực").select_option(label="Hoạt động xây dựng")
    tab.get_by_label("Tiêu đề").fill(SUBJECT)
    tab.locator("#id_body").fill("Nhà ở nông thôn có phải xin giấy phép không?")
    tab.get_by_label(re.compile("Tôi đồng ý")).check()
    shoot(tab, "question-form-phone")
    tab.wait_for_timeout(3200)  # the minimum fill time
    tab.get_by_role("button", name="Gửi câu hỏi").click()
    tab.wait_for_url(re.compile(r"/hoi-dap/tra-cuu/\?ma=HD-"))
    question = Question.objects.get(subject=SUBJECT)
    assert question.tracking_code in tab.locator(".tracking-code").inner_text()
    assert "Đã tiếp nhận" in tab.locator("main").inner_text()
    shoot(tab, "question-status-phone")
    asker.close()

    get_user_model().objects.create_superuser("traloi", "traloi@example.vn", "mat-khau-dai-123")
    # bypass_csp: Playwright's wait_for_function polls with eval, which the admin's CSP forbids.
    answerer = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="vi-VN", bypass_csp=True
    )
    tab = answerer.new_page()
    tab.goto(live_server.url + "/admin/login/")
    tab.locator("#id_username").fill("traloi")
    tab.locator("#id_password").fill("mat-khau-dai-123")
    tab.locator("#id_password").press("Enter")
    tab.wait_for_url(re.compile(r"/admin/$"))
    tab.goto(live_server.url + "/admin/snippets/home/question/?status=received")
    tab.locator("tr", has_text=SUBJECT).get_by_role("link").first.click()
    tab.wait_for_url(re.compile(r"/admin/snippets/home/question/edit/\d+/"))
    tab.locator("#id_unit").locator("xpath=..").locator("[data-chooser-action-choose]").click()
    tab.locator(".modal [data-chooser-modal-choice]").first.click()
    tab.wait_for_function("document.querySelector('#id_unit').value !== ''")
    editor = tab.locator("[data-contentpath='answer'] .public-DraftEditor-content").first
    editor.click()
    # Draft.js takes composed Vietnamese letters as inserted text, not as key presses.
    tab.keyboard.insert_text("Nhà ở riêng lẻ ở nông thôn được miễn giấy phép.")
    tab.wait_for_function("document.querySelector('#id_answer').value.includes('miễn')")
    tab.locator("footer [data-w-dropdown-target='toggle']").first.click()
    shoot(tab, "question-admin-desktop")
    tab.locator("button[name='action-publish-question']").click()
    tab.wait_for_url(re.compile(r"/admin/snippets/home/question/(\?.*)?$"))
    assert "Công khai hỏi đáp".lower() in tab.locator(".messages").inner_text().lower()
    answerer.close()

    question.refresh_from_db()
    assert question.status == Question.PUBLISHED
    page = QuestionPage.objects.get(pk=question.page_id)
    reader = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    tab = reader.new_page()
    tab.goto(live_server.url + "/hoi-dap/")
    tab.get_by_role("link", name=SUBJECT).click()
    tab.wait_for_url(re.compile(re.escape(page.url) + "$"))
    text = tab.locator("main").inner_text()
    assert "được miễn giấy phép" in text
    assert "H. V. Nam" in text and "Hoàng Văn Nam" not in text
    assert "nam.hoang@example.vn" not in text
    shoot(tab, "question-public-desktop")
    reader.close()
