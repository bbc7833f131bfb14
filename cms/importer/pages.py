"""Writers of record types that become pages under a section page.

``PageWriter`` saves each page through Wagtail's public API (``slow``): for page models whose
``save()`` computes things, with full model validation. ``BulkPageWriter`` inserts a batch of
new pages at once (``bulk``) and keeps the public API for updates: for models whose ``save()``
adds nothing but Wagtail's housekeeping, and that come by the hundred thousand.

Both place a record in another locale in that language's tree, a translation beside its
original's translation of the parent, sharing the original's ``translation_key``
(``translations``).

An import racing an editor on the same page (``PageWriter.claim``): the pages a batch updates
are locked (``SELECT … FOR NO KEY UPDATE``, held until the file's transaction ends) and read afresh,
and a page with a revision saved by someone else since the import began reading its file makes
the whole file refused: ``line N: article: trang đã được sửa bởi <ai> lúc <khi> sau khi tệp
được đọc; chạy lại để ghi đè``. Refusing rather than writing over it: the file was made from
what the old system held before the editor's change, so writing it would undo that change
with nothing to say so, and the editor's work would survive only as an old revision. Re-running
is the operator's explicit "overwrite", and takes one command. The other order, the import
first: an editor saving that page waits for the file to commit (``cms.editing_conflicts``
bounds the wait and says why), and the editor's save is then the later revision, warned that
the import wrote in between. Either way both writes are revisions and nothing is lost silently.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail.models import Page, Revision

from cms import text
from cms.editing_conflicts import author_name
from cms.models import ImportedRecord

from . import bulk, slow
from .context import RecordError
from .schema import DRAFT, Record, default_locale
from .sync import Writer, free_slugs
from .translations import check_free, find_original, translation_in

__all__ = ["BulkPageWriter", "PageWriter"]

# Tree fields Wagtail sets when the page is added under its parent.
_TREE_FIELDS = ["path", "depth", "content_type", "locale", "page_ptr", "slug"]


class PageWriter(Writer):
    """Records matched to pages by ``key_field``; each page created or revised on its own."""

    model: type[Page]
    section: type[Page]  # the model of the section page the pages live under
    key_field = ""

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._originals: dict[str, Page] = {}
        self._parents: dict[tuple[int, str], Page] = {}
        self._joined: dict[tuple[Any, str], int] = {}  # (translation_key, locale) → line

    @property
    def parent(self) -> Page:
        return self.ctx.section(self.section)

    def parent_for(self, record: Record) -> Page:
        """Where a new page of ``record`` goes: the section, or in another language the
        translation of its original's parent (of the section, for a page with no original)."""
        if record.locale == default_locale():
            return self.parent
        original = self.original(record)
        base = original.get_parent().specific if original is not None else self.parent
        cached = (base.pk, record.locale)
        if cached not in self._parents:
            self._parents[cached] = translation_in(base, record.locale)
        return self._parents[cached]

    def original(self, record: Record) -> Page | None:
        """The page ``record`` translates (``translation_of``), or None."""
        wanted = record.data.get("translation_of")
        if wanted is None:
            return None
        if wanted not in self._originals:
            self._originals[wanted] = find_original(record, self.kind, self.model, self.by_key)
        return self._originals[wanted]

    def by_key(self, key: str) -> Page | None:
        """A page in the default language an editor made with this natural key."""
        if not self.key_field:
            return self.model.objects.child_of(self.parent).filter(slug=key).first()
        return self.model.objects.filter(
            **{self.key_field: key}, locale__language_code=default_locale()
        ).first()

    def join(self, page: Page, record: Record) -> None:
        """Make a new page the translation of its original (one ``translation_key``)."""
        original = self.original(record)
        if original is not None:
            check_free(record, original)
            first = self._joined.setdefault((original.translation_key, record.locale), record.line)
            if first != record.line:
                raise RecordError(record, ValidationError({"translation_of": (
                    f"dòng {first} đã là bản dịch {record.locale!r} của "
                    f"{record.data['translation_of']!r}"
                )}))
            page.translation_key = original.translation_key

    def apply(self, page: Page, record: Record) -> None:
        """Set the page's content from the record (not its slug: URLs stay stable)."""
        raise NotImplementedError

    def live(self, record: Record) -> bool:
        return record.data.get("status") != DRAFT

    def reserved(self, slug: str) -> bool:
        """Slugs the model's own URLs use (a child page may not take them)."""
        return False

    def find(self, records: list[Record], mappings: dict[str, ImportedRecord]) -> dict[str, Any]:
        keys = {r.natural_key for r in records}
        pages = self.model.objects.filter(**{f"{self.key_field}__in": keys}).select_related(
            "locale"
        )
        default = default_locale()
        found = {}
        for page in pages:
            code, key = page.locale.language_code, getattr(page, self.key_field)
            found[key if code == default else f"{code}:{key}"] = page
        return found

    def claim(self, changed: list[tuple[Record, Any]]) -> list[tuple[Record, Any]]:
        """Lock the pages about to be revised (in id order: two imports never deadlock), read
        them afresh (a page moved meanwhile keeps its new place), and refuse the file if
        someone else saved a revision of one since the import began reading it."""
        if not changed:
            return changed
        ids = sorted(page.pk for _, page in changed)
        # Page rows first, as every save does (Django writes a parent table before its child's):
        # locking the join at once could take the child row and wait on the page row, while
        # an editor's save holding that page row waits on the child row: a deadlock.
        # NO KEY: the lock an UPDATE takes, so that editors may still open the page's form (it
        # inserts rows pointing at the page; a plain FOR UPDATE would make them wait too).
        list(Page.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")
             .values_list("pk", flat=True))
        locked = self.model.objects.select_for_update(no_key=True).filter(pk__in=ids)
        locked = locked.order_by("pk")
        fresh = {page.pk: page for page in locked}
        ours = {pk for kind, pk in self.ctx.written if kind == self.kind}
        newer: dict[str, Revision] = {}
        revisions = (
            Revision.objects.page_revisions()
            .filter(object_id__in=[str(pk) for pk in ids if pk not in ours],
                    created_at__gt=self.ctx.now)
            .select_related("user").order_by("created_at", "pk")
        )
        for revision in revisions:
            newer[revision.object_id] = revision  # the last one per page
        problems = []
        for record, page in changed:
            revision = newer.get(str(page.pk))
            if page.pk not in fresh:
                problems.append((record, "trang đã bị xóa sau khi tệp được đọc; chạy lại để "
                                         "tạo lại"))
            elif revision is not None:
                when = text.format_datetime(timezone.localtime(revision.created_at))
                problems.append((record, f"trang đã được sửa bởi {author_name(revision.user)} "
                                         f"lúc {when} sau khi tệp được đọc; chạy lại để ghi đè"))
        if problems:
            raise RecordError.many(problems)
        return [(record, fresh[page.pk]) for record, page in changed]

    def update(self, page: Page, record: Record) -> None:
        self.apply(page, record)
        try:
            page.full_clean()
        except ValidationError as error:
            raise RecordError(record, error) from None
        slow.update_page(page, user=self.ctx.user, publish=self.live(record))
        original = self.original(record)
        if original is not None and original.translation_key != page.translation_key:
            # Not content (no revision holds it): the link itself, as the admin's sync sets it.
            check_free(record, original, page)
            Page.objects.filter(pk=page.pk).update(translation_key=original.translation_key)

    def create(self, records: list[Record]) -> list[Page]:
        pages = []
        for record in records:
            parent = self.parent_for(record)
            base = text.slugify(record.natural_key, max_length=200) or self.kind
            (slug,) = free_slugs(parent, [base], self.reserved)
            page = self.model(slug=slug, live=self.live(record))
            self.apply(page, record)
            self.join(page, record)
            try:
                page.full_clean(exclude=_TREE_FIELDS)
            except ValidationError as error:
                raise RecordError(record, error) from None
            pages.append(slow.create_page(parent, page, user=self.ctx.user))
        return pages


