"""Creating many new pages at once, with what Wagtail's own API leaves behind, in a few queries.

``parent.add_child(...)`` then ``save_revision().publish()`` costs ~110 queries and ~50 ms a
page (MEASURED.md). Here a batch of new pages of one model costs a fixed number of statements:
the tree paths are computed once under a lock on the parent, then pages, their child rows
(tags, orderables), revisions, audit-log entries and reference-index rows are bulk-inserted,
and the index takes the whole batch in one call. No page signals are sent; the
importer purges caches itself when the run ends.

A page model whose ``save()`` computes fields has its writer compute them (the declared
``BulkPageWriter.prepare_page`` hook); its child rows (``ParentalKey``) and many-to-many rows
(``ParentalManyToManyField``) are inserted here from what the page holds in memory.
``slow.create_page``, the public API, is the reference this path is proven equal to.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

from . import registry
from .parallel import Pool

__all__ = ["bulk_create_pages", "child_accessors", "refresh_revisions"]


def _insert(model: type[models.Model], objs: Sequence[models.Model], fields: list) -> list:
    """INSERT rows of one table (a multi-table page is one row per table), returning keys."""
    return model._base_manager.all()._batched_insert(objs, fields, batch_size=None)


def _concrete_chain(model: type[Page]) -> list[type[models.Model]]:
    """The tables of a page model from ``Page`` down to the model itself."""
    return [*reversed(model._meta.get_parent_list()), model]


def bulk_create_pages(
    parent: Page, pages: Sequence[Page], *, user=None, now: datetime, index: bool = True,
    pool: Pool | None = None,
) -> list[Page]:
    """Insert ``pages`` (unsaved, one specific model, slugs unique under ``parent``) as children.

    Each page carries its content fields, ``live``, and in-memory child relations (e.g.
    ``page.tags.set([...])``). On return every page is saved with one revision (published if
    ``live``), ``wagtail.create``/``wagtail.publish`` log entries, reference-index rows and a
    index entry — what ``add_child`` + ``save_revision().publish()`` leave behind.
    With a registered ``registry.BulkIndexer``, its terms are cut by ``pool``'s worker while
    the rows are written; without one, Wagtail's backends add the pages (``add_bulk``).
    """
    if not pages:
        return []
    model = type(pages[0])
    # The texts are complete in memory (tags, category, body): cut them meanwhile.
    indexer = registry.bulk_indexer() if index else None
    documents = (pool or Pool(enabled=False)).submit(
        indexer.cut, indexer.texts(list(pages))
    ) if indexer else None
    content_type = ContentType.objects.get_for_model(model)
    page_type = ContentType.objects.get_for_model(Page)

    # Lock the parent so that no one else appends children while we number ours.
    locked = Page.objects.select_for_update().only("path", "depth", "url_path").get(pk=parent.pk)
    last_path = (
        Page.objects.filter(path__startswith=locked.path, depth=locked.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    step = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
    depth = locked.depth + 1
    owner_id = user.pk if user else None
    relations = [r.get_accessor_name() for r in get_all_child_relations(model)]
    relations += [f.name for f in _parental_m2m(model)]
    for offset, page in enumerate(pages, start=1):
        # New pages have no stored child rows: say so, or every read of a relation (revision
        # content, reference index) asks the database.
        loaded = getattr(page, "_cluster_related_objects", {})
        for accessor in relations:
            if accessor not in loaded:
                setattr(page, accessor, [])
        page.path = Page._get_path(locked.path, depth, step + offset)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{locked.url_path}{page.slug}/"
        page.content_type_id = content_type.pk
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.owner_id = owner_id
        page.latest_revision_created_at = now
        if page.live:
            page.first_published_at = page.last_published_at = now
            page.has_unpublished_changes = False
        else:
            page.has_unpublished_changes = True
        page._cached_parent_obj = parent  # get_parent() without a query

    # One row per table: Page first (it makes the ids), then the model's own table(s).
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    for page, (pk,) in zip(pages, _insert(Page, pages, page_fields), strict=True):
        page.pk = page.id = pk
    for table in _concrete_chain(model)[1:]:
        for page in pages:
            setattr(page, table._meta.pk.attname, page.pk)
        _insert(table, pages, list(table._meta.local_concrete_fields))

    _insert_child_relations(model, pages)
    _insert_m2m(model, pages)

    revisions = [
        Revision(
            content_type_id=content_type.pk,
            base_content_type_id=page_type.pk,
            object_id=str(page.pk),
            user_id=owner_id,
            created_at=now,
            content=page.serializable_data(),
            object_str=str(page),
        )
        for page in pages
    ]
    Revision.objects.bulk_create(revisions)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.live_revision = revision if page.live else None
    # Two UPDATEs for the batch (bulk_update's CASE over 500 rows costs seconds to compile).
    ids = [page.pk for page in pages]
    newest = Revision.objects.filter(
        base_content_type_id=page_type.pk, object_id=Cast(OuterRef("pk"), CharField())
    ).order_by("-pk").values("pk")[:1]
    Page.objects.filter(pk__in=ids).update(latest_revision_id=Subquery(newest))
    Page.objects.filter(pk__in=ids, live=True).update(live_revision_id=F("latest_revision_id"))

    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        action_id = uuid.uuid4()
        actions = ["wagtail.create", "wagtail.publish"] if page.live else ["wagtail.create"]
        entries += [
            PageLogEntry(
                content_type_id=content_type.pk, label=page.get_admin_display_title(),
                action=action, data={}, timestamp=now, uuid=action_id, user_id=owner_id,
                revision=revision, content_changed=True, page_id=page.pk,
            )
            for action in actions
        ]
    PageLogEntry.objects.bulk_create(entries)

    _index_references(model, pages, content_type, page_type)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    if indexer is not None:
        indexer.add(model, list(pages), documents.result())
    elif index:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, list(pages))
    return list(pages)


def child_accessors(model: type[Page]) -> list[str]:
    """The page's child rows and many-to-many values: what its revision content holds (to
    ``prefetch_related`` before ``refresh_revisions``)."""
    names = [r.get_accessor_name() for r in get_all_child_relations(model)]
    return names + [f.name for f in _parental_m2m(model)]


def refresh_revisions(pages: Sequence[Page]) -> None:
    """Pages already written whose child rows grew afterwards (a reference resolved at the end
    of a file): their latest revision takes their content again and the reference index gains
    the new rows (those it had stay), in a few statements for the batch. ``pages`` (one
    model) hold their child relations in memory or prefetched (``child_accessors``)."""
    if not pages:
        return
    model = type(pages[0])
    revisions = Revision.objects.in_bulk([page.latest_revision_id for page in pages])
    for page in pages:
        revisions[page.latest_revision_id].content = page.serializable_data()
    Revision.objects.bulk_update(list(revisions.values()), ["content"], batch_size=100)
    _index_references(model, pages, ContentType.objects.get_for_model(model),
                      ContentType.objects.get_for_model(Page))


def _insert_child_relations(model: type[Page], pages: Sequence[Page]) -> None:
    """Bulk-insert the in-memory child rows (ParentalKey: tags, orderables) of new pages."""
    for relation in get_all_child_relations(model):
        accessor = relation.get_accessor_name()
        fk = relation.field.attname
        children = []
        for page in pages:
            for position, child in enumerate(getattr(page, accessor).all()):
                setattr(child, fk, page.pk)
                if hasattr(child, "sort_order") and child.sort_order is None:
                    child.sort_order = position
                children.append(child)
        if children:
            relation.related_model.objects.bulk_create(children)


def _parental_m2m(model: type[Page]) -> list[ParentalManyToManyField]:
    return [f for f in model._meta.get_fields() if isinstance(f, ParentalManyToManyField)]


def _insert_m2m(model: type[Page], pages: Sequence[Page]) -> None:
    """Bulk-insert the through rows of the in-memory many-to-many values of new pages."""
    for m2m in _parental_m2m(model):
        through = m2m.remote_field.through
        source = through._meta.get_field(m2m.m2m_field_name()).attname
        target = through._meta.get_field(m2m.m2m_reverse_field_name()).attname
        rows = [
            through(**{source: page.pk, target: obj.pk})
            for page in pages
            for obj in getattr(page, m2m.name).all()
        ]
        if rows:
            through.objects.bulk_create(rows)


def _index_references(model, pages, content_type, page_type) -> None:
    """Reference-index rows (what the admin's "usage" counts show) for new pages."""
    if not ReferenceIndex.is_indexed(model):
        return
    rows = [
        ReferenceIndex(
            content_type_id=content_type.pk,
            base_content_type_id=page_type.pk,
            object_id=str(page.pk),
            to_content_type_id=to_ct,
            to_object_id=to_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for page in pages
        for to_ct, to_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        )
    ]
    ignore = connection.features.supports_ignore_conflicts
    ReferenceIndex.objects.bulk_create(rows, ignore_conflicts=ignore)
