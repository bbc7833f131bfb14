"""Small site-wide views that belong to no content app."""

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import views as sitemap_views

from cms import site_map as site_map_pages
from cms.cache.views import cacheable
from cms.sitemaps import section_sitemaps


@require_GET
@cacheable()
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Allow everything public, keep crawlers out of the admin and search results."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cacheable()
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The index of the non-empty sections (an empty ``<urlset>`` is invalid under the XSD)."""
    sections = {
        name: cls(request)
        for name, cls in section_sitemaps().items()
        if cls(request).has_pages()
    }
    return sitemap_views.index(request, sections, sitemap_url_name="sitemap_section")


@require_GET
@cacheable("p")
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """One section, in files of ``PAGE_LIMIT`` URLs (``?p=2``); unknown or empty sections 404."""
    cls = section_sitemaps().get(section)
    if cls is None or not cls(request).has_pages():
        raise Http404("Không có mục sơ đồ trang này.")
    return sitemap_views.sitemap(request, {section: cls}, section=section)


@require_GET
@cacheable()
def site_map(request: HttpRequest) -> HttpResponse:
    """``/so-do-trang/``: the sections and their index pages, for readers (``cms.site_map``)."""
    context = {"sections": site_map_pages.sections(request), "breadcrumb_title": "Sơ đồ trang"}
    return TemplateResponse(request, "cms/site_map.html", context)
