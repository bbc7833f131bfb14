"""The news index's explorer listing: dateline and category columns, filters, no manual ordering,
and a cost that does not grow with the number of articles."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import html

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.models import Page, PageLogEntry

from cms import text
from cms.editorial.paginator import ListingPaginator
from home.models import StandardPage
from news.admin_views import NewsArticleFilterSet
from news.factories import NewsArticlePageFactory
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


def add_factory_articles(news, category, n: int) -> None:
    """Live articles without revisions: quicker to make, the same rows to draw."""
    for _ in range(n):
        NewsArticlePageFactory(parent=news, category=category)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("sieuquantri", "sqt@moc.gov.vn", "x")


def listing_queries(client, url: str) -> tuple[int, int]:
    """(queries, rows) of one request, after a request that warms the caches."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(rows(response))


# Exact query counts of the news index's explorer page (Wagtail's chrome included) for each role.
# A change here is a change in the cost of every listing: look at which query came or went.
# With Wagtail's i18n on (issue 15), Wagtail's explorer adds its locale UI: the index's locale,
# the list of locales, whether a locale lacks a translation of the index and of each row (an
# EXISTS in the rows' query for every role), and, for whoever may translate (superusers, the
# teams and the portal administrators hold simple_translation's submit_translation), the
# translations menu.
LISTING_QUERIES = {"superuser": 32, "admin": 35, "news": 36}


@pytest.mark.parametrize(
    ("role", "params"),
    [
        ("superuser", {}),
        ("admin", {}),
        ("news", {}),
        ("news", {"p": "3"}),  # the last page, read from the end
        ("superuser", {"ordering": "title"}),
        ("news", {"category": "*"}),
    ],
)
def test_listing_costs_the_same_for_5_and_60_articles(
    client, login, users, superuser, sections, category, role, params
):
    """No query per row (permissions, workflow states, categories) and none over the whole
    section: 5 articles on one page and 60 over three pages (25 a page) cost the same."""
    user = superuser if role == "superuser" else users[role]
    client = login(user)
    news = sections["news"]
    params = {key: (category.pk if value == "*" else value) for key, value in params.items()}
    url = f"/admin/pages/{news.pk}/?" + "&".join(f"{k}={v}" for k, v in params.items())
    expected = LISTING_QUERIES[role] + ("category" in params)  # the chosen category's name

    add_factory_articles(news, category, 5)
    if "p" not in params:
        assert listing_queries(client, url) == (expected, 5)
    add_factory_articles(news, category, 55)
    assert listing_queries(client, url) == (expected, 10 if "p" in params else 25)


def test_editor_of_another_section_lists_nothing_of_the_news(users, login, sections, category):
    """The permission filter Wagtail applies still applies where it removes rows."""
    add_factory_articles(sections["news"], category, 3)
    response = login(users["procedures"]).get(f"/admin/pages/{sections['news'].pk}/")
    assert response.status_code in (302, 403) or not rows(response)


def test_owner_and_edited_by_filters_offer_wagtails_users(users, sections, category):
    NewsArticlePageFactory(parent=sections["news"], category=category, owner=users["news"])
    edited = NewsArticlePageFactory(parent=sections["news"], category=category)
    PageLogEntry.objects.log_action(edited, "wagtail.edit", user=users["reviewer"])
    PageLogEntry.objects.log_action(edited, "wagtail.publish", user=users["admin"])

    def choices(filterset_class, name: str) -> set[int]:
        form = filterset_class(data={}, request=None).form
        return {user.pk for user in form.fields[name].queryset}

    for name in ("owner", "edited_by"):
        assert choices(NewsArticleFilterSet, name) == choices(PageFilterSet, name)
    assert users["news"].pk in choices(NewsArticleFilterSet, "owner")
    assert choices(NewsArticleFilterSet, "edited_by") == {users["reviewer"].pk}
    assert Page.objects.filter(owner__isnull=True).exists()  # pages without owner count for none


@pytest.mark.parametrize(
    "ordering", ["-published_at", "published_at", "title", "-title", "latest_revision_created_at"]
)
def test_far_pages_read_backwards_are_the_same_rows(sections, category, ordering):
    """Ties on the sort key (same minute, same title) are broken by the primary key, so the
    pages in the far half, read from the end, join the near ones without gap or overlap."""
    news = sections["news"]
    for i in range(23):
        NewsArticlePageFactory(
            parent=news, category=category, title=f"Tin {i % 4}", slug=f"tin-{i}",
            published_at=BASE + dt.timedelta(hours=i % 5),
        )
    tiebreak = "-pk" if ordering.startswith("-") else "pk"
    queryset = NewsArticlePage.objects.child_of(news).order_by(ordering, tiebreak)
    expected = list(queryset.values_list("pk", flat=True))
    paginator = ListingPaginator(queryset, 5, reversible=True)
    read = [page.pk for number in paginator.page_range for page in paginator.page(number)]
    assert read == expected
    # The last page really is read from the other end: its first rows are the last ones.
    with CaptureQueriesContext(connection) as queries:
        list(paginator.page(paginator.num_pages))
    assert "LIMIT 3" in queries[-1]["sql"] and "OFFSET" not in queries[-1]["sql"]


def test_count_of_the_plain_listing_comes_from_the_tree(admin_client, sections, category):
    """numchild less the children of other types: the header says how many articles there are."""
    news = sections["news"]
    add_factory_articles(news, category, 3)
    stray = StandardPage(title="Trang lạc chỗ", slug="trang-lac-cho")
    news.add_child(instance=stray)  # possible in code, not in the admin (subpage_types)
    url = f"/admin/pages/{news.pk}/"
    response = admin_client.get(url)
    assert response.context["items_count"] == 3
    assert len(rows(response)) == 3
    filtered = admin_client.get(url, {"category": category.pk})
    assert filtered.context["items_count"] == 3


def test_wagtails_page_table_has_the_listing_sort_indexes(db):
    """The title and "updated" sorts walk an index (news.0002) instead of sorting every row."""
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert indexes["news_page_title_idx"]["columns"] == ["title", "id"]
    assert indexes["news_page_updated_idx"]["columns"] == ["latest_revision_created_at", "id"]
    assert indexes["news_page_status_idx"]["columns"] == ["live", "id"]
    # And treebeard's "depth = 1" (the root) and child counts (cms.0003).
    assert indexes["cms_page_depth_path_idx"]["columns"] == ["depth", "path"]


def test_category_is_a_filter_not_a_sort(admin_client, sections, category):
    """Sorting 100,000 articles by their category's name cannot use an index: not offered."""
    other = NewsCategory.objects.create(name="A – đầu bảng chữ cái")
    add_articles(sections["news"], other, 1)
    add_articles(sections["news"], category, 1, start=1)
    url = f"/admin/pages/{sections['news'].pk}/"
    assert "ordering=category__name" not in admin_client.get(url).content.decode()
    asked = rows(admin_client.get(url, {"ordering": "category__name"}))
    assert [row.split(" về ")[0] for row in asked] == ["Tin số 1", "Tin số 0"]  # by dateline
