"""Fixtures of the site tests: a small page tree under the portal's home page."""

from __future__ import annotations

import pytest

from home.models import HomePage, StandardPage


def add_page(parent, title: str, *, live: bool = True, in_menu: bool = False, **fields):
    """A StandardPage under ``parent``, published unless ``live=False``."""
    page = StandardPage(title=title, show_in_menus=in_menu, **fields)
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.live = False
        page.save_revision()
        page.save(update_fields=["live"])
    return page


@pytest.fixture
def tree(home_page: HomePage) -> dict[str, StandardPage]:
    """Home → Giới thiệu (menu) → Lịch sử; Liên hệ (menu); Nháp (draft); Ẩn (not in menu)."""
    about = add_page(home_page, "Giới thiệu", in_menu=True)
    history = add_page(about, "Lịch sử phát triển", search_description="Lịch sử Bộ Xây dựng.")
    contact = add_page(home_page, "Liên hệ", in_menu=True)
    draft = add_page(home_page, "Nháp", in_menu=True, live=False)
    hidden = add_page(home_page, "Ẩn khỏi trình đơn")
    return {"about": about, "history": history, "contact": contact, "draft": draft,
            "hidden": hidden}
