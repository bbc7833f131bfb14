"""Backup and restore round trip: what ``export_content`` sees is the same, byte for byte."""

from __future__ import annotations

import filecmp
import os
import shutil
import uuid
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command

from cms.backup import MANIFEST, prune

from .servers import manage, site_env

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample.jsonl"


def same_tree(left: Path, right: Path) -> list[str]:
    """Paths that differ between two folders (missing on one side, or different bytes)."""
    compared = filecmp.dircmp(left, right)
    problems = [*compared.left_only, *compared.right_only, *compared.funny_files]
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    problems += mismatch + errors
    for sub in compared.common_dirs:
        problems += [f"{sub}/{p}" for p in same_tree(left / sub, right / sub)]
    return problems


def assert_same_export(left: Path, right: Path) -> None:
    assert (left / "out.jsonl").read_bytes() == (right / "out.jsonl").read_bytes()
    assert same_tree(left / "out-files", right / "out-files") == []


@pytest.mark.slow
def test_sqlite_round_trip_into_an_empty_database_and_media_folder(tmp_path):
    """A SQLite site (the sample imported, its pictures and attachment in media) backed up while
    it exists, restored into a new empty database file and an empty media folder."""
    shutil.copytree(SAMPLE.parent, tmp_path / "data")
    source = site_env(f"sqlite:///{tmp_path / 'site.sqlite3'}", tmp_path / "media")
    manage("migrate", "--noinput", "-v0", env=source)
    manage("import_content", str(tmp_path / "data" / SAMPLE.name), env=source)
    before, after = tmp_path / "before", tmp_path / "after"
    before.mkdir()
    after.mkdir()
    manage("export_content", str(before / "out.jsonl"), env=source)
    # A citizen's attachment, in the private folder beside the media (site_env names it).
    sent = Path(source["PRIVATE_MEDIA_ROOT"]) / "hoi-dap" / "2026" / "12" / "a.pdf"
    sent.parent.mkdir(parents=True)
    sent.write_bytes(b"%PDF-1.4 personal")
    out = manage("backup_site", str(tmp_path / "backups"), env=source)
    [made] = (tmp_path / "backups").iterdir()
    assert f"Đã sao lưu vào {made}" in out
    assert sorted(p.name for p in made.iterdir()) == [
        "database.sqlite3", "manifest.json", "media.tar.gz", "private-media.tar.gz"]

    target = site_env(f"sqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path / "restored-media")
    assert "Đã khôi phục" in manage("restore_site", str(tmp_path / "backups"), env=target)
    manage("export_content", str(after / "out.jsonl"), env=target)
    assert_same_export(before, after)
    restored = Path(target["PRIVATE_MEDIA_ROOT"]) / sent.relative_to(source["PRIVATE_MEDIA_ROOT"])
    assert restored.read_bytes() == b"%PDF-1.4 personal"
    lines = (before / "out.jsonl").read_text().splitlines()
    assert len(lines) == sum(1 for _ in SAMPLE.open()) and any('"images"' in ln for ln in lines)

    # A second restore would overwrite a site: refused without --force.
    with pytest.raises(AssertionError, match="không trống|đã có"):
        manage("restore_site", str(made), env=target)


def test_retention_keeps_the_newest_complete_backups(tmp_path):
    names = [f"portal-20261204-0{n}0000" for n in range(1, 6)]
    for name in names:
        (tmp_path / name).mkdir()
        (tmp_path / name / MANIFEST).write_text("{}")
    (tmp_path / "portal-20261204-070000.partial").mkdir()  # killed half-way: not a backup
    removed = prune(tmp_path, keep=2)
    assert [p.name for p in removed] == names[:3]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        *names[3:], "portal-20261204-070000.partial"]


def test_keep_must_be_positive(tmp_path):
    with pytest.raises(CommandError, match="--keep"):
        call_command("backup_site", str(tmp_path), "--keep", "0")


@pytest.mark.slow
def test_postgresql_round_trip_with_retention(pg_cluster, tmp_path):
    """pg_dump/pg_restore on a real cluster: the demo site restored into an empty database."""
    name = f"bk_{uuid.uuid4().hex[:8]}"
    source_media = tmp_path / "media"
    shutil.copytree(pg_cluster.media, source_media)
    source = site_env(pg_cluster.createdb(name, template="site"), source_media)
    before, after = tmp_path / "before", tmp_path / "after"
    before.mkdir()
    after.mkdir()
    manage("export_content", str(before / "out.jsonl"), env=source)
    backups = tmp_path / "backups"
    for _ in range(3):
        manage("backup_site", str(backups), "--keep", "2", env=source)
    kept = sorted(p.name for p in backups.iterdir())
    assert len(kept) == 2 and all((backups / k / "database.dump").exists() for k in kept)

    target = site_env(pg_cluster.createdb(f"{name}_restored"), tmp_path / "restored-media")
    manage("restore_site", str(backups), env=target)
    manage("export_content", str(after / "out.jsonl"), env=target)
    assert_same_export(before, after)
    assert os.path.getsize(before / "out.jsonl") > 1000
