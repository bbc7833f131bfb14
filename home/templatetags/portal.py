"""Template tags of the portal: sidebar, footer contact, statistics panel and pagination.

The sidebar and footer read ``home.chrome.chrome``: cached plain data, so every page
pays nothing for them once the cache is warm.
"""

from __future__ import annotations

import re

from django import template

from wagtail.models import Site

from cms import text
from home.chrome import chrome
from home.models.procedures import LevelStatistics
from home.models.units import KIND_LABELS_EN

register = template.Library()


def _chrome(context: template.Context) -> dict:
    # Both Wagtail (the site, kept on the request) and chrome() (Django's cache) remember it.
    return chrome(Site.find_for_request(context.get("request")))


@register.inclusion_tag("home/includes/sidebar_content.html", takes_context=True)
def portal_sidebar(context: template.Context) -> dict:
    """The sidebar of every page: banners and the unit/enterprise menus."""
    data = _chrome(context)
    groups = data["unit_groups"]
    if text.language() == "en":  # copies: the cached data serves both languages
        groups = [
            {**group, "label": KIND_LABELS_EN[group["kind"]], "sites": [
                {**site, "name": site.get("name_en") or site["name"]} for site in group["sites"]
            ]}
            for group in groups
        ]
    banners = data["banners_en"] if text.language() == "en" else data["banners"]
    return {"banners": banners, "unit_groups": groups}


@register.inclusion_tag("home/includes/footer_contact_content.html", takes_context=True)
def footer_contact(context: template.Context) -> dict:
    """The ministry's contact block in the footer (from SiteSettings, cached)."""
    contact = _chrome(context)["contact"]
    if text.language() == "en":  # the English name where given; the English footer or none
        contact = {
            **contact,
            "ministry_name": contact["ministry_name_en"] or contact["ministry_name"],
            "footer_text": contact["footer_text_en"],
        }
    return {"contact": contact, "request": context.get("request")}


@register.inclusion_tag("home/includes/statistics.html")
def statistics_panel(
    statistics: LevelStatistics, catalogue_url: str = "", heading: str = "h2"
) -> dict:
    """Counts and shares of live procedures by online-service level."""
    return {"statistics": statistics, "catalogue_url": catalogue_url, "heading": heading}


@register.inclusion_tag("home/includes/pagination.html")
def pagination(page_obj, querystring: str = "") -> dict:
    """Previous/next and numbered links that keep the filters in the URL."""
    prefix = f"?{querystring}&" if querystring else "?"
    return {"page_obj": page_obj, "prefix": prefix}


@register.filter
def tel_href(phone: str) -> str:
    """``024 3821 5137`` → ``tel:02438215137``."""
    digits = re.sub(r"[^0-9+]", "", phone or "")
    return f"tel:{digits}" if digits else ""
