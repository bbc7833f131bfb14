"""Page routing in one query for the whole path, instead of two per level.

Wagtail's ``Page.route`` walks the URL one segment at a time: a child query and a ``.specific``
query per level (an article at ``/tin-tuc/slug/`` cost five page queries before its view ran).
Here every prefix of the path is looked up by ``url_path`` at once; the page where the path ends
is loaded as its specific class (with the relations it names in ``route_select_related``), and
Wagtail's own ``route()`` then runs on it, so its live check and routable sub-pages still apply.

The walk defers to Wagtail's routing wherever a page may route differently: a page class with a
``route()`` of its own takes over the rest of the path; a routable page (RoutablePageMixin) does
so when the rest of the path matches one of its routes (they are tried before children, as in
Wagtail). The route result is stored where ``Page.route_for_request`` keeps it, so Wagtail's
``serve`` view and everything else that asks for the request's page reuse it.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from cms.cache import fragments
from cms.models import BasePage

# route() implementations that only do what the walk below does.
_PLAIN_ROUTES = {Page.route, BasePage.route}


def _site_root_path(site: Site) -> str | None:
    """The site's home in the request's language (cms.urls: Vietnamese unprefixed, English
    under /en/): Wagtail lists the root and each of its translations, with their language."""
    roots = [root for root in Site.get_site_root_paths() if root.site_id == site.pk]  # cached
    language = translation.get_language()
    for root in roots:
        if root.language_code == language:
            return root.root_path
    return roots[0].root_path if len(roots) == 1 else None


def _own_route(cls: type) -> bool:
    route = getattr(cls, "route", Page.route)
    return route not in _PLAIN_ROUTES and route is not RoutablePageMixin.route


def _specific(row: Page) -> Page:
    cls = row.specific_class
    if cls is None:
        return row.specific
    related = getattr(cls, "route_select_related", ())
    manager = cls._default_manager.select_related(*related) if related else cls._default_manager
    return manager.get(pk=row.pk)


def _find_site(request: HttpRequest) -> Site | None:
    """``Site.find_for_request``, and the site's settings, from the shared fragments when the
    page cache is on (a Site or SiteSettings saved purges everything: ``home.signals``): two
    queries fewer on every uncached view. Both land where Wagtail looks for them first."""
    if hasattr(request, "_wagtail_site") or not fragments.enabled():
        return Site.find_for_request(request)
    port = request.get_port()
    site = fragments.shared(f"site:{port}", request, lambda: Site._find_for_request(request))
    request._wagtail_site = site
    model = apps.get_model(settings.SITE_SETTINGS_MODEL)
    if site is not None:
        values = fragments.shared(f"site-settings:{port}", request, lambda: model.for_site(site))
        values._request = request
        setattr(request, model.get_cache_attr_name(), values)
    return site


def route(request: HttpRequest, path: str) -> RouteResult | None:
    """The page (and routable view) for ``path`` on this request's site, or None (a 404)."""
    site = _find_site(request)
    if site is None:
        return None
    root_path = _site_root_path(site)
    components = [part for part in path.split("/") if part]
    if root_path is None:
        return site.root_page.localized.specific.route(request, components)
    prefixes = [
        root_path + "".join(f"{c}/" for c in components[:n]) for n in range(len(components) + 1)
    ]
    rows = list(
        Page.objects.filter(url_path__in=prefixes)
        .only("id", "path", "depth", "numchild", "url_path", "title", "content_type_id", "live",
              "slug")
        .order_by("depth")
    )
    if not rows or rows[0].url_path != root_path:
        return None
    if rows[0].pk == site.root_page_id:
        site.root_page = rows[0]  # the menu and breadcrumbs need its path and depth only
    # rows[i] is the page at prefixes[i] (url_paths are unique within a tree).
    rows = [row for i, row in enumerate(rows) if i < len(prefixes) and row.url_path == prefixes[i]]
    consumed = len(rows) - 1
    for i, row in enumerate(rows[:-1]):
        cls = row.specific_class
        rest = components[i:]
        if cls is None or _own_route(cls) or (
            issubclass(cls, RoutablePageMixin) and _resolves(cls, rest)
        ):
            consumed = i
            break
    page = _specific(rows[consumed])
    if consumed:
        page._cached_parent_obj = rows[consumed - 1]
    request._cms_route_ancestors = rows[: consumed + 1]
    return page.route(request, components[consumed:])


def _resolves(cls: type, components: list[str]) -> bool:
    subpath = "/" + "".join(f"{c}/" for c in components)
    try:
        cls.get_resolver().resolve(subpath)
    except Exception:  # noqa: BLE001 - Resolver404 and friends: not one of its routes
        return False
    return True


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's ``serve`` with the route found by ``route()`` above."""
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            request._wagtail_route_for_request = route(request, path)
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_serve(request, path)
