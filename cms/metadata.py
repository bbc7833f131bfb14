"""The pieces of a page's metadata that page models and the ``seo`` tags share: its description
cut to what search engines show, the publisher, absolute URLs of the canonical page and picture."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.text import Truncator

from wagtail.images.models import AbstractImage

from cms.templatetags.navigation import site_name as _site_name
from cms.templatetags.responsive import rendition_or_none
from cms.text import plain_text

DESCRIPTION_LENGTH = 160


def describe(*candidates: Any) -> str:
    """The first candidate with words in it, as plain text cut to ~160 characters."""
    for candidate in candidates:
        words = plain_text(candidate)
        if words:
            return Truncator(words).chars(DESCRIPTION_LENGTH)
    return ""


def site_name(request: HttpRequest | None) -> str:
    """The ministry's name: the site settings' one, else ``WAGTAIL_SITE_NAME``."""
    return str(_site_name(request))


def organization(request: HttpRequest | None) -> dict[str, Any]:
    """The ministry as schema.org's publisher of its pages."""
    org: dict[str, Any] = {"@type": "GovernmentOrganization", "name": site_name(request)}
    if request is not None:
        org["url"] = request.build_absolute_uri("/")
        org["logo"] = request.build_absolute_uri(static("img/emblem.png"))
    return org


def canonical_url(request: HttpRequest | None) -> str:
    """This URL without its query, except a valid page number: filters are not separate pages."""
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    number = request.GET.get("page", "")
    if number.isdigit() and int(number) > 1:
        url += f"?page={int(number)}"
    return url


def image_url(request: HttpRequest | None, image: AbstractImage | None) -> tuple[str, Any]:
    """The absolute URL of the 1200×630 preview of an image, and its rendition."""
    if image is None or request is None:
        return "", None
    # A file that cannot be rendered leaves the preview out (logged), never the page down.
    rendition = rendition_or_none(image, "fill-1200x630-c50|format-jpeg")
    if rendition is None:
        return "", None
    return request.build_absolute_uri(rendition.url), rendition


def without_empty(data: dict[str, Any]) -> dict[str, Any]:
    """A JSON-LD object without its empty properties."""
    return {key: value for key, value in data.items() if value}
