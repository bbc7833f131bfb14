"""The pipeline is generic: ``cms/importer`` and ``cms/exporter.py`` import no content app
and name none of their models; every record type of the format is registered by its app."""

from __future__ import annotations

import ast
from pathlib import Path

from cms.importer import registry

ROOT = Path(__file__).resolve().parents[2]
APPS = ("news", "home", "search")


def _modules() -> list[Path]:
    return [*sorted((ROOT / "cms" / "importer").rglob("*.py")), ROOT / "cms" / "exporter.py"]


def test_the_pipeline_imports_no_content_app():
    found = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                # model labels or dotted paths in strings: "news.NewsIndexPage", "home.models…"
                names = [node.value] if "." in node.value and " " not in node.value else []
            else:
                continue
            found += [f"{path.name}: {name}" for name in names if name.split(".")[0] in APPS]
    assert found == []


def test_every_record_type_of_the_format_is_registered_in_order():
    assert [t.name for t in registry.record_types("export_order")] == [
        "legal_document", "disclosure", "procedure", "article", "unit", "banner",
    ]
    # Documents are written before the procedures that cite them.
    assert [t.name for t in registry.record_types()] == [
        "unit", "banner", "legal_document", "disclosure", "procedure", "article",
    ]
