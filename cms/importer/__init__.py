"""The JSON Lines importer behind ``manage.py import_content`` (contract: DESIGN.md).

A generic pipeline: it names no content app and no model. Each record type (its fields, its
writer, its export) is declared beside its models, in its app's ``interchange`` module, and
registered (``registry``).

- ``registry``: record types, section pages, the bulk indexer, as the apps register them.
- ``schema``: field checkers and ``validate``, pure (``line N: field: problem``).
- ``reader``: streaming passes over a file (validate all, then yield records).
- ``run``: one transaction per file, batches per record type, the ImportRun trace.
- ``sync``: the one sync loop (key, digest, create or update, count) and free slugs;
  ``pages``: page writers over it; ``bulk``: the fast page path; ``slow``: Wagtail's public
  API; ``richtext``: legacy HTML through Wagtail's whitelist; ``media``: images and documents
  by content hash; ``parallel``: the worker processes of large files.
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
