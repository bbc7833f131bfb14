"""Import throughput and peak memory: 100,000 articles into an empty PostgreSQL database (the
target: ≥ 300 articles/s, under 10 minutes), the same file again (idempotent: nothing written),
and a smaller file on SQLite. The fresh database becomes the shared dataset when there is none.
"""

from __future__ import annotations

import argparse
import re
import shutil

from . import dataset


def _line(label: str, count: int, run: dataset.Run) -> None:
    rate = count / run.seconds if run.seconds else 0
    cpu_rate = count / run.cpu_seconds if run.cpu_seconds else 0
    print(f"{label}: {count:,} records in {run.seconds:,.1f} s wall = {rate:,.1f}/s "
          f"({run.cpu_seconds:,.1f} s CPU = {cpu_rate:,.1f}/s per CPU-second), "
          f"peak RSS {run.peak_rss_mb:,.0f} MB (with its workers {run.tree_rss_mb:,.0f} MB)",
          flush=True)


def run(args: argparse.Namespace) -> None:
    articles, portal = dataset.files(args)
    name = f"{args.db}_import"
    dataset.recreate(name)
    db = dataset.url(name)
    dataset.manage(db, "migrate", "--noinput")
    media = args.workdir / f"media-{name}"

    portal_run = dataset.manage(db, "import_content", str(portal), media=media)
    _line("PostgreSQL portal (procedures + documents, bulk path)",
          args.procedures + args.documents, portal_run)
    first = dataset.manage(db, "import_content", str(articles), media=media)
    _line("PostgreSQL articles, empty site (bulk path + search index)", args.articles, first)
    print(f"  {first.output.strip()}")
    again = dataset.manage(db, "import_content", str(articles), media=media)
    _line("PostgreSQL same file again (idempotent)", args.articles, again)
    print(f"  {again.output.strip()}")
    check = dataset.manage(db, "fixtree")
    print("  fixtree:", "clean" if re.search(r"No problems found", check.output) else check.output)

    if args.sqlite_articles:
        small = args.workdir / f"articles-{args.sqlite_articles}.jsonl"
        if not small.exists():
            from .generate import generate

            generate(small, args.sqlite_articles, seed=1)
        sqlite = args.workdir / "bench.sqlite3"
        sqlite.unlink(missing_ok=True)
        lite = f"sqlite:///{sqlite}"
        dataset.manage(lite, "migrate", "--noinput")
        lite_run = dataset.manage(lite, "import_content", str(small),
                                  media=args.workdir / "media-sqlite")
        _line("SQLite articles, empty site", args.sqlite_articles, lite_run)

    if not dataset.exists(args.db) or dataset.article_count(args.db) < args.articles:
        dataset.rename(name, args.db)
        if media.exists():
            shutil.rmtree(args.workdir / f"media-{args.db}", ignore_errors=True)
            media.rename(args.workdir / f"media-{args.db}")
        print(f"dataset: {name} kept as {args.db}")
    else:
        dataset.drop(name)
