"""Wiring: page events purge (``cms.cache.purge``); pages opt in to the cache when served."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import Http404

from wagtail import hooks
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms import visibility

from . import purge


def now_and_on_commit(action) -> None:
    """Purge at once, and again when the transaction commits: a reader who fetched the page
    between the two (and stored the old version) does not keep it."""
    action()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(action)


def _menu_page(page: Page) -> bool:
    return bool(getattr(page, "show_in_menus", False)) and page.depth <= 3


def on_publish_change(sender, instance: Page, **kwargs) -> None:
    """Publish/unpublish (and an edit published): the page and what shows it, after commit."""
    page = instance

    def run() -> None:
        if _menu_page(page):
            purge.purge_all()
        else:
            purge.purge_page(page)

    now_and_on_commit(run)


def on_menu_untick(sender, instance, update_fields=None, **kwargs) -> None:
    """A menu page saved with "show in menus" un-ticked leaves every page's menu: its publish
    signal sees the page already out of the menu, so the change is caught here, before the
    write (one query, only for a shallow page saved out of the menu)."""
    if (
        not isinstance(instance, Page)
        or instance.pk is None
        or instance.show_in_menus
        or (instance.depth or 0) > 3
        or (update_fields is not None and "show_in_menus" not in update_fields)
    ):
        return
    if Page.objects.filter(pk=instance.pk, show_in_menus=True).exists():
        now_and_on_commit(purge.purge_all)


def on_page_delete(sender, instance: Page, **kwargs) -> None:
    if isinstance(instance, Page):
        now_and_on_commit(purge.purge_all)


def on_page_save(sender, instance, **kwargs) -> None:
    """Any page saved (published, unpublished, created, edited): the sitemaps' kept section
    summaries (``cms.sitemaps``) are read afresh; the pages themselves purge on publish."""
    if isinstance(instance, Page):
        now_and_on_commit(purge.forget_sitemaps)


def on_structure_change(sender, **kwargs) -> None:
    visibility.forget_restrictions()
    now_and_on_commit(purge.purge_all)


def mark_cacheable(page, request, serve_args, serve_kwargs) -> None:
    """``before_serve_page``: an expired page is gone; a page opts in to the page cache."""
    if visibility.is_expired(page):
        raise Http404("Trang không tồn tại.")
    preview = getattr(request, "is_preview", False)
    if getattr(page, "page_cache", False) is not False and not preview:
        request._page_cache_params = tuple(getattr(page, "cache_params", ()))


def connect() -> None:
    page_published.connect(on_publish_change, dispatch_uid="cms-cache-published")
    page_unpublished.connect(on_publish_change, dispatch_uid="cms-cache-unpublished")
    post_delete.connect(on_page_delete, dispatch_uid="cms-cache-page-delete")
    post_save.connect(on_page_save, dispatch_uid="cms-cache-page-save-sitemaps")
    pre_save.connect(on_menu_untick, dispatch_uid="cms-cache-menu-untick")
    post_page_move.connect(on_structure_change, dispatch_uid="cms-cache-move")
    page_slug_changed.connect(on_structure_change, dispatch_uid="cms-cache-slug")
    for signal, uid in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(
            on_structure_change, sender=PageViewRestriction, dispatch_uid=f"cms-cache-pvr-{uid}"
        )
    hooks.register("before_serve_page", mark_cacheable)
