from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images.views.serve import ServeView
from wagtail.urls import serve_pattern

from cms import routing
from cms.api import api_router
from cms.health import healthz, readyz
from cms.views import robots_txt, site_map, sitemap_index, sitemap_section

urlpatterns = [
    # Answered first by cms.health.ProbeMiddleware; routed here too so they reverse and resolve.
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    # Signed image URLs (the API's download_url): a redirect to the rendition, whose name is
    # unguessable; originals themselves are never served (deploy/SECURITY.md).
    re_path(
        r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$",
        ServeView.as_view(action="redirect"),
        name="wagtailimages_serve",
    ),
    path("", include("home.citizens.urls")),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # The readers' site map (Vietnamese; its links lead into either language's pages).
    path("so-do-trang/", site_map, name="site_map"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages and search in the visitor's language: Vietnamese without a prefix (URLs as they always
# were), English under /en/ (the English tree, Wagtail's translations of the Vietnamese root).
# Pages are routed in one query for the whole path (cms.routing), then served by Wagtail.
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    re_path(serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A lost database answers 503 (templates/503.html), anything else 500 (cms/outage.py).
handler500 = "cms.outage.server_error"
