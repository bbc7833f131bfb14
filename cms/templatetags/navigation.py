"""The site's shell: the portal's settings, the main menu and the breadcrumbs.

Per-request values come from Wagtail's own caches: ``Site.find_for_request`` and
``BaseSiteSetting.for_request`` keep their answer on the request, so the templates (through the
``settings`` context processor) and the Python here share one query for the site settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext

from wagtail.models import Page, Site

from cms import text
from cms.cache import fragments
from cms.visibility import visible

register = template.Library()

_BREADCRUMBS = "cms.breadcrumbs"


@dataclass(frozen=True)
class Crumb:
    """One step of the path from the home page to where the reader is."""

    title: str
    url: str


def get_site_settings(request: HttpRequest | None) -> Any | None:
    """The portal's site settings (``settings.SITE_SETTINGS_MODEL``) for this request's site.

    The model is named in the settings, like ``AUTH_USER_MODEL``, so that cms imports no app.
    """
    if request is None:
        return None
    model = apps.get_model(settings.SITE_SETTINGS_MODEL)
    try:
        return model.for_request(request)
    except model.DoesNotExist:  # no Site matches the request
        return None


def site_name(request: HttpRequest | None) -> str:
    """The ministry's name from the site settings, else ``WAGTAIL_SITE_NAME``; on a page in
    another language, the settings' ``ministry_name_<language>`` where it is filled."""
    found = get_site_settings(request)
    return text.in_language(found, "ministry_name") or settings.WAGTAIL_SITE_NAME


def get_menu_pages(request: HttpRequest | None) -> list[Page]:
    """Live, public children of the site root marked "show in menus", in tree order."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page
    if text.language() != settings.LANGUAGE_CODE:
        # The English home's sections on English pages: the home cms.routing found for this
        # request (no query), else Wagtail's translation of the site root (two queries).
        ancestors = getattr(request, "_cms_route_ancestors", None)
        root = ancestors[0] if ancestors else root.localized
    return list(visible(root.get_children()).in_menu().order_by("path"))


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> list[dict[str, Any]]:
    """Items of the main navigation with ``current`` set on the section the reader is in."""
    request = context.get("request")
    current = context.get("page")
    current_path = getattr(current, "path", "") or ""

    def entries() -> list[tuple[str, str, str]]:
        return [(page.title, page.get_url(request), page.path) for page in get_menu_pages(request)]

    return [
        {
            "title": title,
            "url": url,
            "current": bool(current_path) and current_path.startswith(path),
            "exact": current_path == path,
        }
        for title, url, path in fragments.shared("main-menu", request, entries)
    ]


def get_breadcrumbs(context: template.Context) -> list[Crumb]:
    """Home → … → the page (→ an extra step for routed views such as a category or search).

    A view that is not a page (search) or a routed sub-view may put ``breadcrumb_title`` in
    its context; it becomes the last step. The visible trail and the BreadcrumbList JSON-LD both
    read it: it is kept in ``context.render_context`` (Django's per-render state of template
    tags), so a page costs one query for its ancestors.
    """
    cached = context.render_context.get(_BREADCRUMBS)
    if cached is not None:
        return cached
    request = context.get("request")
    crumbs: list[Crumb] = []
    site = Site.find_for_request(request)
    page = context.get("page")
    if site is not None:
        root = site.root_page
        routed = getattr(request, "_cms_route_ancestors", None)
        if routed and isinstance(page, Page) and routed[-1].pk == page.pk:
            # cms.routing read these rows already, for the same page.
            ancestors = [row for row in routed if row.depth >= root.depth]
            for ancestor in ancestors:
                title = gettext("Trang chủ") if ancestor.depth == root.depth else ancestor.title
                crumbs.append(Crumb(title, ancestor.get_url(request) or "/"))
        elif isinstance(page, Page) and page.path.startswith(root.path):
            ancestors = page.get_ancestors(inclusive=True).filter(depth__gte=root.depth)
            for ancestor in ancestors.only("id", "title", "url_path", "path", "depth"):
                title = gettext("Trang chủ") if ancestor.depth == root.depth else ancestor.title
                crumbs.append(Crumb(title, ancestor.get_url(request) or "/"))
        else:
            crumbs.append(Crumb(gettext("Trang chủ"), root.get_url(request) or "/"))
    extra = context.get("breadcrumb_title")
    if extra and request is not None:
        crumbs.append(Crumb(str(extra), request.get_full_path()))
    context.render_context[_BREADCRUMBS] = crumbs
    return crumbs


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context: template.Context) -> dict[str, Any]:
    """The visible trail; hidden on the home page itself (a trail of one says nothing)."""
    return {"crumbs": get_breadcrumbs(context)}
