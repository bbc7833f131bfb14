"""The JSON Lines importer behind ``manage.py import_content`` (contract: DESIGN.md).

- ``schema``: the contract as data, pure validation (``line N: field: problem``).
- ``reader``: streaming passes over a file (validate all, then yield records).
- ``run``: one transaction per file, batches per record type, the ImportRun trace.
- ``articles``/``portal``: records → pages and snippets; ``bulk``: the fast page path;
  ``slow``: Wagtail's public API; ``media``: images and documents by content hash;
  ``parallel``: the worker processes of large files.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FileOutcome", "import_file", "import_files"]


def __getattr__(name: str) -> Any:
    # Lazy: a worker process (``parallel``) imports this package before Django is set up.
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(name)
