"""Fixtures of the editorial tests: the three sections and one user per team."""

from __future__ import annotations

import pytest

from django.contrib.auth.models import Group

from cms.editorial.setup import GROUP_ADMINS, GROUP_REVIEWERS
from home.editorial import GROUP_DOCUMENTS, GROUP_PROCEDURES
from home.models import PolicyIndexPage, ProcedureIndexPage
from news.editorial import GROUP_NEWS
from news.models import NewsCategory, NewsIndexPage

PASSWORD = "mat-khau-thu-nghiem-2026"


@pytest.fixture
def sections(home_page) -> dict:
    """The section index pages, created after migrations as load_demo and the importer do."""
    pages = {
        "news": NewsIndexPage(title="Tin tức", slug="tin-tuc"),
        "procedures": ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh"),
        "policies": PolicyIndexPage(title="Chính sách pháp luật", slug="chinh-sach-phap-luat"),
    }
    for page in pages.values():
        home_page.add_child(instance=page)
        page.save_revision().publish()
    pages["home"] = home_page
    return pages


@pytest.fixture
def category(db) -> NewsCategory:
    return NewsCategory.objects.create(name="Hoạt động của Bộ")


def make_user(django_user_model, username: str, group: str | None):
    user = django_user_model.objects.create_user(
        username, f"{username}@moc.gov.vn", PASSWORD, first_name=username.title()
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def users(db, django_user_model) -> dict:
    return {
        "news": make_user(django_user_model, "bientap", GROUP_NEWS),
        "procedures": make_user(django_user_model, "thutuc", GROUP_PROCEDURES),
        "documents": make_user(django_user_model, "vanban", GROUP_DOCUMENTS),
        "reviewer": make_user(django_user_model, "duyet", GROUP_REVIEWERS),
        "admin": make_user(django_user_model, "quantri", GROUP_ADMINS),
        "outsider": make_user(django_user_model, "khach", None),
    }


@pytest.fixture
def login(client):
    """Log the test client in as a user (the real session, as the login form does)."""

    def as_user(user):
        client.logout()
        client.force_login(user)
        return client

    return as_user
