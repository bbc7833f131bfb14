"""Page permissions in listings: Wagtail's rules, without a query per row for leaf pages.

Wagtail's ``PagePermissionTester.can_delete`` (also behind ``can_move``) asks the database whether
any page of the subtree is live, or not the user's own, for every user who lacks "publish" or
"bulk delete": the explorer's row menus call it twice per row, so 50 news articles cost 100
queries for a news editor. A leaf page's subtree is the page itself: its own ``live`` and
``owner_id`` answer the same question. Pages with children keep Wagtail's queries.
"""

from __future__ import annotations

from wagtail.models import PagePermissionTester


class LeafAwarePagePermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk: bool = False) -> bool:
        page, user = self.page, self.user
        if page.numchild or self.page_is_root or not user.is_active or user.is_superuser:
            return super().can_delete(ignore_bulk)
        # The same decisions as Wagtail's, with "the subtree" being this one page.
        if "change" in self.permissions:
            return "publish" in self.permissions or not page.live
        if "add" in self.permissions:
            if page.owner_id is None or page.owner_id != user.pk:
                return False
            return "publish" in self.permissions or not page.live
        return False


class ArchiveIndexPermissionTester(LeafAwarePagePermissionTester):
    """An index page that holds an archive (the news index: 100,000 articles) can be neither
    deleted, moved nor copied while it has children, whoever asks: each would work through every
    article in one request (Wagtail logs each deleted page, wagtail.contrib.redirects makes a
    redirect for each moved one, a copy saves each again) and time out. Empty, it is a page like
    any other. (``can_move`` is Wagtail's ``can_delete(ignore_bulk=True)``.)"""

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return not self.page.numchild and super().can_delete(ignore_bulk)

    def can_copy(self) -> bool:
        return not self.page.numchild and super().can_copy()
