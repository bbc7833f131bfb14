"""Saving one page through Wagtail's public API: the reference the bulk path must equal.

Used for page types with their own ``save()`` logic (procedures, legal documents), for
updates of existing pages (a changed record keeps its page and URL, gains a revision), and
in tests as the yardstick for ``bulk.bulk_create_pages``.
"""

from __future__ import annotations

from wagtail.models import Page

__all__ = ["create_page", "update_page"]


def create_page(parent: Page, page: Page, *, user=None) -> Page:
    """``add_child`` + a revision (+ publish when ``page.live``), logged as the admin does."""
    page.owner = user
    live = page.live
    page.live = False  # published below, through the revision, as the admin does
    page.has_unpublished_changes = True
    parent.add_child(instance=page)  # Page.save logs "wagtail.create"
    revision = page.save_revision(user=user, clean=False)
    if live:
        revision.publish(user=user)
    return page


def update_page(page: Page, *, user=None, publish: bool) -> Page:
    """A new revision of an edited page, published unless the record is a draft.

    Import is a sync: a draft record for a page that is live withdraws it (``unpublish``, as
    the admin's "Unpublish" does, logged ``wagtail.unpublish``), the new content kept as its
    draft.
    """
    revision = page.save_revision(user=user, log_action=True, clean=False)
    if publish:
        revision.publish(user=user)
    elif page.live:
        page.unpublish(user=user, log_action=True)
    return page
