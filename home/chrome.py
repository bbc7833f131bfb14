"""The page chrome: the sidebar and footer data every page shows, built once and cached.

Banners (from ``SiteSettings.sidebar_banners``), the unit/enterprise jump menu and the contact
block are turned into plain dicts and kept in Django's cache, so a page's sidebar and footer cost
no query when warm. The cache is versioned: a change that can alter them (the settings, a unit
site, a page or image a banner points at, a moved page) bumps the version.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

from wagtail.models import Site

from cms.templatetags.responsive import prefetch_renditions
from home.blocks import banner_dict
from home.models.settings import SiteSettings
from home.models.units import unit_groups

VERSION_KEY = "home:chrome:version"
REFS_KEY = "home:chrome:refs"
TIMEOUT = 60 * 60 * 6


def version() -> int:
    value = cache.get(VERSION_KEY)
    if value is None:
        value = 1
        cache.add(VERSION_KEY, value, None)
    return value


def invalidate() -> None:
    """Make every cached sidebar/footer stale (cheap: one cache write)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _remember_refs(page_ids: set[int], image_ids: set[int]) -> None:
    refs = cache.get(REFS_KEY) or {"pages": set(), "images": set()}
    refs["pages"] |= page_ids
    refs["images"] |= image_ids
    cache.set(REFS_KEY, refs, None)


def is_referenced(kind: str, pk: int) -> bool:
    refs = cache.get(REFS_KEY)
    return bool(refs) and pk in refs.get(kind, set())


def banner_items(stream: Any, site: Site | None) -> tuple[list[dict], set[int], set[int]]:
    """Plain dicts for the banners of a stream, with the ids of the pages and images used.

    The stream loads its images in one query; their renditions come in one more.
    """
    items, page_ids, image_ids = [], set(), set()
    banners = [block for block in stream if block.block_type == "banner"]
    prefetch_renditions(block.value.get("image") for block in banners)
    for block in banners:
        if block.value.get("page") is not None:
            page_ids.add(block.value["page"].pk)
        if block.value.get("image") is not None:
            image_ids.add(block.value["image"].pk)
        item = banner_dict(block.value, site)
        if item is not None:
            items.append(item)
    return items, page_ids, image_ids


def _contact(settings: SiteSettings) -> dict:
    return {
        "ministry_name": settings.ministry_name,
        "ministry_name_en": settings.ministry_name_en,
        "address": settings.address,
        "phone": settings.phone,
        "email": settings.email,
        "national_portal_url": settings.national_portal_url,
        "footer_text": settings.footer_text,
        "footer_text_en": settings.footer_text_en,
    }


def chrome(site: Site | None) -> dict:
    """Sidebar banners (each language's list), unit groups and contact of a site; cached (0
    queries when warm)."""
    site_id = site.pk if site else 0
    key = f"home:chrome:{site_id}:{version()}"
    data = cache.get(key)
    if data is not None:
        return data
    settings = SiteSettings.objects.filter(site=site).first() if site else None
    if settings is None:
        settings = SiteSettings(site=site) if site else SiteSettings()
    banners, page_ids, image_ids = banner_items(settings.sidebar_banners, site)
    banners_en, page_ids_en, image_ids_en = banner_items(settings.sidebar_banners_en, site)
    data = {
        "banners": banners,
        "banners_en": banners_en,
        "unit_groups": [
            {
                "kind": group["kind"],
                "label": group["label"],
                "sites": [
                    {"name": s.name, "name_en": s.name_en, "url": s.url} for s in group["sites"]
                ],
            }
            for group in unit_groups()
        ],
        "contact": _contact(settings),
    }
    _remember_refs(page_ids | page_ids_en, image_ids | image_ids_en)
    cache.set(key, data, TIMEOUT)
    return data


def page_banners(page: Any, site: Site | None, preview: bool = False) -> list[dict]:
    """A page's own banner stream (the home page's), cached per published revision."""
    if preview or not getattr(page, "live_revision_id", None):
        return banner_items(page.banners, site)[0]
    key = f"home:banners:{page.pk}:{page.live_revision_id}:{version()}"
    items = cache.get(key)
    if items is None:
        items, page_ids, image_ids = banner_items(page.banners, site)
        _remember_refs(page_ids, image_ids)
        cache.set(key, items, TIMEOUT)
    return items
