"""Admin wiring: the two search reports under Reports (Báo cáo), and the synonyms snippet."""

from __future__ import annotations

from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Synonym
from search.reports import FrequentQueriesReport, ZeroResultQueriesReport, can_see_reports

report_urls = (
    [
        path("tim-nhieu/", FrequentQueriesReport.as_view(), name="frequent"),
        path(
            "tim-nhieu/results/",
            FrequentQueriesReport.as_view(results_only=True),
            name="frequent_results",
        ),
        path("khong-ket-qua/", ZeroResultQueriesReport.as_view(), name="zero"),
        path(
            "khong-ket-qua/results/",
            ZeroResultQueriesReport.as_view(results_only=True),
            name="zero_results",
        ),
    ],
    "search_reports",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("reports/tim-kiem/", include(report_urls, namespace="search_reports"))]


class ReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_see_reports(request.user)


@hooks.register("register_reports_menu_item")
def frequent_queries_menu_item():
    return ReportMenuItem(
        "Từ khóa tìm nhiều nhất",
        reverse("search_reports:frequent"),
        name="search-frequent",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def zero_result_queries_menu_item():
    return ReportMenuItem(
        "Tìm kiếm không có kết quả",
        reverse("search_reports:zero"),
        name="search-zero-results",
        icon_name="warning",
        order=1320,
    )


class SynonymViewSet(SnippetViewSet):
    """Snippets → Từ đồng nghĩa, viết tắt: applied to every search within minutes of a save."""

    model = Synonym
    icon = "search"
    menu_label = "Từ đồng nghĩa, viết tắt"
    list_display = ["term", "expansions"]
    ordering = ["term"]


register_snippet(SynonymViewSet)
