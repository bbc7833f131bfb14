"""``manage.py export_content OUT.jsonl``: the site's content in the import contract's format.

Every live and draft record of each registered record type (``cms.importer.registry``: its
``export`` lives beside its models) is written one JSON object a line, in a stable order (by
natural key), with its images and attachments copied next to the file under names made of
their content hash. Importing the result into an empty site and exporting again gives the
same bytes (tests/importer proves it).

A page in another language than the default carries ``locale`` and, where it is a
translation, ``translation_of``: the legacy id of its original (else the original's natural
key), so that the link Wagtail keeps in ``translation_key`` survives the round trip. Pages in
the default language carry neither (absent means the default, as in files written before).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wagtail.models import Locale, Page
from wagtail.rich_text import expand_db_html

from cms.importer import registry
from cms.importer.richtext import rich_text
from cms.importer.schema import default_locale
from cms.models import ImportedRecord

__all__ = ["Exporter", "compact", "export_content"]


class Exporter:
    """Writes records to ``out`` and their files to ``files_dir`` (paths relative to ``out``)."""

    def __init__(self, out: Path, files_dir: Path | None = None) -> None:
        self.out = out
        self.files_dir = files_dir or out.parent / f"{out.stem}-files"
        self.counts: dict[str, int] = {}
        self._copied: dict[str, str] = {}
        self._legacy: dict[str, dict[str, str]] = {}
        self._locales: dict[int, str] | None = None
        self._originals: dict[type, dict[Any, Page]] = {}

    # --- helpers ---------------------------------------------------------------------

    def legacy_ids(self, kind: str) -> dict[str, str]:
        """object id → legacy id of records imported with one (one query per type)."""
        if kind not in self._legacy:
            self._legacy[kind] = dict(
                ImportedRecord.objects.filter(kind=kind).exclude(legacy_id="")
                .values_list("object_id", "legacy_id")
            )
        return self._legacy[kind]

    def language(
        self, kind: str, page: Page, natural_key: Callable[[Page], str]
    ) -> tuple[str | None, str | None]:
        """``(locale, translation_of)`` of a page: both None in the default language; the
        original named by its legacy id, else by ``natural_key(original)``. Two queries per
        type, whatever the number of pages."""
        if self._locales is None:
            self._locales = dict(Locale.objects.values_list("pk", "language_code"))
        code = self._locales[page.locale_id]
        if code == default_locale():
            return None, None
        model = type(page)
        if model not in self._originals:
            default = model.objects.filter(locale__language_code=default_locale())
            others = model.objects.exclude(locale__language_code=default_locale())
            self._originals[model] = {
                original.translation_key: original
                for original in default.filter(
                    translation_key__in=others.values("translation_key")
                ).only("pk", "slug", "translation_key", *self._key_fields(model))
            }
        original = self._originals[model].get(page.translation_key)
        if original is None:
            return code, None
        return code, self.legacy_ids(kind).get(str(original.pk)) or natural_key(original)

    @staticmethod
    def _key_fields(model: type[Page]) -> list[str]:
        names = {f.name for f in model._meta.concrete_fields}
        return [name for name in ("code", "number") if name in names]

    def file(self, item) -> str:
        """Copy an image/document file once; its path relative to the JSONL file."""
        file_hash = item.get_file_hash()
        if file_hash not in self._copied:
            suffix = Path(item.file.name).suffix.lower()
            self.files_dir.mkdir(parents=True, exist_ok=True)
            target = self.files_dir / f"{file_hash}{suffix}"
            with item.open_file() as source, open(target, "wb") as handle:
                shutil.copyfileobj(source, handle)
            relative = os.path.relpath(target, self.out.parent)
            self._copied[file_hash] = Path(relative).as_posix()
        return self._copied[file_hash]

    @staticmethod
    def html(source: str, features: list[str] | None = None) -> str:
        """Stored rich text → portable HTML (real link URLs), through the import's whitelist."""
        return rich_text(expand_db_html(source), features) if source else ""

    def write(self) -> dict[str, int]:
        """Write every record; return the count per type."""
        self.out.parent.mkdir(parents=True, exist_ok=True)
        with open(self.out, "w", encoding="utf-8", newline="\n") as handle:
            for record_type in registry.record_types("export_order"):
                for record in record_type.export(self):
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                    self.counts[record["type"]] = self.counts.get(record["type"], 0) + 1
        return self.counts


def compact(record: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty optional values, as a hand-written file would."""
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def export_content(out: Path, files_dir: Path | None = None) -> dict[str, int]:
    return Exporter(out, files_dir).write()
