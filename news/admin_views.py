"""The news index's explorer listing, at the size of a ministry's archive.

It shows each article's dateline and category, filters by them, sorts by dateline, and cannot
switch to manual ordering: with 100,000 children "sort menu order" would render every row on one
page. Registered by ``news.wagtail_hooks``.
"""

from __future__ import annotations

import django_filters

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.forms import CheckboxSelectMultiple
from django.utils.functional import cached_property

from wagtail.admin.filters import DateRangePickerWidget, MultipleUserFilter
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import EditedByFilter, ExplorableIndexView, PageFilterSet
from wagtail.admin.views.pages.ordering import SetPagePositionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, PageLogEntry, get_page_models

from cms import text
from cms.editorial.paginator import ListingPaginator

from .models import NewsArticlePage, NewsCategory, NewsIndexPage


def _users_who_own_pages(request) -> QuerySet:
    # Wagtail's choices are `id IN (SELECT DISTINCT owner_id FROM every page)`: a scan of the
    # whole tree on each listing. The same users, found by one index probe per user.
    return get_user_model().objects.filter(Exists(Page.objects.filter(owner=OuterRef("pk"))))


def _users_who_edited_pages(request) -> QuerySet:
    edits = PageLogEntry.objects.filter(action="wagtail.edit", user=OuterRef("pk"))
    return get_user_model().objects.filter(Exists(edits))


class NewsArticleFilterSet(PageFilterSet):
    owner = MultipleUserFilter(
        label=PageFilterSet.base_filters["owner"].label,
        queryset=_users_who_own_pages,
        widget=CheckboxSelectMultiple,
    )
    edited_by = EditedByFilter(
        label=PageFilterSet.base_filters["edited_by"].label,
        queryset=_users_who_edited_pages,
        widget=CheckboxSelectMultiple,
    )
    category = django_filters.ModelChoiceFilter(
        label="Chuyên mục",
        queryset=NewsCategory.objects.all(),
        empty_label="Tất cả chuyên mục",
    )
    published_at = django_filters.DateFromToRangeFilter(
        label="Thời điểm đăng", widget=DateRangePickerWidget
    )

    class Meta:
        model = NewsArticlePage
        fields = ["category", "published_at"]


def _dateline(page: NewsArticlePage) -> str:
    return text.format_datetime(page.published_at) if page.published_at else "—"


def _category(page: NewsArticlePage) -> str:
    return page.category.name if page.category_id else "—"


# The actions that make a page explorable (Wagtail's PagePermissionPolicy.explorable_instances).
EXPLORE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}


class NewsArticleListingView(ExplorableIndexView):
    """The explorer of the news index: newest dateline first, no manual ordering."""

    default_ordering = "-published_at"
    # Half of Wagtail's 50: each row draws its menu of seven or eight actions (most of the time
    # of a page of this listing), and with 100,000 articles editors find an article by search,
    # category or date rather than by paging.
    paginate_by = 25
    # No "ord": manual ordering shows every child unpaginated (Wagtail turns pagination off
    # for drag and drop), which cannot work with 100,000 articles.
    sort_order_field = None
    totally_ordered = False  # set by order_queryset when it made the ordering total

    def get_base_queryset(self) -> QuerySet:
        if self.is_searching_whole_tree or not self.may_explore_whole_section:
            pages = super().get_base_queryset()
        else:
            # Wagtail's query without its permission filter, `id IN (SELECT id FROM every page
            # the user may explore)`, which PostgreSQL reads whole (100,000 articles; for a
            # superuser the whole tree) for the count and again for the rows: it keeps every
            # row when the user may explore the whole section.
            if self.is_searching or self.is_filtering:
                pages = self.model._default_manager.descendant_of(self.parent_page)
            else:
                pages = self.model._default_manager.child_of(self.parent_page)
            pages = self.annotate_queryset(pages)
        return pages.select_related("category", for_specific_subqueries=True)

    def order_queryset(self, queryset: QuerySet) -> QuerySet:
        # Ties (articles of the same minute, equal titles) broken by the primary key, in the
        # same direction: a total order, so that pages never overlap and the far half of the
        # listing can be read backwards (ListingPaginator), walking the same indexes.
        queryset = super().order_queryset(queryset)
        ordering = list(queryset.query.order_by) if isinstance(queryset, QuerySet) else []
        if self.is_searching or not ordering:
            return queryset
        first = ordering[0]
        descending = first.startswith("-") if isinstance(first, str) else first.descending
        self.totally_ordered = True
        return queryset.order_by(*ordering, "-pk" if descending else "pk")

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True,
                      **kwargs) -> ListingPaginator:
        return ListingPaginator(
            queryset, per_page, orphans=orphans, allow_empty_first_page=allow_empty_first_page,
            count=self.children_count, reversible=self.totally_ordered,
        )

    @cached_property
    def children_count(self) -> int | None:
        """The number of rows of the plain listing, from the tree's own bookkeeping: the news
        index's ``numchild`` less its children of other types (found through the content type
        index), instead of a COUNT(*) that reads all 100,000 articles. None (let the paginator
        count) when searching or filtering, or when the permission filter applies."""
        if self.is_searching or self.is_filtering or not self.may_explore_whole_section:
            return None
        other_types = [
            content_type.pk
            for model, content_type in ContentType.objects.get_for_models(
                *get_page_models()
            ).items()
            if not issubclass(model, self.model)
        ]
        others = Page.objects.child_of(self.parent_page).filter(content_type__in=other_types)
        return self.parent_page.numchild - others.count()

    @cached_property
    def may_explore_whole_section(self) -> bool:
        """Once per listing: does a permission on the news index or above (or being a
        superuser) make every page below it explorable, as Wagtail's filter would find?"""
        return self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, EXPLORE_ACTIONS, self.parent_page
        )

    @cached_property
    def header_more_buttons(self) -> list:
        # Drop the "sort menu order" button that Wagtail's hook adds to every parent page.
        return without_reordering(super().header_more_buttons)


class NoManualOrderingView(SetPagePositionView):
    """Moving one article among its siblings loads them all (and rewrites their tree paths):
    refused; the news is ordered by dateline."""

    def post(self, request, *args, **kwargs):
        raise PermissionDenied(
            "Các bài tin tức được xếp theo thời điểm đăng, không sắp xếp thủ công."
        )


class NewsArticleViewSet(PageViewSet):
    model = NewsArticlePage
    index_view_class = NewsArticleListingView
    set_page_position_view_class = NoManualOrderingView
    filterset_class = NewsArticleFilterSet
    columns = [
        *[col for col in ExplorableIndexView.base_columns if col.name in ("bulk_actions", "title")],
        Column("published_at", label="Thời điểm đăng", accessor=_dateline,
               sort_key="published_at", width="16%"),
        # Not sortable: sorting 100,000 articles by their category's name sorts them all on
        # every page (no index spans the join); the category filter lists one category instead.
        Column("category", label="Chuyên mục", accessor=_category, width="16%"),
        *[col for col in ExplorableIndexView.base_columns
          if col.name in ("latest_revision_created_at", "status")],
    ]

    @cached_property
    def parent_models(self) -> list:
        return [NewsIndexPage]


def without_reordering(buttons: list) -> list:
    return [b for b in buttons if not (getattr(b, "url", "") or "").endswith("ordering=ord")]
