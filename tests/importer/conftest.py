"""Fixtures of the importer tests: writing JSONL files, running the commands."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from django.core.management import call_command

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = DATA / "sample.jsonl"

ARTICLE = {
    "type": "article",
    "title": "Bộ Xây dựng họp bàn về nhà ở xã hội",
    "lead": "Sapo của bài viết.",
    "body": "<p>Nội dung bài viết.</p>",
    "published_at": "2021-03-01T08:30:00+07:00",
    "category": "Hoạt động của Bộ",
}


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder holding a copy of the sample's files (records name them relative to the file)."""
    shutil.copytree(DATA / "files", tmp_path / "files")
    return tmp_path


@pytest.fixture
def jsonl(workdir: Path) -> Callable[..., Path]:
    """Write records (dicts, or raw strings for broken lines) to a .jsonl file in ``workdir``."""

    def write(*records: dict | str, name: str = "in.jsonl") -> Path:
        path = workdir / name
        with open(path, "w", encoding="utf-8") as handle:
            for record in records:
                line = record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)
                handle.write(line + "\n")
        return path

    return write


@pytest.fixture
def run_import(capsys) -> Callable[..., tuple[str, str]]:
    """``import_content`` as a user runs it: (stdout, stderr); CommandError propagates."""

    def run(*paths: Path, **options) -> tuple[str, str]:
        call_command("import_content", *[str(p) for p in paths], **options)
        captured = capsys.readouterr()
        return captured.out, captured.err

    return run
