"""Admin registration of the portal's snippets: lĩnh vực, cơ quan, unit and enterprise sites."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Agency, Sector, UnitSite


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
