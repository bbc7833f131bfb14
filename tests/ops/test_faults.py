"""Faults survived, with real servers: PostgreSQL stopped under load, Redis down, an import killed.

Each test prints its figures (requests, answers by status, time to recover); run with ``-s``.
"""

from __future__ import annotations

import http.client
import json
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest

from .servers import ROOT, Gunicorn, RedisServer, manage, site_env

pytestmark = pytest.mark.slow

OUTAGE_SECONDS = 10
RECOVERY_SECONDS = 5
IN_FLIGHT = 2.0
PATHS = ["/", "/tin-tuc/", "/chinh-sach-phap-luat/", "/khong-co-trang-nay/"]


def fetch(port: int, path: str, *, cache_state: bool = False) -> tuple:
    """(status, body) of a GET; with ``cache_state``, also the X-Page-Cache header."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        answer = (response.status, response.read().decode("utf-8", "replace"))
        return (*answer, response.getheader("X-Page-Cache", "")) if cache_state else answer
    finally:
        conn.close()


class Load:
    """Threads requesting the site's pages in a loop, recording (time, path, status, body,
    X-Page-Cache)."""

    def __init__(self, port: int, threads: int = 3) -> None:
        self.port = port
        self.results: list[tuple[float, str, int, str, str]] = []
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(n,)) for n in range(threads)]

    def run(self, n: int) -> None:
        i = n
        while not self.stop.is_set():
            path = PATHS[i % len(PATHS)]
            i += 1
            started = time.monotonic()
            try:
                status, body, cached = fetch(self.port, path, cache_state=True)
            except OSError as error:
                status, body, cached = 0, repr(error), ""
            self.results.append((started, path, status, body, cached))
            time.sleep(0.02)

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(60)


def expected(path: str) -> int:
    return 404 if path == "/khong-co-trang-nay/" else 200


def test_postgresql_stopped_under_load(pg_cluster, redis_server, tmp_path):
    """As in production: the page cache shared in Redis. Pages it holds are answered from it
    throughout the outage; the rest (here the 404, never stored) get the 503 page."""
    url = pg_cluster.createdb(f"outage_{uuid.uuid4().hex[:8]}", template="site")
    env = site_env(url, pg_cluster.media, STATIC_ROOT=str(pg_cluster.static),
                   REDIS_URL=redis_server.url)
    with Gunicorn(env, tmp_path / "gunicorn.log") as app:
        for path in PATHS * 2:  # every worker has loaded its code and templates
            assert fetch(app.port, path)[0] == expected(path)
        cached = {path for path in PATHS if fetch(app.port, path, cache_state=True)[2] == "hit"}
        assert cached == set(PATHS[:3])  # every page; a 404 is never stored
        with Load(app.port) as load:
            time.sleep(3)
            stopped = time.monotonic()
            pg_cluster.stop("fast")
            time.sleep(OUTAGE_SECONDS)
            pg_cluster.start()
            restarted = time.monotonic()
            time.sleep(RECOVERY_SECONDS + 8)
        assert app.process.poll() is None  # the same gunicorn throughout, never restarted
    results = load.results
    # A request begun in the last seconds before the stop may be cut by it: it counts as during.
    before = [r for r in results if r[0] < stopped - IN_FLIGHT]
    during = [r for r in results if stopped - IN_FLIGHT <= r[0] < restarted]
    after = [r for r in results if r[0] >= restarted]
    settled = [r for r in after if r[0] >= restarted + RECOVERY_SECONDS]
    first_ok = min((r[0] for r in after if r[2] == expected(r[1])), default=None)
    from_cache = Counter(r[2] for r in during if r[4] == "hit")
    recovery = f"{first_ok - restarted:.2f} s" if first_ok else "never"
    print(f"\nPostgreSQL outage ({OUTAGE_SECONDS} s, page cache in Redis): {len(results)} requests"
          f" sent; before {dict(Counter(r[2] for r in before))}, during "
          f"{dict(Counter(r[2] for r in during))} (from the cache {dict(from_cache)}), after "
          f"{dict(Counter(r[2] for r in after))}; first success {recovery} after the restart, "
          f"all {len(settled)} requests from {RECOVERY_SECONDS} s after it as expected: "
          f"{all(r[2] == expected(r[1]) for r in settled)}")
    assert all(r[2] == expected(r[1]) for r in before)
    assert during and all(r[2] in (503, expected(r[1])) for r in during)
    # What the cache held, readers kept getting: every stored page, the whole outage long.
    assert all(r[2] == 200 and r[4] == "hit" for r in during if r[1] in cached)
    assert any(r[2] == 503 for r in during)  # and the database really was gone
    for _, _, status, body, _ in during:
        if status == 503:
            assert "Hệ thống tạm thời gián đoạn" in body and "Traceback" not in body
    assert not [r for r in results if r[2] in (0, 500)]
    assert settled and all(r[2] == expected(r[1]) for r in settled)


def admin_login(base: str, password: str) -> int:
    opener = build_opener(HTTPCookieProcessor(CookieJar()))
    page = opener.open(f"{base}/admin/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urlencode({"csrfmiddlewaretoken": token, "username": "ops", "password": password,
                      "next": "/admin/"}).encode()
    response = opener.open(f"{base}/admin/login/", data=data, timeout=30)
    dashboard = response.read().decode()
    assert response.url.endswith("/admin/") and "Đăng xuất" in dashboard or "logout" in dashboard
    try:
        return opener.open(f"{base}/admin/pages/", timeout=30).status
    except HTTPError as error:
        return error.code


def test_redis_down_site_serves_uncached_admin_works(pg_cluster, tmp_path):
    redis = RedisServer(tmp_path)
    redis.start()
    url = pg_cluster.createdb(f"redis_{uuid.uuid4().hex[:8]}", template="site")
    env = site_env(url, pg_cluster.media, REDIS_URL=redis.url, STATIC_ROOT=str(pg_cluster.static))
    password = uuid.uuid4().hex
    manage("createsuperuser", "--noinput", "--username", "ops", "--email", "ops@example.vn",
           env={**env, "DJANGO_SUPERUSER_PASSWORD": password})
    statuses: Counter[int] = Counter()
    try:
        with Gunicorn(env, tmp_path / "gunicorn.log") as app:
            for path in PATHS:
                statuses[fetch(app.port, path)[0]] += 1
            import redis as redis_client

            raw = redis_client.Redis.from_url(redis.url)
            assert raw.dbsize() > 0  # the site caches in Redis
            redis.stop()
            down = Counter(fetch(app.port, path)[0] for path in PATHS * 5)
            admin_status = admin_login(app.base, password)
            redis.start()
            time.sleep(3)  # the cache retries Redis after cms.rediscache.RETRY_AFTER
            back = Counter(fetch(app.port, path)[0] for path in PATHS * 2)
            keys = redis_client.Redis.from_url(redis.url).dbsize()
            print(f"\nRedis down: {sum(down.values())} requests {dict(down)}, "
                  f"admin {admin_status}; back: {dict(back)}, {keys} keys cached again")
            assert down == Counter({200: 15, 404: 5})
            assert admin_status == 200
            assert back == Counter({200: 6, 404: 2}) and keys > 0
            log = (tmp_path / "gunicorn.log").read_text()
            assert "cache unavailable (ConnectionError)" in log
            assert " 500 " not in log
    finally:
        redis.stop()


def article(n: int, batch: str) -> dict:
    return {"type": "article", "legacy_id": f"{batch}-{n}",
            "title": f"Bài kiểm tra lô {batch} số {n}", "lead": "Sapo.",
            "body": "<p>" + "Nội dung bài viết dài. " * 40 + "</p>",
            "published_at": "2021-03-01T08:30:00+07:00", "category": "Hoạt động của Bộ"}


def count_articles(env: dict[str, str], batch: str) -> int:
    """Articles of one generated file (their slugs: bai-kiem-tra-lo-<batch>-so-<n>)."""
    script = ("import django; django.setup(); from news.models import NewsArticlePage;"
              "print(NewsArticlePage.objects.filter("
              f"slug__startswith='bai-kiem-tra-lo-{batch}-so-').count())")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,  # noqa: S603
                            capture_output=True, text=True, check=True, timeout=120)
    return int(result.stdout.strip().splitlines()[-1])


def test_import_killed_half_way_leaves_whole_files_only(pg_cluster, tmp_path):
    url = pg_cluster.createdb(f"kill_{uuid.uuid4().hex[:8]}", template="site")
    env = site_env(url, tmp_path / "media")
    batch = uuid.uuid4().hex[:6]
    small, large = tmp_path / "a-small.jsonl", tmp_path / "b-large.jsonl"
    small.write_text(json.dumps(article(0, f"{batch}s"), ensure_ascii=False) + "\n")
    with large.open("w") as handle:
        for n in range(3000):
            handle.write(json.dumps(article(n, batch), ensure_ascii=False) + "\n")
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "import_content", str(small), str(large), "--progress",
         "--batch-size", "100"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )
    seen = ""
    while "Nhập b-large.jsonl" not in seen or not re.search(r"b-large.jsonl.*[1-9]\d* ?/", seen):
        chunk = process.stdout.read(1)
        assert chunk, f"import ended before the kill:\n{seen}"
        seen += chunk
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    whole, partial = count_articles(env, f"{batch}s"), count_articles(env, batch)
    print(f"\nimport killed: first file {whole}/1 article, second file {partial}/3000")
    assert (whole, partial) == (1, 0)

    out = manage("import_content", str(small), str(large), env=env, timeout=900)
    assert count_articles(env, batch) == 3000
    check = manage("fixtree", env=env)
    print(f"re-run: {out.strip().splitlines()[-1]}; fixtree: {check.strip().splitlines()[-1]}")
    assert "No problems found" in check