class BulkPageWriter(PageWriter):
    """New pages of a batch in one bulk insert (``bulk``); pages found by ``key_field``, or
    (without one) by the importer's own mapping or, for records keyed by slug, by slug under
    the section. Hooks a page type declares: ``prepare`` (fetch what a batch refers to),
    ``prepare_page`` (what the model's ``save()`` computes), ``model_clean`` (run the model's
    ``clean()``: its rules across fields)."""

    #: Run the model's ``clean()`` on each new page (no query: a page not yet in the tree has
    #: no parent for Wagtail's slug check, and ``free_slugs`` gave it a free one).
    model_clean = False

    def find(self, records: list[Record], mappings: dict[str, ImportedRecord]) -> dict[str, Any]:
        if self.key_field:
            return super().find(records, mappings)
        # Pages made earlier by this importer, or (slug keys) by an editor or load_demo.
        by_id = self.model.objects.in_bulk([int(m.object_id) for m in mappings.values()])
        found = {key: by_id[int(m.object_id)] for key, m in mappings.items()
                 if int(m.object_id) in by_id}
        by_parent: dict[Page, dict[str, str]] = defaultdict(dict)  # parent → slug → key
        for r in records:
            if r.key not in mappings and "legacy_id" not in r.data:
                by_parent[self.parent_for(r)][r.natural_key] = r.key
        for parent, keys in by_parent.items():
            for page in self.model.objects.child_of(parent).filter(slug__in=keys):
                found[keys[page.slug]] = page
        return found

    def prepare(self, records: list[Record]) -> None:
        """Fetch what the whole batch refers to (e.g. its tags) before pages are made."""

    def prepare_page(self, page: Page) -> None:
        """Set what the model's ``save()`` would compute (the bulk path does not call it)."""

    def slug(self, record: Record) -> str:
        return (record.data.get("slug") or text.slugify(record.natural_key, max_length=200)
                or self.kind)

    def write(self, records: list[Record]) -> None:
        self.prepare(records)
        super().write(records)

    def create(self, records: list[Record]) -> list[Page]:
        """One bulk insert per parent (one, unless the batch holds several languages)."""
        groups: dict[Page, list[int]] = defaultdict(list)
        for index, record in enumerate(records):
            groups[self.parent_for(record)].append(index)
        made: dict[int, Page] = {}
        for parent, indexes in groups.items():
            batch = [records[i] for i in indexes]
            made.update(zip(indexes, self._create_under(parent, batch), strict=True))
        return [made[i] for i in range(len(records))]

    def _create_under(self, parent: Page, records: list[Record]) -> list[Page]:
        slugs = free_slugs(parent, [self.slug(r) for r in records], self.reserved)
        # Tree fields are set by the bulk path; foreign keys point at rows just fetched.
        unchecked = ["path", "depth", "slug"] + [
            f.name for f in self.model._meta.fields if f.is_relation
        ]
        pages = []
        for record, slug in zip(records, slugs, strict=True):
            page = self.model(slug=slug, live=self.live(record))
            self.apply(page, record)
            self.join(page, record)
            try:
                page.clean_fields(exclude=unchecked)
                if self.model_clean:
                    page.clean()
            except ValidationError as error:
                raise RecordError(record, error) from None
            self.prepare_page(page)
            pages.append(page)
        bulk.bulk_create_pages(
            parent, pages, user=self.ctx.user, now=self.ctx.now, pool=self.ctx.pool
        )
        return pages
