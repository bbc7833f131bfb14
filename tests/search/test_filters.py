"""A page queryset's filters on the index rows' copy of the page columns (``search.filters``):
the same results and counts as the subquery on the page table, kept right when pages move."""

from __future__ import annotations

import datetime as dt

import pytest

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend

from news.models import NewsArticlePage, NewsCategory, NewsIndexPage
from search import filters
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page):
    """Two news sections, one behind a password, with live, draft and expired articles."""
    category = NewsCategory.objects.create(name="Tin hoạt động", slug="tin-hoat-dong")
    sections = {}
    for slug, title in (("tin-tuc", "Tin tức"), ("noi-bo", "Nội bộ")):
        index = NewsIndexPage(title=title, slug=slug)
        home_page.add_child(instance=index)
        index.save_revision().publish()
        sections[slug] = index
    PageViewRestriction.objects.create(
        page=sections["noi-bo"], restriction_type=PageViewRestriction.PASSWORD,
        password="bi-mat",  # noqa: S106
    )
    now = timezone.now()

    def add(section: str, title: str, publish: bool = True, **dates) -> NewsArticlePage:
        page = NewsArticlePage(
            title=title, lead="Nhà ở xã hội.", category=category, published_at=now, live=publish,
            body=[("paragraph", RichText("<p>Nhà ở xã hội cho công nhân.</p>"))], **dates,
        )
        sections[section].add_child(instance=page)
        if publish:
            page.save_revision().publish()
        return page

    pages = {
        "public": add("tin-tuc", "Nhà ở xã hội công khai"),
        "later": add("tin-tuc", "Nhà ở xã hội còn hạn", expire_at=now + dt.timedelta(days=1)),
        "draft": add("tin-tuc", "Nhà ở xã hội bản nháp", publish=False),
        "private": add("noi-bo", "Nhà ở xã hội nội bộ"),
    }
    return {"sections": sections, "pages": pages, "home": home_page}


def _querysets(home_page) -> dict[str, object]:
    now = timezone.now()
    live = Page.objects.live()
    return {
        "all": Page.objects.all(),
        "live": live,
        "not live": Page.objects.filter(live=False),
        "public": live.public(),
        "the view's": live.public()
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
        .descendant_of(home_page, inclusive=True),
        "articles": live.type(NewsArticlePage),
        "not articles": live.not_type(NewsArticlePage),
        "nothing": Page.objects.filter(pk__in=[]),
        "expiring": live.filter(expire_at__isnull=False),
    }


def _search(queryset) -> tuple[list[int], int]:
    results = get_search_backend().search("nha o xa hoi", queryset)
    return [page.pk for page in results], results.count()


def test_the_view_and_api_querysets_compile_onto_the_copy(home_page) -> None:
    for name, queryset in _querysets(home_page).items():
        assert filters.compile_filters(queryset, "e", connection) is not None, name
    assert filters.compile_filters(Page.objects.none(), "e", connection) is not None


@pytest.mark.parametrize("queryset", [
    NewsArticlePage.objects.live(),  # joins the page table
    Page.objects.filter(title__icontains="nhà"),  # a column that is not copied
    Page.objects.filter(pk__in=Page.objects.filter(depth=2).values("pk")),  # a subquery
    Page.objects.filter(live=True)[:5],  # sliced
])
def test_other_querysets_keep_the_subquery(queryset) -> None:
    assert filters.compile_filters(queryset, "e", connection) is None


def test_results_and_counts_equal_the_page_table_subquery(site, monkeypatch) -> None:
    querysets = _querysets(site["home"])
    compiled = {name: _search(queryset) for name, queryset in querysets.items()}
    monkeypatch.setattr("search.backend.compile_filters", lambda *args: None)
    joined = {name: _search(queryset) for name, queryset in querysets.items()}
    assert compiled == joined
    pages = site["pages"]
    assert set(compiled["the view's"][0]) == {pages["public"].pk, pages["later"].pk}
    assert compiled["the view's"][1] == 2
    assert compiled["not live"][1] == 1 and compiled["all"][1] == 4


def test_a_page_moved_under_a_restriction_leaves_the_public_search(site) -> None:
    public, view = site["pages"]["public"], _querysets(site["home"])["the view's"]
    public.move(site["sections"]["noi-bo"], pos="last-child")
    found, total = _search(view)
    assert public.pk not in found and total == 1
    Page.objects.get(pk=public.pk).move(site["sections"]["tin-tuc"], pos="first-child")
    found, total = _search(_querysets(site["home"])["the view's"])
    assert public.pk in found and total == 2


def test_moves_and_reorders_keep_every_copied_path(site) -> None:
    section = site["sections"]["tin-tuc"]
    pages = site["pages"]
    Page.objects.get(pk=pages["draft"].pk).move(section, pos="first-child")  # shifts siblings
    Page.objects.get(pk=section.pk).move(site["home"], pos="last-child")  # a whole subtree
    copied = dict(
        SearchEntry.objects.filter(object_int__isnull=False).values_list("object_int", "path")
    )
    actual = dict(Page.objects.filter(pk__in=copied).values_list("pk", "path"))
    assert copied == actual
