"""The news index's explorer listing: dateline and category columns, filters, no manual ordering,
and a cost that does not grow with the number of articles."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import html

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms import text
from news.models import NewsArticlePage, NewsCategory

pytestmark = pytest.mark.django_db

BASE = dt.datetime(2020, 9, 21, 9, 7, tzinfo=text.TIME_ZONE)


def add_articles(news, category, n: int, start: int = 0) -> list[NewsArticlePage]:
    pages = []
    for i in range(start, start + n):
        page = NewsArticlePage(
            title=f"Tin số {i} về quy hoạch đô thị",
            lead="Sapo.",
            category=category,
            published_at=BASE + dt.timedelta(days=i),
        )
        news.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    return pages


@pytest.fixture
def admin_client(client, users, login):
    return login(users["admin"])


def rows(response) -> list[str]:
    doc = html.fromstring(response.content)
    trs = doc.xpath("//table[contains(@class, 'listing')]/tbody/tr")
    return [" ".join(tr.text_content().split()) for tr in trs]


def headers(response) -> list[str]:
    doc = html.fromstring(response.content)
    ths = doc.xpath("//table[contains(@class, 'listing')]/thead//th")
    return [" ".join(th.text_content().split()) for th in ths]


def test_listing_shows_dateline_and_category_newest_first(admin_client, sections, category):
    add_articles(sections["news"], category, 3)
    response = admin_client.get(f"/admin/pages/{sections['news'].pk}/")
    assert response.status_code == 200
    assert "Thời điểm đăng" in headers(response)
    assert "Chuyên mục" in headers(response)
    listed = rows(response)
    assert listed[0].startswith("Tin số 2")
    assert "Thứ tư, 23/09/2020 09:07" in listed[0]
    assert "Thứ hai, 21/09/2020 09:07" in listed[-1]
    assert all("Hoạt động của Bộ" in row for row in listed)


def test_listing_filters_by_category_and_dateline(admin_client, sections, category):
    other = NewsCategory.objects.create(name="Quy hoạch – Kiến trúc")
    add_articles(sections["news"], category, 2)
    add_articles(sections["news"], other, 2, start=40)
    url = f"/admin/pages/{sections['news'].pk}/"

    by_category = rows(admin_client.get(url, {"category": other.pk}))
    assert len(by_category) == 2
    assert all("Quy hoạch – Kiến trúc" in row for row in by_category)

    by_date = rows(
        admin_client.get(url, {"published_at_from": "2020-10-01", "published_at_to": "2020-12-31"})
    )
    assert [row.split(" về ")[0] for row in by_date] == ["Tin số 41", "Tin số 40"]


@pytest.mark.parametrize(
    "params",
    [
        {"category": "abc"},
        {"category": "999999"},
        {"published_at_from": "hôm qua"},
        {"published_at_to": "2020-13-45"},
        {"ordering": "khong-co"},
        {"p": "-1"},
        {"p": "abc"},
    ],
)
def test_bad_filters_never_break_the_listing(admin_client, sections, category, params):
    add_articles(sections["news"], category, 2)
    response = admin_client.get(f"/admin/pages/{sections['news'].pk}/", params)
    assert response.status_code in (200, 404)


def test_manual_ordering_is_turned_off_for_news(admin_client, sections, category):
    articles = add_articles(sections["news"], category, 3)
    url = f"/admin/pages/{sections['news'].pk}/"
    page = admin_client.get(url).content.decode()
    assert "?ordering=ord" not in page
    # Asking for it anyway keeps the paginated dateline order (no drag-and-drop column).
    response = admin_client.get(url, {"ordering": "ord"})
    assert response.status_code == 200
    assert "data-w-orderable" not in response.content.decode()
    assert rows(response)[0].startswith("Tin số 2")
    # And the position API refuses to move an article among 100,000 siblings.
    paths = [a.path for a in articles]
    moved = admin_client.post(
        f"/admin/pages/{articles[0].pk}/set_position/?position=2",
        headers={"X-Requested-With": "XMLHttpRequest"},  # as the admin's drag and drop sends it
    )
    assert moved.status_code == 403
    assert [NewsArticlePage.objects.get(pk=a.pk).path for a in articles] == paths
    # Other sections keep Wagtail's manual ordering.
    home = admin_client.get(f"/admin/pages/{sections['home'].pk}/").content.decode()
    assert "?ordering=ord" in home


def test_listing_costs_the_same_for_5_and_25_articles(admin_client, sections, category):
    url = f"/admin/pages/{sections['news'].pk}/"

    def count() -> int:
        admin_client.get(url)  # warm caches (content types, site root paths)
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(url).status_code == 200
        return len(queries)

    add_articles(sections["news"], category, 5)
    five = count()
    add_articles(sections["news"], category, 20, start=5)
    assert count() == five
