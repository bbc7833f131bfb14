"""What the writers of one import run share: who, when, the media library, counters, the tree."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from cms.models import ImportedRecord, ImportRun

from . import registry
from .media import MediaLibrary
from .parallel import Pool
from .schema import Record

__all__ = ["Context", "RecordError"]


class RecordError(Exception):
    """A record the models refused while writing (``line N: field: problem``); rolls back."""

    def __init__(self, record: Record, error: ValidationError | str) -> None:
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            lines = [
                f"line {record.line}: {name}: {' '.join(message for message in messages)}"
                for name, messages in error.message_dict.items()
            ]
        else:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            lines = [f"line {record.line}: {record.type}: {' '.join(messages)}"]
        self.lines = lines
        super().__init__("\n".join(lines))

    @classmethod
    def combine(cls, errors: list[RecordError]) -> RecordError:
        """One error reporting every record of ``errors`` (a check over the whole file)."""
        combined = errors[0]
        combined.lines = [line for error in errors for line in error.lines]
        combined.args = ("\n".join(combined.lines),)
        return combined

    @classmethod
    def many(cls, problems: list[tuple[Record, str]]) -> RecordError:
        """One error carrying a line for each (record, problem), in the file's order."""
        problems = sorted(problems, key=lambda problem: problem[0].line)
        error = cls(*problems[0])
        for record, problem in problems[1:]:
            error.lines += cls(record, problem).lines
        error.args = ("\n".join(error.lines),)
        return error


@dataclass
class Context:
    user: Any
    now: dt.datetime
    media: MediaLibrary
    pool: Pool = field(default_factory=lambda: Pool(enabled=False))
    run: ImportRun | None = None
    counts: Counter[str] = field(default_factory=Counter)
    sections: dict[type, Any] = field(default_factory=dict)
    #: (kind, pk) of every object this run created or updated: a page revised by the run
    #: itself has revisions newer than the file, and they are no one else's edit.
    written: set[tuple[str, Any]] = field(default_factory=set)

    def section(self, model: type) -> Any:
        """The section page that holds ``model``'s pages (made once per run if missing)."""
        if model not in self.sections:
            self.sections[model] = registry.ensure_section(model)
        return self.sections[model]

    def mappings(self, kind: str, keys: list[str]) -> dict[str, ImportedRecord]:
        """Earlier imports of these natural keys, by key (one query)."""
        return {m.key: m for m in ImportedRecord.objects.filter(kind=kind, key__in=keys)}

    def remember(
        self, records: list[tuple[Record, Any]], existing: dict[str, ImportedRecord]
    ) -> None:
        """Store (or refresh) key → object + digest for written records, in bulk."""
        new, changed = [], []
        for record, obj in records:
            mapping = existing.get(record.key)
            if mapping is None:
                new.append(ImportedRecord(
                    kind=record.type, key=record.key,
                    legacy_id=record.data.get("legacy_id", ""),
                    content_type=ContentType.objects.get_for_model(obj),
                    object_id=str(obj.pk), digest=record.digest, run=self.run,
                ))
            else:
                mapping.digest = record.digest
                mapping.object_id = str(obj.pk)
                mapping.legacy_id = record.data.get("legacy_id", "")
                mapping.run = self.run
                changed.append(mapping)
        ImportedRecord.objects.bulk_create(new)
        ImportedRecord.objects.bulk_update(changed, ["digest", "object_id", "legacy_id", "run"])
