"""Reading a JSON Lines file: one streaming pass to validate all of it, another to yield records.

Nothing here touches the database. Memory stays flat: the file is read in chunks of lines, and
the only state kept across chunks is one small integer per natural key (to find duplicates) and
the content hashes of the distinct files the records point at.

A chunk is read by ``read_chunk``, a pure function of (file, byte range): a pool's worker
processes read chunks side by side with this one (``parallel.Pool``), in both passes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from wagtail.utils.file import hash_filelike

from . import registry
from .parallel import Pool
from .schema import Record, validate

__all__ = ["FileCheck", "check_file", "file_hasher", "read_records"]

#: Bytes of a chunk (about 500 articles): what a worker reads at a time.
CHUNK_BYTES = 1 << 20


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


_hasher: Callable[[str], str] | None = None


def _worker_hasher() -> Callable[[str], str]:
    """One memo per process, so that a worker hashes each photo once however many chunks."""
    global _hasher
    if _hasher is None:
        _hasher = file_hasher()
    return _hasher


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


@dataclass
class Chunk:
    """What one range of lines holds; line numbers count from the range's first line (1)."""

    lines: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, "field: problem")
    counts: Counter[str] = field(default_factory=Counter)
    keys: dict[tuple[str, int], int] = field(default_factory=dict)  # key hash → first line
    records: list[Record] = field(default_factory=list)


def _decode(raw: bytes) -> tuple[object, str | None]:
    try:
        return json.loads(raw.decode("utf-8")), None
    except UnicodeDecodeError:
        return None, "json: không phải UTF-8"
    except json.JSONDecodeError as error:
        return None, f"json: JSON hỏng ({error.msg}, cột {error.colno})"


def _key_hash(record: Record) -> tuple[str, int]:
    # A 64-bit hash of the key, not the key: flat memory for large files.
    digest = hashlib.blake2b(record.key.encode(), digest_size=8).digest()
    return record.type, int.from_bytes(digest, "big")


def _duplicate(record: Record, first: int) -> str:
    field_name = registry.record_type(record.type).spec.key_field(record.data)
    return f"{field_name}: khóa {record.key!r} trùng với dòng {first}"


def read_chunk(path: str, start: int, end: int, keep: bool,
               hasher: Callable[[str], str] | None = None) -> Chunk:
    """Validate the lines that start in ``[start, end)``; ``keep``: return their records."""
    hasher = hasher or _worker_hasher()
    chunk = Chunk()
    base = Path(path).parent
    with open(path, "rb") as handle:
        handle.seek(start)
        position = start
        while position < end:
            raw = handle.readline()
            if not raw:
                break
            position += len(raw)
            chunk.lines += 1
            if start == 0 and chunk.lines == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            line = chunk.lines
            obj, problem = _decode(raw)
            if problem:
                chunk.errors.append((line, problem))
                continue
            record, errors = validate(obj, line, base, hasher)
            chunk.errors += [(line, f"{name}: {message}") for name, message in errors]
            if record is None:
                continue
            first = chunk.keys.setdefault(_key_hash(record), line)
            if first != line:
                chunk.errors.append((line, _duplicate(record, first)))
            chunk.counts[record.type] += 1
            if keep:
                chunk.records.append(record)
    return chunk


def _ranges(path: Path) -> list[tuple[int, int]]:
    """Byte ranges of about ``CHUNK_BYTES`` that start at the beginning of a line."""
    size = path.stat().st_size
    starts = [0]
    with open(path, "rb") as handle:
        while starts[-1] + CHUNK_BYTES < size:
            handle.seek(starts[-1] + CHUNK_BYTES)
            handle.readline()
            if handle.tell() >= size:
                break
            starts.append(handle.tell())
    return list(zip(starts, [*starts[1:], size], strict=True))


def _chunks(path: Path, keep: bool, hasher: Callable[[str], str],
            pool: Pool | None) -> Iterator[Chunk]:
    """The file's chunks in order, read by the pool's workers (a few ahead) or here."""
    ranges = _ranges(path)
    if pool is None or not pool.enabled:
        for start, end in ranges:
            yield read_chunk(str(path), start, end, keep, hasher)
        return
    ahead = pool.workers * 2  # enough to keep the workers busy, few enough to stay flat
    pending = [pool.submit(read_chunk, str(path), s, e, keep) for s, e in ranges[:ahead]]
    following = iter(ranges[ahead:])
    while pending:
        chunk = pending.pop(0).result()
        step = next(following, None)
        if step is not None:
            pending.append(pool.submit(read_chunk, str(path), *step, keep))
        yield chunk


def check_file(
    path: Path,
    hasher: Callable[[str], str],
    on_line: Callable[[int], None] | None = None,
    pool: Pool | None = None,
) -> FileCheck:
    """Validate the whole file without writing anything; duplicates of a natural key are errors."""
    result = FileCheck(path)
    errors: list[tuple[int, str]] = []
    seen: dict[tuple[str, int], int] = {}
    duplicates: dict[int, int] = {}  # line → first line of its key, across chunks
    offset = 0
    for chunk in _chunks(path, False, hasher, pool):
        errors += [(offset + line, problem) for line, problem in chunk.errors]
        for key, line in chunk.keys.items():
            first = seen.setdefault(key, offset + line)
            if first != offset + line:
                duplicates[offset + line] = first
        result.counts.update(chunk.counts)
        offset += chunk.lines
        if on_line:
            on_line(sum(chunk.counts.values()))
    if duplicates:
        errors += _describe_duplicates(path, duplicates, hasher)
    result.errors = [f"line {line}: {problem}" for line, problem in sorted(errors)]
    return result


def _describe_duplicates(path: Path, duplicates: dict[int, int],
                         hasher: Callable[[str], str]) -> list[tuple[int, str]]:
    """The problem of each line whose key an earlier chunk holds (read again: only the keys'
    hashes were kept)."""
    described = []
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number in duplicates:
                obj, _ = _decode(raw.removeprefix(b"\xef\xbb\xbf"))
                record, _ = validate(obj, number, path.parent, hasher)
                if record is not None:
                    described.append((number, _duplicate(record, duplicates[number])))
    return described


def read_records(path: Path, hasher: Callable[[str], str],
                 pool: Pool | None = None) -> Iterator[Record]:
    """Yield the records of a file that ``check_file`` accepted."""
    offset = 0
    for chunk in _chunks(path, True, hasher, pool):
        if chunk.errors:  # the file changed between the two passes
            line = offset + chunk.errors[0][0]
            raise RuntimeError(f"line {line}: tệp đã thay đổi trong khi nhập")
        for record in chunk.records:
            yield replace(record, line=record.line + offset) if offset else record
        offset += chunk.lines
