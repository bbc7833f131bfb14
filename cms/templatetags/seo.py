"""What search engines and link previews read: description, canonical URL, Open Graph, JSON-LD.

Each page model says what it is (``cms.pages.PageKind``): its description, its picture, its
Open Graph type and dates, and its own JSON-LD object. These tags add what every page shares:
the fallbacks, the canonical link, the site's ``WebSite`` object and the breadcrumb trail.
"""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from wagtail.images.models import AbstractImage
from wagtail.models import Page, Site

from cms import metadata, text
from cms.pages import PageKind
from cms.templatetags.navigation import get_breadcrumbs
from cms.templatetags.vi import iso_local

register = template.Library()

# JSON inside <script> must not close the element nor open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def page_description(page: Any) -> str:
    """The page's declared description; a page of no portal type has only its own field."""
    if isinstance(page, PageKind):
        return page.get_meta_description()
    if isinstance(page, Page):
        return metadata.describe(page.search_description)
    return ""


def page_image(page: Any) -> AbstractImage | None:
    """The page's declared picture, for previews."""
    return page.get_meta_image() if isinstance(page, PageKind) else None


@register.inclusion_tag("includes/seo.html", takes_context=True)
def seo_meta(context: template.Context) -> dict[str, Any]:
    """Description, canonical link, Open Graph and Twitter card of the current page."""
    request = context.get("request")
    page = context.get("page")
    site_name = metadata.site_name(request)
    description = context.get("meta_description") or page_description(page)
    if not description:
        description = gettext("Cổng thông tin điện tử %(ministry)s") % {"ministry": site_name}
    image = page_image(page)
    image_url, rendition = metadata.image_url(request, image)
    title = context.get("meta_title") or (
        (getattr(page, "seo_title", "") or getattr(page, "title", "")) if page else ""
    )
    og_type = page.open_graph_type if isinstance(page, PageKind) else "website"
    published, modified = (
        page.get_open_graph_dates() if isinstance(page, PageKind) else (None, None)
    )
    return {
        "title": title or site_name,
        "og_locale": "en_GB" if text.language() == "en" else "vi_VN",
        "description": description,
        "canonical": metadata.canonical_url(request),
        "site_name": site_name,
        "og_type": og_type,
        "image_url": image_url,
        "image": rendition,
        "image_alt": image.default_alt_text if rendition else "",
        "published": iso_local(published),
        "modified": iso_local(modified),
    }


def _breadcrumb_list(context: template.Context) -> dict[str, Any] | None:
    request = context.get("request")
    crumbs = get_breadcrumbs(context)
    if request is None or not crumbs:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": index,
                "name": crumb.title,
                "item": request.build_absolute_uri(crumb.url),
            }
            for index, crumb in enumerate(crumbs, start=1)
        ],
    }


def _website(request: HttpRequest) -> dict[str, Any]:
    home = request.build_absolute_uri("/")
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": metadata.site_name(request),
        "url": home,
        "inLanguage": "vi",
        "potentialAction": {
            "@type": "SearchAction",
            "target": request.build_absolute_uri("/search/") + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
        "publisher": metadata.organization(request),
    }


def structured_data(context: template.Context) -> list[dict[str, Any]]:
    """The JSON-LD objects of the current page: its own type, then its breadcrumb trail."""
    request = context.get("request")
    page = context.get("page")
    objects: list[dict[str, Any]] = []
    if isinstance(page, Page) and request is not None:
        own = page.get_json_ld(request) if isinstance(page, PageKind) else None
        if own:
            objects.append(own)
        site = Site.find_for_request(request)
        if site is not None and site.root_page_id == page.id:
            objects.append(_website(request))
    crumbs = _breadcrumb_list(context)
    if crumbs:
        objects.append(crumbs)
    return objects


def render_json_ld(data: dict[str, Any]) -> SafeString:
    """One ``<script type="application/ld+json">`` element, safe inside HTML."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(  # noqa: S308 - <, > and & are escaped above, so no markup can break out
        '<script type="application/ld+json">' + payload.translate(_SCRIPT_ESCAPES) + "</script>"
    )


@register.simple_tag(takes_context=True)
def json_ld(context: template.Context) -> SafeString:
    """All JSON-LD of the page, one script element per object."""
    return mark_safe(  # noqa: S308 - each part is built by render_json_ld
        "\n".join(render_json_ld(obj) for obj in structured_data(context))
    )
