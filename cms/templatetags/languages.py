"""The page in the other language: the switcher's link and the ``hreflang`` alternates.

Pages of the two languages are Wagtail translations of each other (same ``translation_key``,
one tree per locale, cms.urls serving English under /en/). One query finds the live
translations of the current page; the homes of each language come from Wagtail's cached site
root paths (no query when warm).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, Site

from cms import text

register = template.Library()

# Each language's name in itself, as a switcher shows it.
NATIVE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


@dataclass(frozen=True)
class Alternate:
    language: str
    url: str  # absolute
    name: str


def _languages() -> list[str]:
    return [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]


def home_url(language: str) -> str:
    """The home page of a language: ``/`` or ``/en/`` (i18n_patterns, Vietnamese unprefixed)."""
    with translation.override(language):
        return reverse("wagtail_serve", args=[""])


def rooted_languages() -> set[str]:
    """The languages that have a home page (Wagtail's cached site root paths)."""
    return {root.language_code for root in Site.get_site_root_paths()}


def translations(page: Page | None, request: HttpRequest) -> dict[str, str]:
    """Language → absolute URL of the live versions of this page, itself included: one query
    (memoised on the page, which the switcher and the ``hreflang`` links both read)."""
    if not isinstance(page, Page) or not page.pk:
        return {}
    memo = getattr(page, "_language_urls", None)
    if memo is None:
        memo = {}
        versions = (
            Page.objects.filter(translation_key=page.translation_key)
            .live()
            .select_related("locale")
            .only("id", "path", "depth", "url_path", "locale__language_code", "translation_key")
        )
        for version in versions:
            url = version.get_url(request)
            if url:
                memo[version.locale.language_code] = request.build_absolute_uri(url)
        page._language_urls = memo
    return memo


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context: template.Context) -> dict[str, Any]:
    """A link to this page in the other language, else to that language's home page."""
    request = context.get("request")
    current = text.language()
    links = []
    if request is not None:
        found = translations(context.get("page"), request)
        homes = rooted_languages()
        for language in _languages():
            if language == current or language not in homes:
                continue
            links.append(
                Alternate(language, found.get(language) or home_url(language),
                          NATIVE_NAMES.get(language, language))
            )
    return {"links": links, "current": current}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context: template.Context) -> dict[str, Any]:
    """``<link rel="alternate" hreflang>`` for a page that exists in more than one language;
    ``x-default`` is the Vietnamese version (the ministry's first language)."""
    request = context.get("request")
    if request is None:
        return {"links": []}
    found = translations(context.get("page"), request)
    if len(found) < 2:
        return {"links": []}
    links = [Alternate(language, url, "") for language, url in found.items()]
    default = found.get(settings.LANGUAGE_CODE) or links[0].url
    return {"links": sorted(links, key=lambda link: link.language), "default": default}
