"""What the content apps plug into the import/export pipeline, filled from their ``ready()``.

The pipeline (``cms.importer``, ``cms.exporter``) knows the JSON Lines format's mechanics but
no record type and no model: each app registers

- its record types (``RecordType``: the fields of a line, its writer, its export), from the
  app's ``interchange`` module;
- the section pages its records live under (``Section``); the app owning the site root
  registers how a section page is made to exist (``register_structure``);
- an indexing app may register how new pages are indexed in bulk (``BulkIndexer``).

Worker processes (``parallel``) run ``django.setup()``, so they see the same registrations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db import models

    from wagtail.models import Page

    from .context import Context
    from .schema import Spec

__all__ = [
    "BulkIndexer", "RecordType", "Section", "bulk_indexer", "ensure_section", "record_type",
    "record_types", "register", "register_bulk_indexer", "register_section",
    "register_structure", "sections",
]


@dataclass(frozen=True)
class RecordType:
    """One ``type`` of line: its fields, how its records are written and exported.

    ``write_order``: when the batches left at the end of a file are flushed (smaller first:
    documents before the procedures that cite them); ``export_order``: its place in an export.
    """

    name: str
    spec: Spec
    writer: Callable[[Context], Any]  # → an object with ``write(records)`` (``sync.Writer``)
    export: Callable[[Any], Iterator[dict[str, Any]]]  # (exporter) → records as dicts
    write_order: int
    export_order: int


@dataclass(frozen=True)
class Section:
    """A page that lives once under the site's root page and holds one kind of pages."""

    model: type[Page]
    title: str
    slug: str


@dataclass(frozen=True)
class BulkIndexer:
    """How an index takes a batch of new pages: ``texts`` here (picklable), ``cut``
    (a module-level function) in a worker process meanwhile, then ``add``."""

    texts: Callable[[list[Page]], Any]
    cut: Callable[[Any], Any]
    add: Callable[[type[Page], list[Page], Any], None]


_types: dict[str, RecordType] = {}
_sections: dict[type[models.Model], Section] = {}
_structure: list[Callable[[Section], Page]] = []
_indexers: list[BulkIndexer] = []


def register(record_type: RecordType) -> None:
    _types[record_type.name] = record_type


def record_type(name: str) -> RecordType | None:
    return _types.get(name)


def record_types(order: str = "write_order") -> list[RecordType]:
    """Every registered type, in write (default) or export order."""
    return sorted(_types.values(), key=lambda t: (getattr(t, order), t.name))


def register_section(section: Section) -> None:
    _sections[section.model] = section


def sections() -> list[Section]:
    return list(_sections.values())


def register_structure(ensure: Callable[[Section], Page]) -> None:
    """The one callable that makes a section page exist under the site's root page."""
    _structure[:] = [ensure]


def ensure_section(model: type[Page]) -> Page:
    """The section page of ``model`` (created if missing, by the registered structure)."""
    if not _structure:
        raise LookupError("no app registered the site structure (register_structure)")
    return _structure[0](_sections[model])


def register_bulk_indexer(indexer: BulkIndexer) -> None:
    _indexers[:] = [indexer]


def bulk_indexer() -> BulkIndexer | None:
    return _indexers[0] if _indexers else None
