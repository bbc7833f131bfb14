"""Roles as described (issue 17, point 5): editors write and submit, reviewers approve or send
back, only portal administrators publish directly — each tried with the POST a browser sends."""

from __future__ import annotations

import pytest

from django.urls import reverse

from wagtail.models import WorkflowState

from news.models import NewsArticlePage
from tests.editorial.forms import form_errors, form_fields, write_article

pytestmark = pytest.mark.django_db

TITLE = "Quy hoạch đô thị vùng Thủ đô"


@pytest.fixture
def live_article(users, login, sections, category) -> NewsArticlePage:
    """An article written by the news editor and published through review."""
    client = login(users["news"])
    response = write_article(client, sections["news"], category, TITLE)
    assert response.status_code == 302, form_errors(response)
    page = NewsArticlePage.objects.get(title=TITLE)
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.live
    return page


def edit_and_press(client, page, button: str, title: str):
    """Open the page's edit form, change its title, press ``button``."""
    url = f"/admin/pages/{page.pk}/edit/"
    form = client.get(url)
    assert form.status_code == 200
    data = form_fields(form.content)
    data["title"] = title
    data[button] = button
    return client.post(url, data), form.content.decode()


def live_title(page) -> str:
    return NewsArticlePage.objects.get(pk=page.pk).title


def test_a_reviewer_cannot_publish_an_edited_article_without_review(users, login, live_article):
    client = login(users["reviewer"])
    response, form = edit_and_press(client, live_article, "action-publish", "Sửa không qua duyệt")
    assert response.status_code in (200, 302, 403)
    assert live_title(live_article) == TITLE  # the public still sees the reviewed text
    assert 'name="action-publish"' not in form  # and the button is not offered


def test_an_editor_cannot_publish_an_edited_article(users, login, live_article):
    client = login(users["news"])
    response, _ = edit_and_press(client, live_article, "action-publish", "Biên tập tự xuất bản")
    assert response.status_code in (200, 302, 403)
    assert live_title(live_article) == TITLE


def test_an_editor_submits_and_a_reviewer_approval_publishes(users, login, live_article):
    editor = login(users["news"])
    response, _ = edit_and_press(editor, live_article, "action-submit", "Quy hoạch đã sửa")
    assert response.status_code == 302
    assert live_title(live_article) == TITLE
    state = WorkflowState.objects.get(
        object_id=str(live_article.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    task_state = state.current_task_state
    reviewer = login(users["reviewer"])
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(live_article.pk, "approve", task_state.pk)
    )
    assert reviewer.post(url, {"comment": ""}).status_code == 302
    assert live_title(live_article) == "Quy hoạch đã sửa"


def test_a_portal_administrator_publishes_directly(users, login, live_article):
    client = login(users["admin"])
    response, form = edit_and_press(client, live_article, "action-publish", "Quản trị xuất bản")
    assert response.status_code == 302
    assert 'name="action-publish"' in form
    assert live_title(live_article) == "Quản trị xuất bản"
