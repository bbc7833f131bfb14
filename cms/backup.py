"""Back up and restore a whole site: the database and the media folder, as one dated folder.

A backup is ``<dir>/portal-YYYYMMDD-HHMMSS/`` holding ``database.dump`` (PostgreSQL: ``pg_dump``
custom format, one consistent snapshot) or ``database.sqlite3`` (SQLite's online backup API,
consistent while the site runs), ``media.tar.gz`` (MEDIA_ROOT), ``private-media.tar.gz``
(PRIVATE_MEDIA_ROOT: citizens' attachments, personal data: keep backups as private as the site's
database) and ``manifest.json``. It is
written under a ``.partial`` name and renamed when complete, so a backup killed half-way is never
taken for a good one, and ``keep`` counts only complete ones.

Consistency: the database is dumped first, then the media. Files are never rewritten in place
(Wagtail gives every upload and rendition a new name), so every file the dump names is in the
archive, unless it was deleted in the seconds between the two (a rendition is then made again on
the next view; an original's page shows a missing image). Media on an object store (``MEDIA_STORAGE
=s3``, the private files then too) are not archived: use the bucket's versioning or replication.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

PREFIX = "portal-"
DUMP = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
MEDIA = "media.tar.gz"
PRIVATE_MEDIA = "private-media.tar.gz"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in Vietnamese."""


@dataclass
class Backup:
    path: Path
    database: Path
    media: Path | None


def backup(base: Path, *, keep: int | None = None, alias: str = DEFAULT_DB_ALIAS) -> Backup:
    """Write a new backup folder under ``base``; then keep only the newest ``keep`` ones."""
    connection = connections[alias]
    vendor = connection.vendor
    if vendor not in DUMP:
        raise BackupError(f"Không hỗ trợ sao lưu cơ sở dữ liệu {vendor}.")
    base.mkdir(parents=True, exist_ok=True)
    stamp = PREFIX + timezone.localtime().strftime("%Y%m%d-%H%M%S")
    name, n = stamp, 0
    while (base / name).exists() or (base / f"{name}.partial").exists():
        n += 1
        name = f"{stamp}-{n}"  # sorts after the first of the same second
    final = base / name
    partial = base / f"{name}.partial"
    partial.mkdir()
    try:
        database = partial / DUMP[vendor]
        if vendor == "postgresql":
            _pg("pg_dump", connection.settings_dict, "--format=custom", "--no-owner",
                "--no-acl", f"--file={database}")
        else:
            _sqlite_copy(_sqlite_source(connection), database)
        media = _archive_media(partial / MEDIA)
        private = _archive_private_media(partial / PRIVATE_MEDIA)
        manifest = {
            "created": timezone.now().isoformat(),
            "database": vendor,
            "media": media is not None,
            "private_media": private is not None,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if keep is not None:
        prune(base, keep)
    return Backup(final, final / DUMP[vendor], final / MEDIA if media else None)


def prune(base: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` complete backups (names sort by date)."""
    found = sorted(p for p in base.glob(f"{PREFIX}*") if p.is_dir() and (p / MANIFEST).exists())
    removed = found[:-keep] if keep > 0 else found
    for path in removed:
        shutil.rmtree(path)
    return removed


def latest(base: Path) -> Path:
    """``base`` itself if it is a backup, else its newest complete backup."""
    if (base / MANIFEST).exists():
        return base
    found = sorted(p for p in base.glob(f"{PREFIX}*") if (p / MANIFEST).exists())
    if not found:
        raise BackupError(f"Không có bản sao lưu nào trong {base}.")
    return found[-1]


def restore(source: Path, *, force: bool = False, alias: str = DEFAULT_DB_ALIAS) -> Path:
    """Restore the backup ``source`` (or the newest under it) into the configured database and
    MEDIA_ROOT, which must be empty unless ``force``."""
    path = latest(source)
    manifest = json.loads((path / MANIFEST).read_text())
    connection = connections[alias]
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"Bản sao lưu là của {manifest['database']}, cơ sở dữ liệu đích là {connection.vendor}."
        )
    tables = connection.introspection.table_names()
    if tables and not force:
        raise BackupError(
            f"Cơ sở dữ liệu đích đã có {len(tables)} bảng; dùng --force để ghi đè."
        )
    media_root = Path(settings.MEDIA_ROOT)
    private_root = Path(settings.PRIVATE_MEDIA_ROOT)
    folders = [(MEDIA, media_root, manifest["media"]),
               # Backups made before the private media existed have no such archive.
               (PRIVATE_MEDIA, private_root, manifest.get("private_media", False))]
    for _, root, archived in folders:
        if archived and root.exists() and any(root.iterdir()) and not force:
            raise BackupError(f"Thư mục media {root} không trống; dùng --force để ghi đè.")

    database = path / DUMP[connection.vendor]
    if connection.vendor == "postgresql":
        connection.close()
        options = ["--clean", "--if-exists"] if tables else []
        _pg("pg_restore", connection.settings_dict, "--no-owner", "--no-acl", "--exit-on-error",
            "--single-transaction", *options, str(database))
    else:
        connection.close()
        target = str(connection.settings_dict["NAME"])
        source_db = sqlite3.connect(database)
        try:
            _sqlite_copy(source_db, target)
        finally:
            source_db.close()
    for name, root, archived in folders:
        if not archived:
            continue
        if force and root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(path / name) as archive:
            archive.extractall(root, filter="data")
    return path


def _archive_media(target: Path) -> Path | None:
    return _archive_folder(target, "default", Path(settings.MEDIA_ROOT))


def _archive_private_media(target: Path) -> Path | None:
    return _archive_folder(target, "private", Path(settings.PRIVATE_MEDIA_ROOT))


def _archive_folder(target: Path, storage: str, root: Path) -> Path | None:
    """The folder of a storage on local disk as a tar.gz; ``None`` for an object store."""
    if not settings.STORAGES[storage]["BACKEND"].endswith("FileSystemStorage"):
        return None
    with tarfile.open(target, "w:gz") as archive:
        if root.exists():
            for child in sorted(root.iterdir()):
                archive.add(child, arcname=child.name)
    return target


def _sqlite_source(connection) -> sqlite3.Connection:
    """The live connection (an in-memory database exists only there), else a new one."""
    connection.ensure_connection()
    return connection.connection


def _sqlite_copy(source: sqlite3.Connection, target: Path | str) -> None:
    """SQLite's online backup: a consistent copy page by page while others keep writing."""
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()


def _pg(tool: str, db: dict, *args: str) -> None:
    """Run ``pg_dump``/``pg_restore`` on the configured database; the password goes through
    the environment, never the command line (visible in ``ps``)."""
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    target = ["--dbname", str(db["NAME"])]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            target += [flag, str(db[key])]
    binary = shutil.which(tool)
    if binary is None:
        raise BackupError(f"Không tìm thấy {tool} (apt-get install postgresql-client).")
    result = subprocess.run([binary, *target, *args], env=env, capture_output=True,  # noqa: S603
                            text=True, check=False)
    if result.returncode:
        raise BackupError(f"{tool} thất bại: {result.stderr.strip()[-2000:]}")
