"""Images and documents from file paths: imported once, found again by content hash.

Wagtail keeps a SHA-1 of every image and document (``file_hash``); the same photo named
differently, or referenced by a thousand articles, becomes one library item.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.core.files import File

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms import text

__all__ = ["JOURNALS", "MediaLibrary", "remove_orphans"]

#: Where a run lists the files it stored until its transaction ends (``<pid>-<id>.txt``).
JOURNALS = Path(tempfile.gettempdir()) / "cms-import-media"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_orphans() -> int:
    """Delete the files of runs that were killed (SIGKILL runs no ``finally``): the journal
    of a dead process lists them; a file some row holds (a run killed just after its commit)
    stays. Called when an import starts; returns how many files were removed."""
    removed = 0
    for journal in sorted(JOURNALS.glob("*.txt")) if JOURNALS.is_dir() else []:
        pid = int(journal.name.split("-", 1)[0])
        if _alive(pid):
            continue
        for line in journal.read_text(encoding="utf-8").splitlines():
            label, _, name = line.partition("\t")
            model = apps.get_model(label)
            if name and not model.objects.filter(file=name).exists():
                model._meta.get_field("file").storage.delete(name)
                removed += 1
        journal.unlink(missing_ok=True)
    return removed


class MediaLibrary:
    """Get-or-create of images and documents for one import run; remembers what it wrote."""

    def __init__(self, hasher: Callable[[str], str]) -> None:
        self.hasher = hasher
        self.image_model = get_image_model()
        self.document_model = get_document_model()
        self._images: dict[str, object] = {}
        self._documents: dict[str, object] = {}
        #: storage names of files written by this run (deleted again if the run rolls back)
        self.written: list[tuple[object, str]] = []
        self.created = 0
        self._journal_path: Path | None = None

    def image(self, path: str, title: str = ""):
        """The library image with this file's content, created (title: caption or file name)."""
        return self._get(path, title, self.image_model, self._images)

    def document(self, path: str, title: str = ""):
        """The library document with this file's content, created if missing."""
        return self._get(path, title, self.document_model, self._documents)

    def _get(self, path: str, title: str, model, memo: dict[str, object]):
        file_hash = self.hasher(path)
        if file_hash in memo:
            return memo[file_hash]
        item = model.objects.filter(file_hash=file_hash).order_by("pk").first()
        if item is None:
            name = Path(path).name
            title = text.clean(title or Path(name).stem).strip()[:255] or name
            with open(path, "rb") as handle:
                item = model(title=title, file=File(handle, name=name))
                if hasattr(item, "_set_image_file_metadata"):
                    item._set_image_file_metadata()
                else:
                    item._set_document_file_metadata()
                item.save()
            self.written.append((item.file.storage, item.file.name))
            self._journal(model, item.file.name)
            self.created += 1
        memo[file_hash] = item
        return item

    def _journal(self, model, name: str) -> None:
        """List a stored file until the run ends, for ``remove_orphans`` if it is killed."""
        if self._journal_path is None:
            JOURNALS.mkdir(parents=True, exist_ok=True)
            self._journal_path = JOURNALS / f"{os.getpid()}-{uuid.uuid4().hex}.txt"
        with open(self._journal_path, "a", encoding="utf-8") as handle:
            handle.write(f"{model._meta.label}\t{name}\n")

    def committed(self) -> None:
        """The run's transaction committed: its files are the library's now."""
        self.written.clear()
        if self._journal_path is not None:
            self._journal_path.unlink(missing_ok=True)

    def discard_written(self) -> None:
        """Delete the files this run stored: called when its transaction rolled back."""
        for storage, name in self.written:
            storage.delete(name)
        self.committed()
