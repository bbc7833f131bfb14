"""What search engines and link previews read: description, canonical URL, Open Graph, JSON-LD.

Page types are recognised by their fields (DESIGN.md's import contract names them), so a new page
type gets sensible metadata without a change here; a page model that wants to say more defines
``get_json_ld(request) -> dict`` and its object is emitted as is.
"""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from wagtail.images.models import AbstractImage
from wagtail.models import Page, Site

from cms.templatetags.navigation import get_breadcrumbs, get_site_settings
from cms.templatetags.responsive import rendition_or_none
from cms.templatetags.vi import iso_local
from cms.text import plain_text

register = template.Library()

DEFAULT_SITE_NAME = "Bộ Xây dựng"
DESCRIPTION_LENGTH = 160
# Fields, in order of preference, that hold a page's summary or its picture.
_SUMMARY_FIELDS = ("search_description", "lead", "summary", "intro", "excerpt", "description")
_IMAGE_FIELDS = ("og_image", "image", "feed_image", "main_image", "cover_image", "thumbnail")
# JSON inside <script> must not close the element nor open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}




def _site_name(request: HttpRequest | None) -> str:
    settings = get_site_settings(request)
    return str(getattr(settings, "ministry_name", "") or DEFAULT_SITE_NAME)


def page_description(page: Any) -> str:
    """The page's own description, else its lead/summary/intro, cut to ~160 characters."""
    for name in _SUMMARY_FIELDS:
        text = plain_text(getattr(page, name, None))
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


def page_image(page: Any) -> AbstractImage | None:
    """The first Wagtail image among the usual field names, for previews and JSON-LD."""
    for name in _IMAGE_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, AbstractImage):
            return value
    return None


def canonical_url(request: HttpRequest | None) -> str:
    """This URL without its query, except a valid page number: filters are not separate pages."""
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    number = request.GET.get("page", "")
    if number.isdigit() and int(number) > 1:
        url += f"?page={int(number)}"
    return url


def _image_url(request: HttpRequest | None, image: AbstractImage | None) -> tuple[str, Any]:
    if image is None or request is None:
        return "", None
    rendition = rendition_or_none(image, "fill-1200x630-c50|format-jpeg")
    if rendition is None:
        return "", None
    return request.build_absolute_uri(rendition.url), rendition


@register.inclusion_tag("includes/seo.html", takes_context=True)
def seo_meta(context: template.Context) -> dict[str, Any]:
    """Description, canonical link, Open Graph and Twitter card of the current page."""
    request = context.get("request")
    page = context.get("page")
    description = context.get("meta_description") or page_description(page)
    if not description and _kind(page) == "procedure":
        description = _procedure_summary(page)
    if not description:
        description = f"Cổng thông tin điện tử {_site_name(request)}"
    image_url, rendition = _image_url(request, page_image(page))
    title = context.get("meta_title") or (
        (getattr(page, "seo_title", "") or getattr(page, "title", "")) if page else ""
    )
    is_article = _kind(page) == "article"
    return {
        "title": title or _site_name(request),
        "description": description,
        "canonical": canonical_url(request),
        "site_name": _site_name(request),
        "og_type": "article" if is_article else "website",
        "image_url": image_url,
        "image": rendition,
        "image_alt": getattr(page_image(page), "default_alt_text", "") if rendition else "",
        "published": iso_local(getattr(page, "published_at", None)) if is_article else "",
        "modified": iso_local(getattr(page, "last_published_at", None)) if is_article else "",
    }


def _kind(page: Any) -> str:
    """What a page is, judged by its fields: ``article``, ``procedure``, ``document`` or ''."""
    if page is None:
        return ""
    name = type(page).__name__
    if name == "NewsArticlePage" or (hasattr(page, "published_at") and hasattr(page, "lead")):
        return "article"
    if name == "ProcedurePage" or (hasattr(page, "code") and hasattr(page, "level")):
        return "procedure"
    if name == "PolicyPage" or (hasattr(page, "number") and hasattr(page, "issuer")):
        return "document"
    return ""


def _organization(request: HttpRequest | None) -> dict[str, Any]:
    org: dict[str, Any] = {"@type": "GovernmentOrganization", "name": _site_name(request)}
    if request is not None:
        org["url"] = request.build_absolute_uri("/")
        org["logo"] = request.build_absolute_uri(static("img/emblem.png"))
    return org


