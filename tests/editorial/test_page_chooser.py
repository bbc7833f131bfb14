"""The page chooser (browse and search) draws its rows from data fetched once per list: the same
queries for 5 articles as for 60, and the same statuses and parents as Wagtail's per-row queries."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from lxml import html

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override

from wagtail.models import Workflow

from news.factories import NewsArticlePageFactory
from news.models import NewsArticlePage

pytestmark = pytest.mark.django_db

# Exact query counts (session and user included) per role; a change here changes every chooser.
# With Wagtail's i18n on (issue 15), Wagtail's own chooser adds: the parent's locale (1, browse
# and search), the parent's translations and their locales for its locale switcher (2, browse).
BROWSE_QUERIES = {"superuser": 21, "news": 23}
SEARCH_QUERIES = {"superuser": 12, "news": 14}


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("sieuquantri", "sqt@moc.gov.vn", "x")


def add_articles(news, category, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        NewsArticlePageFactory(parent=news, category=category, title=f"Quy hoạch đô thị số {i}")


def table_rows(response) -> list:
    content = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        content = json.loads(content)["html"]
    return html.fromstring(content).xpath("//table//tbody/tr")


def measured(client, url: str) -> tuple[int, int]:
    client.get(url)  # warm: content types, site root paths
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(table_rows(response))


@pytest.mark.parametrize("role", ["superuser", "news"])
def test_browse_costs_the_same_for_5_and_60_articles(
    client, login, users, superuser, sections, category, role
):
    client = login(superuser if role == "superuser" else users[role])
    url = f"/admin/choose-page/{sections['news'].pk}/"
    add_articles(sections["news"], category, 5)
    assert measured(client, url) == (BROWSE_QUERIES[role], 1 + 5)  # the parent row first
    add_articles(sections["news"], category, 55, start=5)
    assert measured(client, url) == (BROWSE_QUERIES[role], 1 + 25)


@pytest.mark.parametrize("role", ["superuser", "news"])
@pytest.mark.parametrize("q", ["quy hoạch đô thị", "quy hoach do thi"])
def test_search_costs_the_same_for_5_and_60_articles(
    client, login, users, superuser, sections, category, role, q
):
    client = login(superuser if role == "superuser" else users[role])
    url = f"/admin/choose-page/search/?q={q}"
    add_articles(sections["news"], category, 5)
    assert measured(client, url) == (SEARCH_QUERIES[role], 5)
    add_articles(sections["news"], category, 55, start=5)
    assert measured(client, url) == (SEARCH_QUERIES[role], 25)


def statuses_and_parents(response) -> dict[str, tuple[str, str]]:
    """title → (status text, data-parent-id) of each choosable row."""
    found = {}
    for tr in table_rows(response):
        link = tr.xpath(".//a[contains(@class, 'choose-page')]")
        if not link:
            continue
        # The last status: with i18n on, Wagtail shows the row's locale before it.
        status = tr.xpath(".//*[contains(@class, 'w-status')]")[-1]
        for hidden in status.xpath(".//*[contains(@class, 'w-sr-only')]"):
            hidden.drop_tree()  # "Current page status:" for screen readers
        status = " ".join(status.text_content().split())
        found[link[0].get("data-title")] = (status, link[0].get("data-parent-id"))
    return found


def test_rows_show_what_wagtails_own_queries_would(
    client, login, users, superuser, sections, category, settings
):
    """Scheduled, in review and plain live rows, in browse and in search, with mixed page types."""
    news = sections["news"]
    add_articles(news, category, 2)
    reviewed = NewsArticlePageFactory(parent=news, category=category, title="Quy hoạch chờ duyệt")
    reviewed.save_revision(user=users["news"])
    Workflow.objects.get().start(reviewed, users["news"])
    scheduled = NewsArticlePageFactory(parent=news, category=category, title="Quy hoạch hẹn giờ")
    revision = scheduled.save_revision()
    revision.approved_go_live_at = timezone.now() + dt.timedelta(days=1)
    revision.save()

    client = login(superuser)
    browse = statuses_and_parents(client.get(f"/admin/choose-page/{news.pk}/"))
    search = statuses_and_parents(client.get("/admin/choose-page/search/?q=quy hoạch"))

    # What Wagtail says row by row, with its own queries, in the admin's language.
    with override("vi"):
        expected = {
            title: str(NewsArticlePage.objects.get(title=title).status_string)
            for title in ("Quy hoạch chờ duyệt", "Quy hoạch hẹn giờ", "Quy hoạch đô thị số 0")
        }
    assert len(set(expected.values())) == 3  # in review, scheduled, live: three statuses
    for found in (browse, search):
        for title, status in expected.items():
            assert found[title] == (status, str(news.pk))
