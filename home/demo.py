"""Demo content of the home app: the home page as site root, then portal content."""

from __future__ import annotations

from typing import TextIO

from django.db import transaction

from wagtail.models import Page, Site

from home.models import HomePage

HOME_TITLE = "Bộ Xây dựng"


@transaction.atomic
def ensure_home() -> HomePage:
    """Make a HomePage the default site's root, replacing Wagtail's placeholder page."""
    existing = HomePage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="trang-chu"))
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    placeholder = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = HOME_TITLE
        site.save()
    else:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True,
            site_name=HOME_TITLE,
        )
    is_placeholder = placeholder and placeholder.specific_class is Page
    if is_placeholder and not placeholder.get_children().exists():
        placeholder.delete()
    return home


def load(home: HomePage, stdout: TextIO) -> None:
    """Portal content (procedures, documents, banners, unit sites): filled in by issue 3."""
