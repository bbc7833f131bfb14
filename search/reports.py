"""Admin reports for editors: the most frequent queries, and the queries that found nothing.

Both read Wagtail's query log (``Query``/``QueryDailyHits``, written by ``search.stats``) and our
``ZeroResultHits``; an editor fixes the content or adds a promotion for what readers look for.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.encoding import force_str

from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.models import ZeroResultHits

DAYS = 30
REPORT_PERMISSIONS = (
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
)


#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: object) -> str:
    """``value`` as a cell a spreadsheet shows as text: a reader's query such as
    ``=HYPERLINK(…)`` gets a leading ``'`` instead of becoming a formula in Excel."""
    value = force_str(value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def can_see_reports(user) -> bool:
    """Who may read the reports: those who may act on them (add or change promotions)."""
    return user.is_active and any(user.has_perm(p) for p in REPORT_PERMISSIONS)


def _sum_since(model, since: dt.date) -> Subquery:
    return Coalesce(
        Subquery(
            model.objects.filter(query=OuterRef("pk"), date__gte=since)
            .values("query")
            .annotate(total=Sum("hits"))
            .values("total")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def query_report(since: dt.date) -> QuerySet[Query]:
    """Every query searched since ``since``, with its searches and its fruitless searches."""
    return Query.objects.annotate(
        searches=_sum_since(QueryDailyHits, since),
        zero_results=_sum_since(ZeroResultHits, since),
    ).filter(searches__gt=0)


class _SearchReport(ReportView):
    header_icon = "search"
    paginate_by = 50
    list_export = ["query_string", "searches", "zero_results"]
    # Queries are typed by anonymous readers: never a formula in the CSV or XLSX export.
    custom_field_preprocess = {
        "query_string": {"csv": spreadsheet_text, "xlsx": spreadsheet_text},
    }
    export_headings = {
        "query_string": "Từ khóa",
        "searches": "Số lần tìm",
        "zero_results": "Số lần không có kết quả",
    }
    columns = [
        Column("query_string", label="Từ khóa"),
        NumberColumn("searches", label=f"Số lần tìm ({DAYS} ngày)"),
        NumberColumn("zero_results", label="Không có kết quả"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not can_see_reports(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def since(self) -> dt.date:
        return timezone.localdate() - dt.timedelta(days=DAYS - 1)


class FrequentQueriesReport(_SearchReport):
    page_title = "Từ khóa được tìm nhiều nhất"
    index_url_name = "search_reports:frequent"
    index_results_url_name = "search_reports:frequent_results"

    def get_queryset(self):
        return query_report(self.since()).order_by("-searches", "query_string")


class ZeroResultQueriesReport(_SearchReport):
    page_title = "Từ khóa không tìm thấy kết quả"
    index_url_name = "search_reports:zero"
    index_results_url_name = "search_reports:zero_results"

    def get_queryset(self):
        return (
            query_report(self.since())
            .filter(zero_results__gt=0)
            .order_by("-zero_results", "query_string")
        )
