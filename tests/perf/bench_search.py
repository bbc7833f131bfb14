"""Search latency at scale: our Vietnamese backend beside Wagtail's plain database backend.

``python -m tests.perf.bench_search [--articles 100000] [--queries 240] [--skip-load]``
(or through the perf runner). Needs ``DATABASE_URL`` pointing at a PostgreSQL database of its
own; it loads the synthetic corpus (``tests.perf.generate`` + ``import_content``) when the
database has fewer articles than asked, fills the plain backend's index (``wagtailsearch_
indexentry``) from the same pages, then times the same varied queries on both backends in the
same run, one after the other. One timed search = what ``/search/`` asks the backend:
the first 10 results and the total; the whole ``/search/?format=json`` request (through Django's
test client, in this process) is timed as well. Prints median and p95 of each. A benchmark, not
a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

SEED = 20201921


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()


def load(articles: int, procedures: int, documents: int) -> None:
    """Generate and import the synthetic corpus unless the database already holds it."""
    from django.core.management import call_command

    from news.models import NewsArticlePage

    call_command("migrate", verbosity=0)
    have = NewsArticlePage.objects.count()
    if have >= articles:
        print(f"corpus: {have} articles already loaded")
        return
    from tests.perf.generate import generate

    if not have:
        call_command("load_demo", verbosity=0)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.jsonl"
        generate(path, articles=articles - have, procedures=procedures, documents=documents,
                 seed=SEED, with_images=False)
        started = time.perf_counter()
        call_command("import_content", str(path), verbosity=1)
        print(f"corpus: imported in {time.perf_counter() - started:.0f} s")


def fill_plain_index(plain) -> None:
    """Index every page into the plain backend's table, as its update_index would."""
    from modelsearch.index import get_indexed_models

    from wagtail.models import Page

    from news.models import NewsArticlePage

    IndexEntry = plain.get_index_for_model(Page).entries.model  # noqa: N806
    if IndexEntry.objects.count() >= NewsArticlePage.objects.count():
        print(f"plain index: {IndexEntry.objects.count()} entries already")
        return
    started = time.perf_counter()
    index = plain.get_index_for_model(Page)
    for model in get_indexed_models():
        if not issubclass(model, Page):
            continue
        objects = model.get_indexed_objects().order_by("pk")
        last = 0
        while True:
            chunk = list(objects.filter(pk__gt=last)[:1000])
            if not chunk:
                break
            index.add_items(model, chunk)
            last = chunk[-1].pk
    index._refresh_title_norms(full=True)
    print(f"plain index: built in {time.perf_counter() - started:.0f} s")


def queries(count: int) -> list[str]:
    """Varied queries: single words, phrases of 2–4 syllables from real titles, no-diacritic and
    NFD forms, upper case, procedure codes and document numbers, and words found nowhere."""
    from cms import text
    from home.models import PolicyPage, ProcedurePage
    from news.models import NewsArticlePage

    rng = random.Random(SEED)
    ids = sorted(NewsArticlePage.objects.values_list("pk", flat=True))
    chosen = rng.sample(ids, min(400, len(ids)))
    titles = [
        title for _, title in sorted(
            NewsArticlePage.objects.filter(pk__in=chosen).values_list("pk", "title")
        )
    ]
    codes = list(ProcedurePage.objects.exclude(code=None).values_list("code", flat=True)[:50])
    numbers = list(PolicyPage.objects.exclude(number=None).values_list("number", flat=True)[:50])
    out: list[str] = []
    while len(out) < count:
        kind = len(out) % 10
        words = text.search_words(rng.choice(titles)) if titles else ["xây", "dựng"]
        if kind in (0, 1, 2):  # a phrase from a title
            size = rng.randint(2, 4)
            start = rng.randint(0, max(len(words) - size, 0))
            q = " ".join(words[start : start + size])
        elif kind == 3:  # one word
            q = rng.choice(words)
        elif kind == 4:  # without diacritics
            q = text.fold(" ".join(words[:3]))
        elif kind == 5:  # NFD, as a Mac sends it
            q = unicodedata.normalize("NFD", " ".join(words[1:3]))
        elif kind == 6:
            q = " ".join(words[:2]).upper()
        elif kind == 7 and codes:
            q = rng.choice(codes)
        elif kind == 8 and numbers:
            q = rng.choice(numbers)
        else:  # nothing matches
            q = rng.choice(["kính vạn hoa", "zyxwv", "tàu vũ trụ", "hoa anh đào nhật"])
        if q.strip():
            out.append(q)
    return out