def _article(page: Any, request: HttpRequest | None, url: str) -> dict[str, Any]:
    published = getattr(page, "published_at", None) or getattr(page, "first_published_at", None)
    modified = getattr(page, "last_published_at", None) or published
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": Truncator(page.title).chars(110),
        "description": page_description(page),
        "datePublished": iso_local(published),
        "dateModified": iso_local(modified),
        "inLanguage": "vi",
        "mainEntityOfPage": url,
        "url": url,
        "publisher": _organization(request),
    }
    author = plain_text(getattr(page, "author", ""))
    data["author"] = (
        {"@type": "Person", "name": author} if author else _organization(request)
    )
    image_url, _ = _image_url(request, page_image(page))
    if image_url:
        data["image"] = [image_url]
    category = getattr(page, "category", None)
    if category:
        data["articleSection"] = plain_text(category)
    return data


def _procedure_summary(page: Any) -> str:
    """``Thủ tục hành chính 1.009972: <tên>`` where a procedure has no description of its own."""
    return Truncator(f"Thủ tục hành chính {getattr(page, 'code', '')}: {page.title}").chars(
        DESCRIPTION_LENGTH
    )


def _procedure(page: Any, request: HttpRequest | None, url: str) -> dict[str, Any]:
    agency = plain_text(getattr(page, "agency", ""))
    agencies = getattr(page, "implementing_agencies", None)
    if not agency and agencies is not None:
        first = agencies.all().first()
        agency = plain_text(first) if first else ""
    agency = agency or _site_name(request)
    description = page_description(page) or _procedure_summary(page)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": plain_text(getattr(page, "name", "")) or page.title,
        "url": url,
        "identifier": plain_text(getattr(page, "code", "")),
        "serviceType": plain_text(getattr(page, "sector", None) or getattr(page, "field", "")),
        "description": description,
        "provider": {"@type": "GovernmentOrganization", "name": agency},
        "areaServed": {"@type": "Country", "name": "Việt Nam"},
        "inLanguage": "vi",
    }
    audience = plain_text(getattr(page, "applicants", "") or getattr(page, "applicant", ""))
    if audience:
        data["audience"] = {"@type": "Audience", "audienceType": audience}
    portal = getattr(page, "portal_url", "")
    if portal:
        data["availableChannel"] = {
            "@type": "ServiceChannel",
            "serviceUrl": str(portal),
            "name": "Dịch vụ công trực tuyến",
        }
    return {key: value for key, value in data.items() if value}


def _document(page: Any, request: HttpRequest | None, url: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": page.title,
        "url": url,
        "legislationIdentifier": plain_text(getattr(page, "number", "")),
        "legislationType": plain_text(getattr(page, "doc_type", "")),
        "legislationPassedBy": {
            "@type": "GovernmentOrganization",
            "name": plain_text(getattr(page, "issuer", "")) or _site_name(request),
        },
        "description": page_description(page),
        "inLanguage": "vi",
    }
    issued = getattr(page, "issued_on", None) or getattr(page, "issued", None)
    if issued:
        data["legislationDate"] = issued.isoformat()
    return {key: value for key, value in data.items() if value}


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
        "name": _site_name(request),
        "url": home,
        "inLanguage": "vi",
        "potentialAction": {
            "@type": "SearchAction",
            "target": request.build_absolute_uri("/search/") + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
        "publisher": _organization(request),
    }


def structured_data(context: template.Context) -> list[dict[str, Any]]:
    """The JSON-LD objects of the current page: its own type, then its breadcrumb trail."""
    request = context.get("request")
    page = context.get("page")
    objects: list[dict[str, Any]] = []
    if isinstance(page, Page) and request is not None:
        url = canonical_url(request)
        custom = getattr(page, "get_json_ld", None)
        kind = _kind(page)
        if callable(custom):
            objects.append(custom(request))
        elif kind == "article":
            objects.append(_article(page, request, url))
        elif kind == "procedure":
            objects.append(_procedure(page, request, url))
        elif kind == "document":
            objects.append(_document(page, request, url))
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
