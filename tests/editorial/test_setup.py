"""The data migration and the idempotent section setup: groups, collections, workflow, grants."""

from __future__ import annotations

import pytest

from django.contrib.auth.models import Group

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)

from cms.editorial import setup_sections
from cms.editorial.setup import TASK_NAME, WORKFLOW_NAME, all_groups
from news.models import NewsIndexPage

pytestmark = pytest.mark.django_db


def page_grants(group_name: str) -> set[tuple[str, str]]:
    return set(
        GroupPagePermission.objects.filter(group__name=group_name).values_list(
            "page__slug", "permission__codename"
        )
    )


def test_migration_creates_the_six_teams_with_admin_access():
    assert len(all_groups()) == 6  # four sections' teams (registered by home and news) and two
    assert set(Group.objects.values_list("name", flat=True)) == set(all_groups())
    for name in all_groups():
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()


def test_migration_replaces_wagtails_english_starter_groups_and_workflow():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert list(Workflow.objects.values_list("name", flat=True)) == [WORKFLOW_NAME]


def test_workflow_has_one_review_task_for_reviewers_and_portal_admins():
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == [TASK_NAME]
    assert isinstance(tasks[0], GroupApprovalTask)
    assert set(tasks[0].groups.values_list("name", flat=True)) == {"Người duyệt", "Quản trị cổng"}


def test_each_team_has_its_own_collection():
    names = set(Collection.objects.filter(depth=2).values_list("name", flat=True))
    assert names == {
        "Tin tức", "Thủ tục hành chính", "Văn bản, chính sách", "Công khai thông tin",
    }
    news_collection = GroupCollectionPermission.objects.filter(
        group__name="Biên tập viên tin tức", permission__codename="add_image"
    ).values_list("collection__name", flat=True)
    assert list(news_collection) == ["Tin tức"]
    # Paths written by hand in the migration are valid treebeard paths.
    assert Collection.find_problems() == ([], [], [], [], [])


def test_sections_created_later_get_their_team_reviewers_and_workflow(sections):
    assert page_grants("Biên tập viên tin tức") == {
        ("tin-tuc", "add_page"), ("tin-tuc", "change_page"),
    }
    assert page_grants("Quản lý thủ tục hành chính") == {
        ("thu-tuc-hanh-chinh", "add_page"), ("thu-tuc-hanh-chinh", "change_page"),
    }
    assert page_grants("Quản lý văn bản") == {
        ("chinh-sach-phap-luat", "add_page"), ("chinh-sach-phap-luat", "change_page"),
    }
    reviewer = page_grants("Người duyệt")
    sections_reviewed = {slug for slug, _ in reviewer}
    assert sections_reviewed == {"tin-tuc", "thu-tuc-hanh-chinh", "chinh-sach-phap-luat"}
    assert ("tin-tuc", "change_page") in reviewer
    assert ("tin-tuc", "publish_page") not in reviewer  # they approve through the workflow
    assert ("tin-tuc", "add_page") not in reviewer
    assert {(wp.page.slug, wp.workflow.name) for wp in WorkflowPage.objects.all()} == {
        ("tin-tuc", WORKFLOW_NAME),
        ("thu-tuc-hanh-chinh", WORKFLOW_NAME),
        ("chinh-sach-phap-luat", WORKFLOW_NAME),
    }
    article_workflow = sections["news"].get_workflow()
    assert article_workflow is not None and article_workflow.name == WORKFLOW_NAME
    assert sections["home"].get_workflow() is None


def test_portal_admins_run_the_whole_tree():
    root = Page.get_first_root_node()
    grants = set(
        GroupPagePermission.objects.filter(group__name="Quản trị cổng").values_list(
            "page_id", "permission__codename"
        )
    )
    assert (root.pk, "publish_page") in grants
    admins = Group.objects.get(name="Quản trị cổng")
    assert admins.permissions.filter(codename="change_newscategory").exists()
    assert admins.permissions.filter(codename="change_sitesettings").exists()


def test_setup_is_idempotent(sections):
    counts = (
        Group.objects.count(), Collection.objects.count(), Workflow.objects.count(),
        GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count(),
        WorkflowPage.objects.count(),
    )
    setup_sections()
    setup_sections()
    assert counts == (
        Group.objects.count(), Collection.objects.count(), Workflow.objects.count(),
        GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count(),
        WorkflowPage.objects.count(),
    )


def test_a_workflow_reassigned_by_an_administrator_is_kept(sections):
    other = Workflow.objects.create(name="Duyệt hai cấp")
    WorkflowPage.objects.filter(page=sections["news"]).update(workflow=other)
    setup_sections()
    assert WorkflowPage.objects.get(page=sections["news"]).workflow == other


def test_saving_a_section_again_changes_nothing(sections):
    before = GroupPagePermission.objects.count()
    news = NewsIndexPage.objects.get(slug="tin-tuc")
    news.save_revision().publish()
    assert GroupPagePermission.objects.count() == before


def test_teams_and_administrators_may_translate_reviewers_do_not():
    """simple_translation's "Dịch" is offered to whoever holds ``submit_translation``."""
    from django.contrib.auth import get_user_model

    from cms.editorial.setup import GROUP_ADMINS, GROUP_REVIEWERS, sections

    setup_sections()
    user_model = get_user_model()
    for name in (*(section.group for section in sections()), GROUP_ADMINS, GROUP_REVIEWERS):
        user = user_model.objects.create_user(username=f"u{Group.objects.get(name=name).pk}")
        user.groups.add(Group.objects.get(name=name))
        expected = name != GROUP_REVIEWERS
        assert user.has_perm("simple_translation.submit_translation") is expected, name
