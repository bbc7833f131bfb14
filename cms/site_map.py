"""``/so-do-trang/``: the site map for readers — the site's sections and the index pages under
them, never the content items (articles, procedures, documents…), so the page stays the same
size at 100 or 100,000 articles.

Which pages it shows is decided from the page models alone (``shows``): a child of the site's
root (a section), and a grandchild that may hold pages of its own (an index, a folder, a page
with sub-pages). A page model with no allowed sub-page type is a content item. The page cache
purges ``PATH`` when such a page is published, unpublished or deleted (``cms.cache.purge``), and
with everything else on a move, a rename or a menu change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest

from wagtail.models import Page, Site, get_page_models

from cms.visibility import visible

PATH = "/so-do-trang/"
# A bound on what one view reads, whatever editors build (sections have a handful each).
MAX_PAGES = 500


@dataclass
class Entry:
    """A section of the site map and the index pages under it."""

    title: str
    url: str
    children: list[Entry] = field(default_factory=list)


def _item_models() -> list[type[Page]]:
    """Page models that hold no pages (content items): left out below the sections."""
    return [model for model in get_page_models() if not model.allowed_subpage_models()]


def shows(page: Page) -> bool:
    """Whether ``page`` appears on the site map (by depth and page model, no query): a section
    (depth 3, under a root at depth 2) or an index under one."""
    if page.depth == 3:
        return True
    model = page.specific_class  # None for a page whose model was removed from the code
    return page.depth == 4 and model is not None and bool(model.allowed_subpage_models())


def sections(request: HttpRequest) -> list[Entry]:
    """The site's sections in tree order, each with the index pages under it (one query)."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page
    items = ContentType.objects.get_for_models(*_item_models()).values()
    pages = (
        visible(Page.objects.descendant_of(root))
        .filter(depth__in=(root.depth + 1, root.depth + 2))
        .exclude(depth=root.depth + 2, content_type__in=[ct.pk for ct in items])
        .select_related("locale")
        .only("id", "path", "depth", "title", "url_path", "locale__language_code")
        .order_by("path")[:MAX_PAGES]
    )
    entries: list[Entry] = []
    for page in pages:
        url = page.get_url(request)
        if not url:
            continue
        if page.depth == root.depth + 1:
            entries.append(Entry(page.title, url))
        elif entries:
            entries[-1].children.append(Entry(page.title, url))
    return entries
