"""Báo cáo "Trang ít hữu ích nhất": Wagtail's report view over the readers' votes."""

from __future__ import annotations

from django.urls import path, reverse

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms import text
from home.models.feedback import least_useful

from .exports import SafeCsvMixin


class ShareColumn(Column):
    """``33,33%``: the share of "yes" in Vietnamese number format."""

    def get_value(self, instance) -> str:
        return text.format_percent(instance.yes, instance.votes)


class LeastUsefulPagesView(SafeCsvMixin, ReportView):
    page_title = "Trang ít hữu ích nhất"
    header_icon = "warning"
    index_url_name = "citizens_reports:least_useful"
    index_results_url_name = "citizens_reports:least_useful_results"
    any_permission_required = ["add", "change", "publish"]
    model = None
    paginate_by = 50
    list_export = ["title", "url_path", "yes", "no", "votes"]
    export_headings = {"title": "Trang", "url_path": "Đường dẫn", "yes": "Hữu ích",
                       "no": "Chưa hữu ích", "votes": "Tổng số đánh giá"}
    export_filename = "trang-it-huu-ich"

    @property
    def permission_policy(self):
        from wagtail.models import Page
        from wagtail.permissions import policy_registry

        return policy_registry.get_by_type(Page)

    @property
    def columns(self) -> list[Column]:
        return [
            TitleColumn("title", label="Trang",
                        get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk])),
            Column("no", label="Chưa hữu ích"),
            Column("yes", label="Hữu ích"),
            Column("votes", label="Tổng số đánh giá"),
            ShareColumn("share", label="Tỉ lệ hữu ích"),
        ]

    def get_queryset(self):
        return least_useful()


def urlpatterns() -> list:
    view = LeastUsefulPagesView.as_view()
    results = LeastUsefulPagesView.as_view(results_only=True)
    return [
        path("reports/least-useful/", view, name="least_useful"),
        path("reports/least-useful/results/", results, name="least_useful_results"),
    ]


def menu_item() -> MenuItem:
    return MenuItem("Trang ít hữu ích nhất", reverse("citizens_reports:least_useful"),
                    name="least-useful", icon_name="warning", order=950)