def _time_one(backend, query: str) -> tuple[float, int]:
    """What ``/search/`` asks a backend: the first 10 results and the total."""
    from wagtail.models import Page

    started = time.perf_counter()
    results = backend.search(query, Page.objects.live().public())
    list(results[:10])
    total = results.count()
    return (time.perf_counter() - started) * 1000, total


def _time_view(client, query: str) -> tuple[float, int]:
    """The whole ``/search/?q=…&format=json`` request (form, counts per type, snippets)."""
    started = time.perf_counter()
    response = client.get("/search/", {"q": query, "format": "json"})
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, response.json().get("total", 0) if response.status_code == 200 else -1


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def run(argv: list[str] | argparse.Namespace | None = None) -> dict:
    if isinstance(argv, argparse.Namespace):
        # Called by `python -m tests.perf` (make bench): search the shared, already built dataset.
        from .dataset import use_bench_db

        use_bench_db(argv)
        argv = ["--skip-load"]
    parser = argparse.ArgumentParser(description="Đo độ trễ tìm kiếm (PostgreSQL).")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--procedures", type=int, default=300)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--skip-load", action="store_true")
    args = parser.parse_args(argv)

    _setup()
    from django.db import connection

    from wagtail.search.backends import get_search_backend

    if connection.vendor != "postgresql":
        sys.exit("bench_search: set DATABASE_URL to a PostgreSQL database of its own.")
    if not args.skip_load:
        load(args.articles, args.procedures, args.documents)
    ours = get_search_backend()
    plain = get_search_backend("wagtail.search.backends.database")
    fill_plain_index(plain)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    qs = queries(args.queries)
    for q in qs[:20]:  # warm both
        _time_one(ours, q)
        _time_one(plain, q)
        _time_view(client, q)
    timings: dict[str, list[float]] = {"ours": [], "plain": [], "view": []}
    totals: dict[str, list[int]] = {"ours": [], "plain": [], "view": []}
    # One backend's queries after the other's: the plain backend reads gigabytes per query and
    # would leave the other's pages out of the cache if they alternated.
    for name, timed in (
        ("ours", lambda q: _time_one(ours, q)),
        ("view", lambda q: _time_view(client, q)),
        ("plain", lambda q: _time_one(plain, q)),
    ):
        for q in qs:
            ms, total = timed(q)
            timings[name].append(ms)
            totals[name].append(total)

    report = {}
    for name in ("ours", "plain", "view"):
        values = timings[name]
        report[name] = {
            "median_ms": round(statistics.median(values), 1),
            "p95_ms": round(_p95(values), 1),
            "max_ms": round(max(values), 1),
            "found_nothing": sum(1 for t in totals[name] if t == 0),
        }
    from news.models import NewsArticlePage

    print(f"search bench: {NewsArticlePage.objects.count()} articles, {len(qs)} queries")
    labels = {"ours": "ours (backend)", "plain": "plain (backend)", "view": "ours (/search/ JSON)"}
    for name, figures in report.items():
        print(f"  {labels[name]:21} median {figures['median_ms']} ms, p95 {figures['p95_ms']} ms, "
              f"max {figures['max_ms']} ms, found nothing for {figures['found_nothing']}")
    ratio = report["ours"]["p95_ms"] / max(report["plain"]["p95_ms"], 0.001)
    print(f"  p95 ours/plain: {ratio:.2f}")
    return report


if __name__ == "__main__":
    run()
