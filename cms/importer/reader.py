"""Reading a JSON Lines file: one streaming pass to validate all of it, another to yield records.

Nothing here touches the database. Memory stays flat: lines are read one at a time; the only
state kept across lines is one small integer per natural key (to find duplicates) and the
content hashes of the distinct files the records point at.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from wagtail.utils.file import hash_filelike

from .schema import Record, validate

__all__ = ["FileCheck", "check_file", "file_hasher", "read_records"]


def file_hasher() -> Callable[[str], str]:
    """A memoised content hash of a file, the SHA-1 Wagtail keeps as ``file_hash`` on images
    and documents (so that the same photo is found again whatever its name)."""
    memo: dict[str, str] = {}

    def digest(path: str) -> str:
        if path not in memo:
            with open(path, "rb") as handle:
                memo[path] = hash_filelike(handle)
        return memo[path]

    return digest


@dataclass
class FileCheck:
    """The outcome of validating one file: every problem as ``line N: field: problem``."""

    path: Path
    errors: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if raw.strip():
                yield number, raw


def _decode(number: int, raw: bytes) -> tuple[object, str | None]:
    try:
        return json.loads(raw.decode("utf-8")), None
    except UnicodeDecodeError:
        return None, f"line {number}: json: không phải UTF-8"
    except json.JSONDecodeError as error:
        return None, f"line {number}: json: JSON hỏng ({error.msg}, cột {error.colno})"


def check_file(
    path: Path,
    hasher: Callable[[str], str],
    on_line: Callable[[int], None] | None = None,
) -> FileCheck:
    """Validate the whole file without writing anything; duplicates of a natural key are errors."""
    result = FileCheck(path)
    seen: dict[tuple[str, int], int] = {}
    base = path.parent
    for number, raw in _lines(path):
        obj, problem = _decode(number, raw)
        if problem:
            result.errors.append(problem)
            continue
        record, errors = validate(obj, number, base, hasher)
        for name, message in errors:
            result.errors.append(f"line {number}: {name}: {message}")
        if record is None:
            continue
        # A 64-bit hash of the key, not the key: flat memory for large files.
        key_hash = int.from_bytes(
            hashlib.blake2b(record.key.encode(), digest_size=8).digest(), "big"
        )
        first = seen.setdefault((record.type, key_hash), number)
        if first != number:
            field_name = _key_field(record)
            result.errors.append(
                f"line {number}: {field_name}: khóa {record.key!r} trùng với dòng {first}"
            )
        result.counts[record.type] += 1
        if on_line:
            on_line(1)
    return result


def _key_field(record: Record) -> str:
    if record.type == "article":
        return "legacy_id" if "legacy_id" in record.data else "slug"
    return {"procedure": "code", "legal_document": "number"}.get(record.type, "url")


def read_records(path: Path, hasher: Callable[[str], str]) -> Iterator[Record]:
    """Yield the records of a file that ``check_file`` accepted."""
    base = path.parent
    for number, raw in _lines(path):
        obj, problem = _decode(number, raw)
        record, errors = validate(obj, number, base, hasher) if not problem else (None, [])
        if record is None:  # the file changed between the two passes
            raise RuntimeError(f"line {number}: tệp đã thay đổi trong khi nhập")
        yield record
