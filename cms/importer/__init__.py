"""The JSON Lines importer behind ``manage.py import_content`` (contract: DESIGN.md).

- ``schema``: the contract as data, pure validation (``line N: field: problem``).
- ``reader``: streaming passes over a file (validate all, then yield records).
- ``run``: one transaction per file, batches per record type, the ImportRun trace.
- ``articles``/``portal``: records → pages and snippets; ``bulk``: the fast page path;
  ``slow``: Wagtail's public API; ``media``: images and documents by content hash.
"""

from .run import FileOutcome, import_file, import_files

__all__ = ["FileOutcome", "import_file", "import_files"]
