"""Writers of record types that become pages under a section page.

``PageWriter`` saves each page through Wagtail's public API (``slow``): for page models whose
``save()`` computes things, with full model validation. ``BulkPageWriter`` inserts a batch of
new pages at once (``bulk``) and keeps the public API for updates: for models whose ``save()``
adds nothing but Wagtail's housekeeping, and that come by the hundred thousand.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from wagtail.models import Page

from cms import text
from cms.models import ImportedRecord

from . import bulk, slow
from .context import RecordError
from .schema import DRAFT, Record
from .sync import Writer, free_slugs

__all__ = ["BulkPageWriter", "PageWriter"]

# Tree fields Wagtail sets when the page is added under its parent.
_TREE_FIELDS = ["path", "depth", "content_type", "locale", "page_ptr", "slug"]


class PageWriter(Writer):
    """Records matched to pages by ``key_field``; each page created or revised on its own."""

    model: type[Page]
    section: type[Page]  # the model of the section page the pages live under
    key_field = ""

    @property
    def parent(self) -> Page:
        return self.ctx.section(self.section)

    def apply(self, page: Page, record: Record) -> None:
        """Set the page's content from the record (not its slug: URLs stay stable)."""
        raise NotImplementedError

    def live(self, record: Record) -> bool:
        return record.data.get("status") != DRAFT

    def reserved(self, slug: str) -> bool:
        """Slugs the model's own URLs use (a child page may not take them)."""
        return False

    def find(self, records: list[Record], mappings: dict[str, ImportedRecord]) -> dict[str, Any]:
        keys = [r.key for r in records]
        pages = self.model.objects.filter(**{f"{self.key_field}__in": keys})
        return {getattr(page, self.key_field): page for page in pages}

    def update(self, page: Page, record: Record) -> None:
        self.apply(page, record)
        try:
            page.full_clean()
        except ValidationError as error:
            raise RecordError(record, error) from None
        slow.update_page(page, user=self.ctx.user, publish=self.live(record))

    def create(self, records: list[Record]) -> list[Page]:
        parent, pages = self.parent, []
        for record in records:
            base = text.slugify(record.key, max_length=200) or self.kind
            (slug,) = free_slugs(parent, [base], self.reserved)
            page = self.model(slug=slug, live=self.live(record))
            self.apply(page, record)
            try:
                page.full_clean(exclude=_TREE_FIELDS)
            except ValidationError as error:
                raise RecordError(record, error) from None
            pages.append(slow.create_page(parent, page, user=self.ctx.user))
        return pages


class BulkPageWriter(PageWriter):
    """New pages of a batch in one bulk insert (slug from the record's ``slug``); pages found
    by the importer's own mapping, or (records keyed by slug) by slug under the section."""

    def find(self, records: list[Record], mappings: dict[str, ImportedRecord]) -> dict[str, Any]:
        # Pages made earlier by this importer, or (slug keys) by an editor or load_demo.
        by_id = self.model.objects.in_bulk([int(m.object_id) for m in mappings.values()])
        found = {key: by_id[int(m.object_id)] for key, m in mappings.items()
                 if int(m.object_id) in by_id}
        slug_keys = [r.key for r in records if r.key not in mappings and "legacy_id" not in r.data]
        if slug_keys:
            for page in self.model.objects.child_of(self.parent).filter(slug__in=slug_keys):
                found[page.slug] = page
        return found

    def prepare(self, records: list[Record]) -> None:
        """Fetch what the whole batch refers to (e.g. its tags) before pages are made."""

    def write(self, records: list[Record]) -> None:
        self.prepare(records)
        super().write(records)

    def create(self, records: list[Record]) -> list[Page]:
        parent = self.parent
        slugs = free_slugs(parent, [r.data["slug"] for r in records], self.reserved)
        # Tree fields are set by the bulk path; foreign keys point at rows just fetched.
        unchecked = ["path", "depth", "slug"] + [
            f.name for f in self.model._meta.fields if f.is_relation
        ]
        pages = []
        for record, slug in zip(records, slugs, strict=True):
            page = self.model(slug=slug, live=self.live(record))
            self.apply(page, record)
            try:
                page.clean_fields(exclude=unchecked)
            except ValidationError as error:
                raise RecordError(record, error) from None
            pages.append(page)
        bulk.bulk_create_pages(
            parent, pages, user=self.ctx.user, now=self.ctx.now, pool=self.ctx.pool
        )
        return pages
