"""The one sync loop every record type goes through, and the one free-slug routine.

For a batch of records of one type: look up what earlier imports (``ImportedRecord``) and the
site already hold under each natural key, skip a record whose digest is unchanged, update the
objects that exist, create the rest (together, so that a writer can insert them in bulk),
count each outcome and remember key → object + digest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q

from wagtail.models import Page

from cms.models import ImportedRecord

from .context import Context
from .schema import Record

__all__ = ["Writer", "free_slugs"]


class Writer:
    """Writes batches of one record type; subclasses say how to find, update and create."""

    kind = ""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def find(self, records: list[Record], mappings: dict[str, ImportedRecord]) -> dict[str, Any]:
        """Natural key → the existing object of each record that has one."""
        raise NotImplementedError

    def update(self, obj: Any, record: Record) -> None:
        """Write the record's changed content to its existing object."""
        raise NotImplementedError

    def create(self, records: list[Record]) -> list[Any]:
        """New objects for records that had none, in the records' order."""
        raise NotImplementedError

    def finish(self, written: list[tuple[Record, Any]]) -> None:
        """After a batch that wrote something (e.g. save a settings row once)."""

    def end_of_file(self) -> None:
        """After every record of the file is written, in the same transaction: link what
        pointed forward (a record naming one later in the file); raise ``RecordError``
        for a reference that is still unknown."""

    def claim(self, changed: list[tuple[Record, Any]]) -> list[tuple[Record, Any]]:
        """The objects about to be updated, made safe to overwrite (page writers lock them and
        refuse pages edited since the file was read: ``PageWriter.claim``)."""
        return changed

    def write(self, records: list[Record]) -> None:
        ctx = self.ctx
        mappings = ctx.mappings(self.kind, [r.key for r in records])
        existing = self.find(records, mappings)
        written: list[tuple[Record, Any]] = []
        changed: list[tuple[Record, Any]] = []
        new: list[Record] = []
        for record in records:
            obj = existing.get(record.key)
            mapping = mappings.get(record.key)
            if obj is None:
                new.append(record)
            elif mapping and mapping.digest == record.digest:
                ctx.counts["unchanged"] += 1
            else:
                changed.append((record, obj))
        for record, obj in self.claim(changed):
            self.update(obj, record)
            ctx.counts["updated"] += 1
            written.append((record, obj))
        if new:
            written += zip(new, self.create(new), strict=True)
            ctx.counts["created"] += len(new)
        if written:
            self.finish(written)
        ctx.written.update((self.kind, obj.pk) for _, obj in written)
        ctx.remember(written, mappings)


def free_slugs(
    parent: Page, wanted: Iterable[str], reserved: Callable[[str], bool] = lambda slug: False,
) -> list[str]:
    """Each wanted slug, or ``slug-2``, ``slug-3``… where a child of ``parent``, an earlier
    wanted slug or ``reserved`` (the model's own URLs) has it.

    Two queries for the whole batch, whatever is taken: the wanted slugs, then every sibling
    slug that begins with a taken one (``slug-…``), so numbering needs no query per record.
    """
    wanted = list(wanted)
    siblings = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    taken = set(siblings.filter(slug__in=set(wanted)).values_list("slug", flat=True))
    clashing = sorted({base for base in wanted if base in taken or reserved(base)})
    for start in range(0, len(clashing), 200):
        prefixes = Q()
        for base in clashing[start : start + 200]:
            prefixes |= Q(slug__startswith=f"{base}-")
        taken.update(siblings.filter(prefixes).values_list("slug", flat=True))
    result = []
    for base in wanted:
        slug, n = base, 1
        while slug in taken or reserved(slug):
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        result.append(slug)
    return result
