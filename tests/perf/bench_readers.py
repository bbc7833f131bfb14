"""The reader's path: every public page at 1,000 and at 100,000 articles, and what a server
serves per second to an anonymous reader (cached), a signed-in editor (uncached) and for a
static file, in one run.

``python -m tests.perf readers [--db cms_bench] [--small-db h_bench_1k] [--repeat 15]``

1. Server time: in a child process per database (each its own Django), every public URL is
   requested through Django's test client with the page cache off, once to warm the shared
   fragments, then ``--repeat`` times: median, p95 and SQL queries; the two databases in turn,
   twice, keeping each URL's better round. The ratio 100k / 1k is the issue's first target
   (≤ 1.25). A URL that answers 404 at 1k (a page past the end) shows its status.
2. Throughput: gunicorn, 2 sync workers, production settings (``SECURE_SSL_REDIRECT=false``,
   Redis db 5 with a key prefix of its own), on the large database; ``wrk -t2 -c16`` for 10 s
   each: an article for an anonymous reader (page cache), the same article uncached (a
   parameter the page does not declare is never stored), the same for a signed-in editor, and
   a static file. Needs Debian's ``wrk`` (``apt-get install -y wrk``) and Redis on 127.0.0.1.

The small database is built once through the importer (``tests.perf.dataset``) when missing.
It is a benchmark: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRK_SECONDS = 10
ROUNDS = 2


def public_urls() -> list[tuple[str, str]]:
    """(label, path) of every kind of public page, chosen in the database at hand."""
    from home.models import PolicyIndexPage, ProcedureIndexPage, UnitSitesPage
    from news.models import NewsArticlePage, NewsCategory, NewsIndexPage

    news = NewsIndexPage.objects.live().first()
    base = news.url
    newest = NewsArticlePage.objects.live().order_by("-published_at").first()
    category = NewsCategory.objects.order_by("pk").first()
    year_month = newest.published_at.astimezone(newest.published_at.tzinfo)
    found = [
        ("trang chủ", "/"),
        ("bài viết mới nhất", newest.url),
        ("tin tức, trang 1", base),
        ("tin tức, trang 50", base + "?page=50"),
        ("chuyên mục", f"{base}chuyen-muc/{category.slug}/"),
        ("lưu trữ năm", f"{base}{year_month.year}/"),
        ("lưu trữ tháng", f"{base}{year_month.year}/{year_month.month:02d}/"),
        ("RSS", f"{base}rss/"),
        ("RSS chuyên mục", f"{base}chuyen-muc/{category.slug}/rss/"),
        ("sitemap.xml", "/sitemap.xml"),
        ("sitemap tin tức", "/sitemap-tin-tuc.xml"),
        ("sitemap tin tức p=10", "/sitemap-tin-tuc.xml?p=10"),
        ("tìm kiếm", "/search/?q=x%C3%A2y+d%E1%BB%B1ng"),
    ]
    for label, model, query in (
        ("thủ tục", ProcedureIndexPage, "?level=4"),
        ("văn bản", PolicyIndexPage, "?type=nghi-quyet"),
        ("đơn vị trực thuộc", UnitSitesPage, ""),
    ):
        page = model.objects.live().first()
        if page:
            found.append((label, page.url))
            if query:
                found.append((f"{label} có lọc", page.url + query))
    return found


def measure(repeat: int) -> dict:
    """In this process (Django set up on one database): each URL's times and queries."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from news.models import NewsArticlePage

    settings.ALLOWED_HOSTS = ["localhost"]
    override_settings(PAGE_CACHE_ENABLED=False, DEBUG=False, STORAGES={
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }).enable()
    client = Client(HTTP_HOST="localhost")
    rows = {}
    for label, url in public_urls():
        client.get(url)
        client.get(url)
        times, queries, status = [], 0, 0
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                status = client.get(url).status_code
                times.append(time.perf_counter() - started)
            queries = len(captured)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        rows[label] = {"url": url, "median": statistics.median(times), "p95": p95,
                       "queries": queries, "status": status}
    return {"articles": NewsArticlePage.objects.count(), "rows": rows}


