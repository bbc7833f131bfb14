"""Paginating an admin listing of 100,000 rows: a known count, and far pages read from the end.

- ``count``: the caller may know it (the news index's ``numchild``) where COUNT(*) would read every
  row of the section.
- Far pages: ``OFFSET 99,950`` makes the database produce and drop 99,950 rows. A page in the
  far half is read from the other end instead (``reverse()``, a small offset) and put back in
  order. This gives the same rows only if the ordering is total (ties broken by the primary key),
  which the caller promises with ``reversible=True``.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.functional import cached_property

from wagtail.admin.paginator import WagtailPaginator


class ListingPaginator(WagtailPaginator):
    def __init__(self, object_list, per_page, *args, count: int | None = None,
                 reversible: bool = False, **kwargs) -> None:
        super().__init__(object_list, per_page, *args, **kwargs)
        self._known_count = count
        self.reversible = reversible and isinstance(object_list, QuerySet)

    @cached_property
    def count(self) -> int:
        if self._known_count is not None:
            return self._known_count
        return super().count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if not self.reversible or bottom <= self.count - top:
            return self._get_page(self.object_list[bottom:top], number, self)
        rows = list(self.object_list.reverse()[self.count - top:self.count - bottom])
        rows.reverse()
        return self._get_page(rows, number, self)
