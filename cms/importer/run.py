"""One import run: validate each file whole, then write it in one transaction, in batches."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from django.core.cache import cache
from django.db import connection, reset_queries, transaction
from django.utils import timezone

from cms.models import ImportRun

from . import registry
from .context import Context, RecordError
from .media import MediaLibrary, remove_orphans
from .parallel import MIN_BYTES, Pool
from .progress import Progress
from .reader import check_file, file_hasher, read_records

__all__ = ["FileOutcome", "import_file", "import_files"]

logger = logging.getLogger(__name__)

#: Records of one type written together (one bulk insert of pages per batch).
BATCH_SIZE = 500


@dataclass
class FileOutcome:
    path: Path
    status: str  # ok | refused | failed
    counts: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def _writers(ctx: Context) -> dict[str, Any]:
    """A writer per registered record type, in write order (the end of a file flushes
    in this order: e.g. documents before the procedures that cite them)."""
    return {t.name: t.writer(ctx) for t in registry.record_types()}


def import_file(
    path: Path, *, user=None, stdout: TextIO | None = None, progress: bool | None = None,
    batch_size: int = BATCH_SIZE,
) -> FileOutcome:
    """Validate ``path`` whole; if it is clean, write it all or nothing. Records an ImportRun."""
    # The workers (large files) stop however the import ends, before caches are cleared.
    with Pool(enabled=path.stat().st_size >= MIN_BYTES) as pool:
        outcome = _import(path, pool, user=user, stdout=stdout, progress=progress,
                          batch_size=batch_size)
    if outcome.counts["created"] or outcome.counts["updated"]:
        after_import()
    return outcome


def _import(
    path: Path, pool: Pool, *, user, stdout: TextIO | None, progress: bool | None,
    batch_size: int,
) -> FileOutcome:
    started = timezone.now()
    hasher = file_hasher()
    stream = stdout or _NullStream()
    # Pass 1: validate everything, write nothing.
    check = check_file(path, hasher, pool=pool)
    if not check.ok:
        outcome = FileOutcome(path, "refused", errors=check.errors)
        _record(outcome, user, started)
        return outcome

    # Pass 2: write, in one transaction (first removing the files of a run that was killed).
    remove_orphans()
    media = MediaLibrary(hasher)
    ctx = Context(user=user, now=started, media=media, pool=pool)
    meter = Progress(stream, total=check.total, label=f"Nhập {path.name}", enabled=progress)
    try:
        with transaction.atomic():
            ctx.run = ImportRun.objects.create(
                started_at=started, user=user, files=str(path), status="ok"
            )
            writers = _writers(ctx)
            pending: dict[str, list] = {kind: [] for kind in writers}
            for record in read_records(path, hasher, pool):
                batch = pending[record.type]
                batch.append(record)
                if len(batch) >= batch_size:
                    writers[record.type].write(batch)
                    meter(len(batch))
                    pending[record.type] = []
                    reset_queries()  # DEBUG keeps 9,000 queries; ours carry whole batches
            for kind in writers:
                if pending[kind]:
                    writers[kind].write(pending[kind])
                    meter(len(pending[kind]))
            for writer in writers.values():
                close = getattr(writer, "close", None)
                if close is not None:
                    close()
            ImportRun.objects.filter(pk=ctx.run.pk).update(
                finished_at=timezone.now(), created=ctx.counts["created"],
                updated=ctx.counts["updated"], unchanged=ctx.counts["unchanged"],
            )
    except Exception as error:
        media.discard_written()
        meter.finish()
        if isinstance(error, RecordError):
            outcome = FileOutcome(path, "refused", errors=error.lines)
        else:
            logger.exception("import of %s failed and was rolled back", path)
            message = f"{path.name}: lỗi khi ghi, đã hoàn tác: {error}"
            outcome = FileOutcome(path, "failed", errors=[message])
        _record(outcome, user, started)
        return outcome
    media.committed()
    meter.finish()
    return FileOutcome(path, "ok", counts=ctx.counts)


def import_files(
    paths: Sequence[Path], *, user=None, stdout: TextIO | None = None,
    progress: bool | None = None, batch_size: int = BATCH_SIZE,
) -> list[FileOutcome]:
    """Import each file on its own (all or nothing per file)."""
    return [
        import_file(Path(path), user=user, stdout=stdout, progress=progress, batch_size=batch_size)
        for path in paths
    ]


def after_import() -> None:
    """Caches: a bulk import changes listings everywhere; start the page cache afresh (and the
    CDN's: the bulk path sends no page signals). Then give PostgreSQL's planner statistics of
    what was just written: until autovacuum gets there, it plans a 10,000-row listing for 3."""
    from cms.cache.purge import purge_all

    cache.clear()
    purge_all()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in connection.introspection.django_table_names(only_existing=True):
                cursor.execute(f'ANALYZE "{table}"')


def _record(outcome: FileOutcome, user, started) -> None:
    """Keep a trace of refused or failed runs too (outside the rolled-back transaction)."""
    ImportRun.objects.create(
        started_at=started, finished_at=timezone.now(), user=user, files=str(outcome.path),
        status=outcome.status, errors="\n".join(outcome.errors[:200]),
    )


class _NullStream:
    def write(self, _text: str) -> None:
        pass

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False
