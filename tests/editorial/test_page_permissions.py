"""The leaf-aware permission tester gives Wagtail's answers, without its query per leaf page."""

from __future__ import annotations

import pytest

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import GroupPagePermission, PagePermissionTester

from cms.permissions import LeafAwarePagePermissionTester
from news.factories import NewsArticlePageFactory

from .conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def add_only(django_user_model, sections):
    """A user who may only add pages (Wagtail's "owner" rules), with no team."""
    group = Group.objects.create(name="Chỉ thêm trang")
    GroupPagePermission.objects.create(
        group=group, page=sections["news"], permission=Permission.objects.get(codename="add_page")
    )
    return make_user(django_user_model, "chithem", group.name)


@pytest.mark.parametrize("role", ["news", "reviewer", "admin", "procedures", "add_only"])
@pytest.mark.parametrize("live", [True, False])
@pytest.mark.parametrize("owned", [True, False])
def test_same_answers_as_wagtail_for_leaf_pages(users, add_only, sections, role, live, owned):
    user = add_only if role == "add_only" else users[role]
    page = NewsArticlePageFactory(parent=sections["news"], live=live, owner=user if owned else None)
    ours = page.permissions_for_user(user)
    assert isinstance(ours, LeafAwarePagePermissionTester)
    wagtails = PagePermissionTester(user, page)
    for bulk in (False, True):
        assert ours.can_delete(ignore_bulk=bulk) == wagtails.can_delete(ignore_bulk=bulk)
    assert ours.can_move() == wagtails.can_move()


def test_leaf_pages_ask_no_query_and_sections_keep_wagtails(users, sections):
    editor = users["news"]
    article = NewsArticlePageFactory(parent=sections["news"], live=True)
    news = sections["news"]
    news.refresh_from_db()  # numchild
    tester = article.permissions_for_user(editor)
    with CaptureQueriesContext(connection) as queries:
        assert not tester.can_delete()  # live, and the editor may not publish
        assert not tester.can_move()
    assert len(queries) == 0
    # The news index has a live child: Wagtail's subtree query decides, as before.
    assert news.permissions_for_user(editor).can_delete() == PagePermissionTester(
        editor, news
    ).can_delete()
