"""The page tree of DESIGN.md, created where missing: home, news, procedures, policies, units."""

from __future__ import annotations

from wagtail.models import Page

__all__ = ["section"]

# model label → (title, slug) of the section page under the home page
SECTIONS = {
    "news.NewsIndexPage": ("Tin tức", "tin-tuc"),
    "home.ProcedureIndexPage": ("Thủ tục hành chính", "thu-tuc-hanh-chinh"),
    "home.PolicyIndexPage": ("Chính sách pháp luật", "chinh-sach-phap-luat"),
    "home.UnitSitesPage": ("Đơn vị trực thuộc", "don-vi-truc-thuoc"),
}


def section(label: str, cache: dict) -> Page:
    """The section page of this model under the home page (its first one), created if missing."""
    if label in cache:
        return cache[label]
    from django.apps import apps

    from home.demo import ensure_home

    home = ensure_home()
    model = apps.get_model(label)
    page = model.objects.child_of(home).order_by("path").first()
    if page is None:
        page = model.objects.order_by("path").first()
    if page is None:
        title, slug = SECTIONS[label]
        page = home.add_child(instance=model(title=title, slug=slug))
        page.save_revision().publish()
    cache[label] = page
    return page
