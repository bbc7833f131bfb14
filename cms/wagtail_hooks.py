"""The editors' admin that every section shares: their dashboard and the page chooser.

- Dashboard: "Chờ duyệt" (what I must review, with Wagtail's approve / send-back actions),
  "Bản nháp của tôi" (my unpublished work and where it stands in review) and the latest
  imports. Wagtail's two English-titled workflow panels are replaced. Content apps add their
  own panels (``home.wagtail_hooks``: the procedure statistics) and listings
  (``news.wagtail_hooks``: the news index's explorer).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import (
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)
from wagtail.models import Page

import cms.editing_conflicts  # noqa: F401  (registers its after_edit_page hook)
from cms import text
from cms.editorial.chooser import chooser_queryset
from cms.editorial.setup import APPROVER_GROUPS
from cms.models import ImportRun

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


@hooks.register("construct_homepage_panels")
def editorial_dashboard(request, panels: list) -> None:
    replaced = (WorkflowObjectsToModeratePanel, UserObjectsInWorkflowModerationPanel)
    panels[:] = [panel for panel in panels if type(panel) not in replaced]
    panels.extend(
        [AwaitingReviewPanel(), MyDraftsPanel(), LatestImportsPanel()]
    )


# --- The page chooser --------------------------------------------------------------------------


@hooks.register("construct_page_chooser_queryset")
def chooser_rows_without_per_row_queries(pages, request):
    """Browse and search draw each row's parent and status from data fetched once per list."""
    return chooser_queryset(pages)
