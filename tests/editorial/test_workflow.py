"""Review before publishing, through the real admin: submit, approve or send back with a comment,
and the queues on both dashboards."""

from __future__ import annotations

import pytest
from lxml import html

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import TaskState, WorkflowState

from news.models import NewsArticlePage

from .forms import form_errors, write_article

pytestmark = pytest.mark.django_db

TITLE = "Bộ Xây dựng công bố chỉ số giá nhà ở quý III"


@pytest.fixture
def submitted(users, login, sections, category) -> NewsArticlePage:
    """An article written and submitted for review by the news editor in the admin."""
    response = write_article(login(users["news"]), sections["news"], category, TITLE)
    assert response.status_code == 302, form_errors(response)
    return NewsArticlePage.objects.get(title=TITLE)


def action_url(page, action: str) -> str:
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


def dashboard(client) -> str:
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def panel(html_text: str, panel_id: str) -> str:
    """The visible text of one dashboard panel ("" when the panel is not shown)."""
    found = html.fromstring(html_text).xpath(f'//section[starts-with(@id, "{panel_id}")]')
    return " ".join(found[0].text_content().split()) if found else ""


def test_reviewer_sees_the_submission_in_chờ_duyệt(submitted, users, login):
    page = dashboard(login(users["reviewer"]))
    queue = panel(page, "cho-duyet")
    assert queue.startswith("Chờ duyệt")
    assert TITLE in queue
    assert "Bientap" in queue  # who submitted it
    assert action_url(submitted, "approve") in page
    assert action_url(submitted, "reject") in page
    # Wagtail's English-titled duplicate is gone.
    assert panel(page, "awaiting-review") == ""


def test_editor_sees_the_submission_waiting_in_bản_nháp_của_tôi(submitted, users, login):
    page = dashboard(login(users["news"]))
    drafts = panel(page, "ban-nhap-cua-toi")
    assert "Bản nháp của tôi" in drafts
    assert TITLE in drafts
    assert "Chờ duyệt: Duyệt nội dung" in drafts
    # An editor has nothing to review: no queue is shown to them.
    assert panel(page, "cho-duyet") == ""


def test_approval_publishes_and_the_reader_sees_it(submitted, users, login, client):
    reviewer = login(users["reviewer"])
    response = reviewer.post(action_url(submitted, "approve"), {"comment": ""})
    assert response.status_code in (200, 302)
    submitted.refresh_from_db()
    assert submitted.live
    state = WorkflowState.objects.get(object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_APPROVED
    client.logout()
    page = client.get(submitted.url)
    assert page.status_code == 200
    assert TITLE in page.content.decode()
    # Once published, it leaves both queues.
    assert TITLE not in panel(dashboard(login(users["reviewer"])), "cho-duyet")
    assert TITLE not in panel(dashboard(login(users["news"])), "ban-nhap-cua-toi")


def test_send_back_with_a_comment_reaches_the_editor(submitted, users, login):
    reviewer = login(users["reviewer"])
    comment = "Đề nghị bổ sung nguồn số liệu của Tổng cục Thống kê."
    response = reviewer.post(action_url(submitted, "reject"), {"comment": comment})
    assert response.status_code in (200, 302)
    submitted.refresh_from_db()
    assert not submitted.live
    state = WorkflowState.objects.get(object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    drafts = panel(dashboard(login(users["news"])), "ban-nhap-cua-toi")
    assert "Cần chỉnh sửa" in drafts
    assert comment in drafts
    assert TITLE not in panel(dashboard(login(users["reviewer"])), "cho-duyet")


@pytest.mark.parametrize("role", ["news", "procedures"])
def test_writers_cannot_approve(submitted, users, login, role):
    response = login(users[role]).post(action_url(submitted, "approve"), {"comment": ""})
    assert response.status_code in (302, 403)
    submitted.refresh_from_db()
    assert not submitted.live


def test_portal_admin_may_approve_too(submitted, users, login):
    login(users["admin"]).post(action_url(submitted, "approve"), {"comment": ""})
    submitted.refresh_from_db()
    assert submitted.live


def test_dashboard_costs_the_same_with_2_or_8_items_in_each_queue(
    users, login, sections, category
):
    def queries_for(n: int) -> int:
        editor = login(users["news"])
        for i in range(n):
            response = write_article(editor, sections["news"], category, f"Bài chờ duyệt {n}-{i}")
            assert response.status_code == 302
        reviewer = login(users["reviewer"])
        with CaptureQueriesContext(connection) as queries:
            dashboard(reviewer)
        return len(queries)

    # Wagtail's own queue computes each item's actions and task list (a few queries per item):
    # the number of queries grows with the reviewer's queue only as Wagtail's panel does.
    small = queries_for(2)
    large = queries_for(8)
    assert large - small <= 6 * 8, (small, large)
