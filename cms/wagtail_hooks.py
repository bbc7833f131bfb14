"""The editors' admin: their dashboard and the news listing, at the size of a ministry's archive.

- Dashboard: "Chờ duyệt" (what I must review, with Wagtail's approve / send-back actions),
  "Bản nháp của tôi" (my unpublished work and where it stands in review), the latest imports
  and the procedure statistics. Wagtail's two English-titled workflow panels are replaced.
- The news index's explorer listing shows each article's dateline and category, filters by them,
  sorts by dateline, and cannot switch to manual ordering: with 100,000 children "sort menu
  order" would render every row on one page.
"""

from __future__ import annotations

from typing import Any

import django_filters

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.forms import CheckboxSelectMultiple
from django.shortcuts import redirect
from django.utils.functional import cached_property

from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, MultipleUserFilter
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.home import (
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)
from wagtail.admin.views.pages.listing import EditedByFilter, ExplorableIndexView, PageFilterSet
from wagtail.admin.views.pages.ordering import SetPagePositionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets.button import ButtonWithDropdownFromHook
from wagtail.models import Page, PageLogEntry, get_page_models

import cms.editing_conflicts  # noqa: F401  (registers its after_edit_page hook)
from cms import text
from cms.editorial.chooser import chooser_queryset
from cms.editorial.paginator import ListingPaginator
from cms.editorial.setup import APPROVER_GROUPS
from cms.models import ImportRun
from news.models import NewsArticlePage, NewsCategory, NewsIndexPage

DASHBOARD_LIMIT = 10


# --- Dashboard -----------------------------------------------------------------------------


def _can_review(user: AbstractBaseUser) -> bool:
    return user.is_superuser or user.groups.filter(name__in=APPROVER_GROUPS).exists()


class AwaitingReviewPanel(WorkflowObjectsToModeratePanel):
    """"Chờ duyệt": Wagtail's moderation queue (same actions and modals), in our words."""

    name = "cho_duyet"
    template_name = "cms/dashboard/awaiting_review.html"
    order = 100

    def get_context_data(self, parent_context: dict) -> dict:
        context = super().get_context_data(parent_context)
        context["can_review"] = _can_review(parent_context["request"].user)
        return context


class MyDraftsPanel(Component):
    """"Bản nháp của tôi": pages whose latest version is mine and not yet published, with
    their review status and the reviewer's comment when changes were requested."""

    name = "ban_nhap_cua_toi"
    template_name = "cms/dashboard/my_drafts.html"
    order = 110

    def get_context_data(self, parent_context: dict) -> dict:
        user = parent_context["request"].user
        pages = (
            Page.objects.filter(has_unpublished_changes=True, latest_revision__user=user)
            .select_related("latest_revision", "content_type")
            .prefetch_workflow_states()
            .order_by("-latest_revision_created_at")[:DASHBOARD_LIMIT]
        )
        return {"rows": [self.row(page) for page in pages]}

    @staticmethod
    def row(page: Page) -> dict[str, Any]:
        state = page.current_workflow_state
        task_state = state.current_task_state if state else None
        if state and state.status == state.STATUS_NEEDS_CHANGES:
            status, comment = "Cần chỉnh sửa", task_state.comment if task_state else ""
        elif state:
            task = task_state.task.name if task_state else ""
            status, comment = f"Chờ duyệt: {task}" if task else "Chờ duyệt", ""
        elif page.live:
            status, comment = "Đã đăng, có thay đổi chưa xuất bản", ""
        else:
            status, comment = "Bản nháp", ""
        return {
            "page": page,
            "type": page.content_type.name if page.content_type_id else "",
            "status": status,
            "comment": comment,
            "saved_at": text.format_datetime(page.latest_revision_created_at)
            if page.latest_revision_created_at
            else "",
            "in_review": bool(state and state.status == state.STATUS_IN_PROGRESS),
        }


class LatestImportsPanel(Component):
    """The last imports (who, when, which files, what changed), for those who run them."""

    name = "nhap_du_lieu"
    template_name = "cms/dashboard/latest_imports.html"
    order = 130

    def render_html(self, parent_context: dict | None = None) -> str:
        user = (parent_context or {}).get("request").user
        if not user.has_perm("cms.view_importrun"):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context: dict) -> dict:
        runs = ImportRun.objects.select_related("user").order_by("-started_at")[:5]
        return {"runs": [self.row(run) for run in runs]}

    @staticmethod
    def row(run: ImportRun) -> dict[str, Any]:
        files = [line for line in run.files.splitlines() if line.strip()]
        return {
            "run": run,
            "started": text.format_datetime(run.started_at),
            "files": ", ".join(name.rsplit("/", 1)[-1] for name in files),
            "created": text.format_number(run.created),
            "updated": text.format_number(run.updated),
            "unchanged": text.format_number(run.unchanged),
            "ok": run.status == "ok",
        }


class ProcedureStatisticsPanel(Component):
    """Live procedures by online service level: the same function as the catalogue's."""

    name = "thong_ke_thu_tuc"
    template_name = "cms/dashboard/procedure_statistics.html"
    order = 140

    def get_context_data(self, parent_context: dict) -> dict:
        from home.models import level_statistics

        statistics = level_statistics()
        return {"statistics": statistics, "total": text.format_number(statistics.total)}


@hooks.register("construct_homepage_panels")
def editorial_dashboard(request, panels: list) -> None:
    replaced = (WorkflowObjectsToModeratePanel, UserObjectsInWorkflowModerationPanel)
    panels[:] = [panel for panel in panels if type(panel) not in replaced]
    panels.extend(
        [AwaitingReviewPanel(), MyDraftsPanel(), LatestImportsPanel(), ProcedureStatisticsPanel()]
    )


# --- The news index's listing --------------------------------------------------------------


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
        return _without_reordering(super().header_more_buttons)


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


@hooks.register("register_admin_viewset")
def register_news_article_viewset() -> NewsArticleViewSet:
    return NewsArticleViewSet("news_article_pages")


@hooks.register("before_unpublish_page")
def no_unpublishing_the_whole_archive(request, page):
    """Unpublishing the news index "with its descendants" unpublishes 100,000 articles one by
    one in the request: refused (the index alone can be unpublished, which hides them all)."""
    if isinstance(page, NewsIndexPage) and request.POST.get("include_descendants"):
        messages.error(
            request,
            "Không thể ngừng xuất bản cùng lúc toàn bộ bài viết của trang tin tức; hãy ngừng "
            "xuất bản riêng trang tin tức (các bài sẽ không còn hiển thị) hoặc từng bài.",
        )
        return redirect("wagtailadmin_pages:unpublish", page.pk)
    return None


def _without_reordering(buttons: list) -> list:
    return [b for b in buttons if not (getattr(b, "url", "") or "").endswith("ordering=ord")]


@hooks.register("construct_page_listing_buttons")
def no_sort_menu_order_for_news(buttons: list, page, user, context=None) -> None:
    """Each article row's "more" menu offers "sort menu order" for children it cannot have,
    and the news index's would list 100,000 rows unpaginated: both are removed."""
    if not isinstance(page, NewsArticlePage | NewsIndexPage):
        return
    for button in buttons:
        if isinstance(button, ButtonWithDropdownFromHook):
            button.dropdown_buttons = _without_reordering(button.dropdown_buttons)
    buttons[:] = _without_reordering(buttons)


# --- The page chooser --------------------------------------------------------------------------


@hooks.register("construct_page_chooser_queryset")
def chooser_rows_without_per_row_queries(pages, request):
    """Browse and search draw each row's parent and status from data fetched once per list."""
    return chooser_queryset(pages)
