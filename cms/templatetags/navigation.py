"""The site's shell: settings, main menu and breadcrumbs, each computed once per request.

The header, the breadcrumbs and the BreadcrumbList JSON-LD all read the same lists, so a page
costs one query for the menu and one for its ancestors, whatever the page type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.apps import apps
from django.http import HttpRequest

from wagtail.models import Page, Site

from cms.visibility import visible

register = template.Library()


@dataclass(frozen=True)
class Crumb:
    """One step of the path from the home page to where the reader is."""

    title: str
    url: str


def _site(request: HttpRequest | None) -> Site | None:
    if request is None:
        return None
    return Site.find_for_request(request)


def get_site_settings(request: HttpRequest | None) -> Any | None:
    """The portal's ``home.SiteSettings`` for this request's site, or None where it is absent.

    Templates read it through ``{% site_settings as ss %}`` rather than Wagtail's ``settings``
    context processor, which raises (a 500) while the model does not exist.
    """
    if request is None:
        return None
    cached = getattr(request, "_cms_site_settings", False)
    if cached is not False:
        return cached
    try:
        model = apps.get_model("home", "SiteSettings")
    except LookupError:
        value = None
    else:
        value = model.for_request(request)
    request._cms_site_settings = value
    return value


@register.simple_tag(takes_context=True)
def site_settings(context: template.Context) -> Any | None:
    """``{% site_settings as ss %}`` then ``{{ ss.ministry_name|default:"Bộ Xây dựng" }}``."""
    return get_site_settings(context.get("request"))


def get_menu_pages(request: HttpRequest | None) -> list[Page]:
    """Live, public children of the site root marked "show in menus", in tree order."""
    if request is None:
        return []
    cached = getattr(request, "_cms_menu_pages", None)
    if cached is not None:
        return cached
    site = _site(request)
    pages: list[Page] = []
    if site is not None:
        pages = list(
            visible(site.root_page.get_children()).in_menu().order_by("path")
        )
    request._cms_menu_pages = pages
    return pages


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> list[dict[str, Any]]:
    """Items of the main navigation with ``current`` set on the section the reader is in."""
    request = context.get("request")
    current = context.get("page")
    current_path = getattr(current, "path", "") or ""
    items = []
    for page in get_menu_pages(request):
        items.append(
            {
                "title": page.title,
                "url": page.get_url(request),
                "current": bool(current_path) and current_path.startswith(page.path),
                "exact": current_path == page.path,
            }
        )
    return items


def get_breadcrumbs(context: template.Context) -> list[Crumb]:
    """Home → … → the page (→ an extra step for routed views such as a category or search).

    A view that is not a page (search) or a routed sub-view may put ``breadcrumb_title`` in
    its context; it becomes the last step.
    """
    request = context.get("request")
    cached = getattr(request, "_cms_breadcrumbs", None) if request is not None else None
    if cached is not None:
        return cached
    crumbs: list[Crumb] = []
    site = _site(request)
    page = context.get("page")
    if site is not None:
        root = site.root_page
        routed = getattr(request, "_cms_route_ancestors", None)
        if routed and isinstance(page, Page) and routed[-1].pk == page.pk:
            # cms.routing read these rows already, for the same page.
            ancestors = [row for row in routed if row.depth >= root.depth]
            for ancestor in ancestors:
                title = "Trang chủ" if ancestor.depth == root.depth else ancestor.title
                crumbs.append(Crumb(title, ancestor.get_url(request) or "/"))
        elif isinstance(page, Page) and page.path.startswith(root.path):
            ancestors = page.get_ancestors(inclusive=True).filter(depth__gte=root.depth)
            for ancestor in ancestors.only("id", "title", "url_path", "path", "depth"):
                title = "Trang chủ" if ancestor.depth == root.depth else ancestor.title
                crumbs.append(Crumb(title, ancestor.get_url(request) or "/"))
        else:
            crumbs.append(Crumb("Trang chủ", root.get_url(request) or "/"))
    extra = context.get("breadcrumb_title")
    if extra and request is not None:
        crumbs.append(Crumb(str(extra), request.get_full_path()))
    if request is not None:
        request._cms_breadcrumbs = crumbs
    return crumbs


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context: template.Context) -> dict[str, Any]:
    """The visible trail; hidden on the home page itself (a trail of one says nothing)."""
    return {"crumbs": get_breadcrumbs(context)}
