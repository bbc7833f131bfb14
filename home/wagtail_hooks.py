"""Admin registration of the portal's snippets (lĩnh vực, cơ quan, units, leaders, focal points)
and the procedure statistics on the editors' dashboard."""

from __future__ import annotations

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import text

from .models import Agency, FocalPoint, Leader, Sector, UnitSite, level_statistics


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
