"""The leaf-aware permission tester gives Wagtail's answers, without its query per leaf page."""

from __future__ import annotations

import pytest

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import GroupPagePermission, PagePermissionTester

from cms.permissions import LeafAwarePagePermissionTester
from news.factories import NewsArticlePageFactory
from news.models import NewsIndexPage

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


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("sieuquantri", "sqt@moc.gov.vn", "x")


def test_news_index_with_articles_cannot_be_deleted_moved_or_copied(
    client, login, superuser, sections
):
    """Each would work through every article in one request: turned off while it has any."""
    news = sections["news"]
    article = NewsArticlePageFactory(parent=news, live=True)
    news.refresh_from_db()
    tester = news.permissions_for_user(superuser)
    assert not tester.can_delete() and not tester.can_move() and not tester.can_copy()
    assert tester.can_edit() and tester.can_publish() and tester.can_unpublish()
    client = login(superuser)
    for action in ("delete", "move", "copy"):
        # Wagtail's admin answers a refused permission with a redirect to the dashboard.
        for response in (
            client.get(f"/admin/pages/{news.pk}/{action}/"),
            client.post(f"/admin/pages/{news.pk}/{action}/"),
        ):
            assert (response.status_code, response.get("Location")) == (302, "/admin/"), action
    assert NewsIndexPage.objects.filter(pk=news.pk).exists()
    explorer = client.get(f"/admin/pages/{sections['home'].pk}/").content.decode()
    assert f"/admin/pages/{news.pk}/delete/" not in explorer
    assert f"/admin/pages/{news.pk}/move/" not in explorer
    # Its articles, and the empty index, are pages like any other.
    assert article.permissions_for_user(superuser).can_delete()
    article.delete()
    news.refresh_from_db()
    assert news.permissions_for_user(superuser).can_delete()


def test_unpublishing_the_news_index_with_all_its_articles_is_refused(
    client, login, superuser, sections
):
    news = sections["news"]
    article = NewsArticlePageFactory(parent=news, live=True)
    client = login(superuser)
    url = f"/admin/pages/{news.pk}/unpublish/"
    response = client.post(url, {"include_descendants": "on"}, follow=True)
    assert "Không thể ngừng xuất bản cùng lúc toàn bộ bài viết" in response.content.decode()
    news.refresh_from_db()
    article.refresh_from_db()
    assert news.live and article.live
    # The index alone may be unpublished (its articles stay as they are).
    assert client.post(url).status_code == 302
    news.refresh_from_db()
    article.refresh_from_db()
    assert not news.live and article.live
