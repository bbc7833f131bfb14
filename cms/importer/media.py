"""Images and documents from file paths: imported once, found again by content hash.

Wagtail keeps a SHA-1 of every image and document (``file_hash``); the same photo named
differently, or referenced by a thousand articles, becomes one library item.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.core.files import File

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms import text

__all__ = ["MediaLibrary"]


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
            self.created += 1
        memo[file_hash] = item
        return item

    def discard_written(self) -> None:
        """Delete the files this run stored: called when its transaction rolled back."""
        for storage, name in self.written:
            storage.delete(name)
        self.written.clear()
