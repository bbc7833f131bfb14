"""The benchmark dataset: a PostgreSQL database ``cms_bench`` with 100,000 articles (plus
procedures and documents), built through the importer once and reused while it is complete.

Django binds to one database per process, so the helpers run ``manage.py`` in subprocesses with
``DATABASE_URL`` set; a benchmark that queries the data itself calls ``use_bench_db(args)``
before ``django.setup()``, or runs its measuring code in a subprocess the same way.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .generate import generate

ROOT = Path(__file__).resolve().parents[2]
PG = "postgres://postgres@127.0.0.1:5432/"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options every benchmark shares (the runner adds them once)."""
    parser.add_argument("--articles", type=int, default=100_000,
                        help="articles in the dataset (default 100000)")
    parser.add_argument("--procedures", type=int, default=200)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--db", default="cms_bench", help="PostgreSQL database of the dataset")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "cms-bench",
                        help="where generated files and media go")
    parser.add_argument("--sqlite-articles", type=int, default=10_000,
                        help="articles for the SQLite import figure (0: skip)")
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the dataset")
    parser.add_argument("--small-db", default=None,
                        help="the 1,000-article database of the readers bench (default <db>_1k)")
    parser.add_argument("--repeat", type=int, default=15,
                        help="requests per URL in the readers bench (default 15)")


def url(name: str) -> str:
    return PG + _safe(name)


def _safe(name: str) -> str:
    """Database names go into SQL: letters, digits and underscores only."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,62}", name):
        raise ValueError(f"tên cơ sở dữ liệu không hợp lệ: {name!r}")
    return name


def psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(  # noqa: S603
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAc", sql],  # noqa: S607
        capture_output=True, text=True, check=True,
    )
    return result.stdout.strip()


def exists(name: str) -> bool:
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{_safe(name)}'") == "1"  # noqa: S608


def drop(name: str) -> None:
    psql(f'DROP DATABASE IF EXISTS "{_safe(name)}" WITH (FORCE)')


def recreate(name: str) -> None:
    drop(name)
    psql(f'CREATE DATABASE "{_safe(name)}"')


def rename(old: str, new: str) -> None:
    drop(new)
    psql(f'ALTER DATABASE "{_safe(old)}" RENAME TO "{_safe(new)}"')


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float  # the manage.py process's own peak
    output: str
    cpu_seconds: float = 0.0
    tree_rss_mb: float = 0.0  # the largest sum over it and its workers, sampled


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants now (Linux ``/proc``), in kB."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                total += next((int(line.split()[1]) for line in status
                               if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as kids:
                    pending += [int(kid) for kid in kids.read().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue  # it ended between two reads
    return total


class _TreeSampler(threading.Thread):
    """The peak of ``_tree_rss_kb`` every 0.2 s: worker processes' memory counts too."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.stopped = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.2):
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(self.pid))


def manage(database_url: str, *args: str, media: Path | None = None) -> Run:
    """``manage.py ARGS`` against ``database_url``; wall time and the child's peak RSS."""
    # DEBUG off as in production: Django would keep every query of a 100,000-article run.
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
           "DEBUG": "false"}
    if media:
        env["MEDIA_ROOT"] = str(media)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        started = time.perf_counter()
        child = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=log, stderr=log,
        )
        sampler = _TreeSampler(child.pid)
        sampler.start()
        # wait4: this child's own resource usage (its peak RSS), not all children's maximum.
        _, status, usage = os.wait4(child.pid, 0)
        sampler.stopped.set()
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        log.seek(0)
        output = log.read()
    if child.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{output}")
    return Run(seconds, usage.ru_maxrss / 1024, output, usage.ru_utime + usage.ru_stime,
               max(sampler.peak_kb, usage.ru_maxrss) / 1024)


def files(args: argparse.Namespace) -> tuple[Path, Path]:
    """(articles file, portal file) of the dataset, generated once."""
    args.workdir.mkdir(parents=True, exist_ok=True)
    articles = args.workdir / f"articles-{args.articles}.jsonl"
    portal = args.workdir / f"portal-{args.procedures}-{args.documents}.jsonl"
    if not articles.exists():
        generate(articles, args.articles, seed=1)
    if not portal.exists():
        generate(portal, 0, args.procedures, args.documents, seed=2, with_images=False)
    return articles, portal


def article_count(database_url_name: str) -> int:
    try:
        return int(psql("SELECT count(*) FROM news_newsarticlepage", database_url_name) or 0)
    except subprocess.CalledProcessError:
        return 0


def ensure_bench_db(args: argparse.Namespace) -> str:
    """The dataset's DATABASE_URL: reused when it holds the articles, else built by import."""
    name = args.db
    if not args.rebuild and exists(name) and article_count(name) >= args.articles:
        print(f"dataset: reusing {name} ({article_count(name):,} articles)")
        return url(name)
    articles, portal = files(args)
    recreate(name)
    manage(url(name), "migrate", "--noinput")
    media = args.workdir / f"media-{name}"
    manage(url(name), "import_content", str(portal), media=media)
    manage(url(name), "import_content", str(articles), media=media)
    print(f"dataset: built {name} ({article_count(name):,} articles)")
    return url(name)


def use_bench_db(args: argparse.Namespace) -> str:
    """Point this process's Django at the dataset (call before ``django.setup()``)."""
    database_url = ensure_bench_db(args)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ.setdefault("MEDIA_ROOT", str(args.workdir / f"media-{args.db}"))
    return database_url
