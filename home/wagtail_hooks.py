"""Admin registration of the portal's snippets (lĩnh vực, cơ quan, unit and enterprise sites)
and the procedure statistics on the editors' dashboard."""

from __future__ import annotations

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import text

from .models import Agency, Sector, UnitSite, level_statistics


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
    model = UnitSite
    icon = "site"
    menu_label = "Trang web đơn vị"
    list_display = ["name", "url", "kind", "order", "visible"]
    list_filter = ["kind", "visible"]
    search_fields = ["name"]


class PortalGroup(SnippetViewSetGroup):
    menu_label = "Cổng thông tin"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (SectorViewSet, AgencyViewSet, UnitSiteViewSet)


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
