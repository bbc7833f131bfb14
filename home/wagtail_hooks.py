"""Admin registration of the portal's snippets (lĩnh vực, cơ quan, units, leaders, focal points),
the procedure statistics on the editors' dashboard, and the citizens' queues (hỏi đáp, góp ý dự
thảo), their audit-log actions and the least-useful-pages report."""

from __future__ import annotations

from django.urls import include, path

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import text

from .citizens import consultation_admin, files, question_admin, reports
from .citizens.permissions import NoAddPermissionPolicy
from .models import (
    Agency,
    DraftComment,
    FocalPoint,
    Leader,
    Question,
    Sector,
    UnitSite,
    level_statistics,
)


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = "Lĩnh vực"
    list_display = ["name", "slug", "order"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("order")]


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = "Cơ quan"
    list_display = ["name", "slug", "order"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("order")]


class UnitSiteViewSet(SnippetViewSet):
    """The ministry's units: the organisation chart and the directory of their websites."""

    model = UnitSite
    icon = "site"
    menu_label = "Đơn vị"
    list_display = ["name", "category", "parent", "url", "order", "visible"]
    list_filter = ["category", "kind", "visible"]
    search_fields = ["name"]


class LeaderViewSet(SnippetViewSet):
    model = Leader
    icon = "user"
    menu_label = "Lãnh đạo Bộ"
    list_display = ["name", "title", "rank", "current"]
    list_filter = ["current"]
    search_fields = ["name"]


class FocalPointViewSet(SnippetViewSet):
    model = FocalPoint
    icon = "mail"
    menu_label = "Đầu mối liên hệ"
    list_display = ["name", "title", "responsibility", "phone", "email", "order"]


class PortalGroup(SnippetViewSetGroup):
    menu_label = "Cổng thông tin"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (SectorViewSet, AgencyViewSet, UnitSiteViewSet, LeaderViewSet, FocalPointViewSet)


register_snippet(PortalGroup)


class ProcedureStatisticsPanel(Component):
    """Live procedures by online service level: the same function as the catalogue's."""

    name = "thong_ke_thu_tuc"
    template_name = "home/dashboard/procedure_statistics.html"
    order = 140

    def get_context_data(self, parent_context: dict) -> dict:
        statistics = level_statistics()
        return {"statistics": statistics, "total": text.format_number(statistics.total)}


@hooks.register("construct_homepage_panels")
def procedure_statistics_on_dashboard(request, panels: list) -> None:
    panels.append(ProcedureStatisticsPanel())


# --- Citizens: hỏi đáp (questions and feedback) ----------------------------------------

for _model in (Question, DraftComment):
    register_permission_policy(_model, NoAddPermissionPolicy(_model), exact_class=True)
register_snippet(question_admin.QuestionViewSet)
register_snippet(consultation_admin.DraftCommentViewSet)


@hooks.register("register_log_actions")
def register_citizen_log_actions(actions) -> None:
    for action, (label, message) in question_admin.LOG_ACTIONS.items():

        class Formatter(LogFormatter):
            pass

        Formatter.label = label
        Formatter.message = message
        actions.register_action(action)(Formatter)


@hooks.register("register_snippet_action_menu_item")
def question_publish_menu_item(model):
    items = question_admin.action_menu_items(model)
    return items[0] if items else None


@hooks.register("register_snippet_action_menu_item")
def question_close_menu_item(model):
    items = question_admin.action_menu_items(model)
    return items[1] if items else None


@hooks.register("register_admin_urls")
def register_citizen_report_urls():
    return [
        path("", include((reports.urlpatterns(), "citizens_reports"),
                         namespace="citizens_reports")),
        path("", include((files.urlpatterns(), "citizens_files"), namespace="citizens_files")),
    ]


@hooks.register("register_reports_menu_item")
def register_least_useful_menu_item():
    return reports.menu_item()