def _child(db: str, repeat: int) -> dict:
    from .dataset import url

    env = {**os.environ, "DATABASE_URL": url(db), "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    out = subprocess.run(  # noqa: S603 - this module, another database
        [sys.executable, "-m", "tests.perf.bench_readers", "--measure", "--repeat", str(repeat)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _best(results: list[dict]) -> dict:
    """Per URL, the round with the lowest median."""
    best = dict(results[0])
    best["rows"] = {
        label: min((r["rows"][label] for r in results), key=lambda row: row["median"])
        for label in results[0]["rows"]
    }
    return best


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wrk(url: str, *headers: str) -> float:
    args = ["wrk", "-t2", "-c16", f"-d{WRK_SECONDS}s", *sum((["-H", h] for h in headers), []), url]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout  # noqa: S603
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def throughput(db: str, article: str) -> dict[str, float]:
    """Requests/s of gunicorn (2 workers, production settings) for the four kinds of reader."""
    from .dataset import url

    env = {
        **os.environ,
        "DATABASE_URL": url(db),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        "CACHE_KEY_PREFIX": f"bench-readers-{uuid.uuid4().hex[:8]}",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    session = subprocess.run(  # noqa: S603
        [*manage, "shell", "-c", (
            "from django.contrib.auth import get_user_model\n"
            "from django.contrib.sessions.backends.db import SessionStore\n"
            "u, _ = get_user_model().objects.get_or_create(username='bench_docgia_bientap',"
            " defaults={'is_staff': True})\n"
            "s = SessionStore(); s['_auth_user_id'] = str(u.pk);"
            " s['_auth_user_backend'] = 'django.contrib.auth.backends.ModelBackend';"
            " s['_auth_user_hash'] = u.get_session_auth_hash(); s.create(); print(s.session_key)"
        )], cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout.strip().splitlines()[-1]
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    static = "/static/" + manifest["paths"]["css/site.css"]
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.3)
        subprocess.run(["curl", "-s", "-o", "/dev/null", base + article], check=False)  # noqa: S603, S607
        return {
            "bài viết, độc giả (có cache)": _wrk(base + article),
            "bài viết, không cache": _wrk(base + article + "?bench=1"),
            "bài viết, biên tập viên đăng nhập": _wrk(
                base + article, f"Cookie: sessionid={session}"
            ),
            "tệp tĩnh": _wrk(base + static),
        }
    finally:
        server.terminate()
        server.wait(timeout=10)


def run(args: argparse.Namespace) -> None:
    from .dataset import ensure_bench_db

    repeat = getattr(args, "repeat", 15)
    small_db = getattr(args, "small_db", None) or f"{args.db}_1k"
    small = argparse.Namespace(**{**vars(args), "db": small_db, "articles": 1000})
    ensure_bench_db(small)
    ensure_bench_db(args)
    # Alternate the databases, twice, and keep each URL's better round: on a shared machine the
    # load drifts during a run, and a ratio of two phases measured minutes apart would show it.
    rounds = [(_child(small_db, repeat), _child(args.db, repeat)) for _ in range(ROUNDS)]
    one, big = (_best([r[i] for r in rounds]) for i in (0, 1))
    print(f"Thời gian máy chủ, không cache trang ({repeat} lần mỗi địa chỉ; mục tiêu ≤ 1,25×)")
    print(f"{'trang':26} {'1k trung vị':>11} {'p95':>7} {'tv':>4}  "
          f"{'100k trung vị':>13} {'p95':>7} {'tv':>4}  {'tỉ lệ':>6}")
    for label, a in one["rows"].items():
        b = big["rows"].get(label)
        if not b:
            continue
        ratio = b["median"] / a["median"] if a["median"] else float("nan")
        if a["status"] != b["status"]:
            label = f"{label} ({a['status']}/{b['status']})"
        print(f"{label:26} {a['median'] * 1000:9.1f}ms {a['p95'] * 1000:5.1f}ms {a['queries']:4d}  "
              f"{b['median'] * 1000:11.1f}ms {b['p95'] * 1000:5.1f}ms {b['queries']:4d}  "
              f"{ratio:5.2f}×{'' if ratio <= 1.25 else ' !'}")
    print(f"(bài viết: {one['articles']:,} và {big['articles']:,})")
    if not shutil.which("wrk"):
        print("\nwrk không có: apt-get install -y wrk")
        return
    article = big["rows"]["bài viết mới nhất"]["url"]
    rates = throughput(args.db, article)
    static = rates["tệp tĩnh"]
    print(f"\nThông lượng, gunicorn 2 worker, wrk -t2 -c16 {WRK_SECONDS}s, {big['articles']:,} bài")
    for label, rate in rates.items():
        print(f"{label:36} {rate:9.1f} req/s  {rate / static * 100:6.2f}% tệp tĩnh")
    print("mục tiêu: không cache ≥ 4 %, có cache ≥ 50 % của tệp tĩnh")


if __name__ == "__main__":
    if "--measure" in sys.argv:
        repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 15
        import django

        django.setup()
        print(json.dumps(measure(repeat)))
    else:
        from .__main__ import parser

        run(parser().parse_args())
