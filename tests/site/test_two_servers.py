"""Proof that the shared page cache is never stale: two server processes, one Redis.

Two ``manage.py runserver --noreload`` share a SQLite file and Redis db 5 (a key prefix of their
own). Every change is made by another process — one of the servers (its admin) or a command run
beside them, as an editor, the scheduler or an import would — and the other server must serve
the new version on the very next request. Skipped where Redis is not running.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS = "redis://127.0.0.1:6379/5"



def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


NO_REDIRECTS = urllib.request.build_opener(_NoRedirect)


class Site:
    """The environment both servers and every helper process share."""

    def __init__(self, tmp: Path) -> None:
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
            "REDIS_URL": REDIS,
            "CACHE_KEY_PREFIX": f"two-servers-{uuid.uuid4().hex[:8]}",
            "MEDIA_ROOT": str(tmp / "media"),
            "DEBUG": "true",  # static files without collectstatic
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CONN_MAX_AGE": "0",
        }
        self.servers: list[subprocess.Popen] = []
        self.ports: list[int] = []

    def manage(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, input=stdin,
            capture_output=True, text=True, timeout=600, check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", stdin=code)

    def start(self) -> None:
        for _ in range(2):
            port = _free_port()
            self.servers.append(subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", "runserver", "--noreload", "--nothreading",
                 f"127.0.0.1:{port}"],
                cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            ))
            self.ports.append(port)
        for port in self.ports:
            deadline = time.time() + 60
            while time.time() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    time.sleep(0.2)

    def stop(self) -> None:
        for server in self.servers:
            server.terminate()
            server.wait(timeout=10)

    def get(self, server: int, path: str) -> tuple[int, str, str]:
        """(status, body, X-Page-Cache) of one request; a redirect is answered, not followed
        (its body is its Location)."""
        url = f"http://127.0.0.1:{self.ports[server]}{path}"
        try:
            with NO_REDIRECTS.open(url, timeout=30) as response:
                return response.status, response.read().decode(), response.headers.get(
                    "X-Page-Cache", ""
                )
        except urllib.error.HTTPError as error:
            if 300 <= error.code < 400:
                return error.code, error.headers.get("Location", ""), ""
            return error.code, "", ""

    def warm(self, path: str) -> None:
        """Both servers have stored ``path``: each answers it from the shared cache."""
        for server in (0, 1):
            self.get(server, path)
        assert self.get(1, path)[2] == "hit", path


SETUP = """
from home.demo import ensure_home
from news.factories import NewsCategoryFactory, NewsIndexPageFactory, NewsArticlePageFactory
from home.models import SiteSettings, StandardPage
from wagtail.models import Site
from django.contrib.auth import get_user_model
home = ensure_home()
SiteSettings.for_site(Site.objects.get(is_default_site=True))
index = NewsIndexPageFactory(parent=home, title="Tin tức", slug="tin-tuc")
category = NewsCategoryFactory(name="Chỉ đạo điều hành")
NewsArticlePageFactory(parent=index, category=category, title="Bài thứ nhất", slug="bai-1")
NewsArticlePageFactory(parent=index, category=category, title="Bài thứ hai", slug="bai-2")
home.add_child(instance=StandardPage(title="Giới thiệu", slug="gioi-thieu"))
StandardPage.objects.get(slug="gioi-thieu").save_revision().publish()
home.add_child(instance=StandardPage(title="Tổ chức", slug="to-chuc"))
StandardPage.objects.get(slug="to-chuc").save_revision().publish()
get_user_model().objects.create_superuser("admin", "a@example.com", "mat-khau-rat-dai-2026")
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not _redis_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    site = Site(tmp_path_factory.mktemp("two-servers"))
    site.manage("migrate", "--noinput")
    site.shell(SETUP)
    site.start()
    yield site
    site.stop()


def admin_session(site: Site, server: int) -> urllib.request.OpenerDirector:
    """An editor signed in to one server's admin."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{site.ports[server]}"
    opener.open(base + "/admin/login/")
    token = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode(
        {"username": "admin", "password": "mat-khau-rat-dai-2026", "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(base + "/admin/login/", data, headers={"Referer": base})  # noqa: S310
    opener.open(request)
    opener.base, opener.jar = base, jar
    return opener


def admin_post(opener, path: str, **fields) -> None:
    token = next(c.value for c in opener.jar if c.name == "csrftoken")  # rotated at sign-in
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
    request = urllib.request.Request(  # noqa: S310 - http to our own server
        opener.base + path, data, headers={"Referer": opener.base}
    )
    with opener.open(request) as response:
        assert response.status == 200


def page_id(site: Site, slug: str) -> int:
    out = site.shell(f"from wagtail.models import Page; print(Page.objects.get(slug='{slug}').pk)")
    return int(out.strip().splitlines()[-1])


def test_publish_of_an_edit_is_served_by_the_other_server(site):
    for path in ("/tin-tuc/bai-1/", "/tin-tuc/", "/"):
        site.warm(path)
    site.shell(
        "from news.models import NewsArticlePage\n"
        "p = NewsArticlePage.objects.get(slug='bai-1')\n"
        "p.title = 'Bài thứ nhất (đã sửa)'\n"
        "p.save_revision().publish()\n"
    )
    for path in ("/tin-tuc/bai-1/", "/tin-tuc/", "/"):
        assert "Bài thứ nhất (đã sửa)" in site.get(1, path)[1], path


def test_a_saved_draft_is_never_served(site):
    site.warm("/tin-tuc/bai-2/")
    site.shell(
        "from news.models import NewsArticlePage\n"
        "p = NewsArticlePage.objects.get(slug='bai-2')\n"
        "p.title = 'Bản nháp chưa duyệt'\n"
        "p.save_revision()\n"
    )
    for server in (0, 1):
        for path in ("/tin-tuc/bai-2/", "/tin-tuc/", "/"):
            assert "Bản nháp chưa duyệt" not in site.get(server, path)[1]


def test_unpublish_through_one_servers_admin_is_seen_by_the_other(site):
    pk = page_id(site, "bai-2")
    for path in ("/tin-tuc/bai-2/", "/tin-tuc/", "/tin-tuc/rss/"):
        site.warm(path)
    opener = admin_session(site, 0)
    admin_post(opener, f"/admin/pages/{pk}/unpublish/")
    assert site.get(1, "/tin-tuc/bai-2/")[0] == 404
    for path in ("/tin-tuc/", "/tin-tuc/rss/", "/"):
        assert "/tin-tuc/bai-2/" not in site.get(1, path)[1], path


def test_move_through_one_servers_admin_is_seen_by_the_other(site):
    pk, target = page_id(site, "gioi-thieu"), page_id(site, "to-chuc")
    site.warm("/gioi-thieu/")
    opener = admin_session(site, 0)
    admin_post(opener, f"/admin/pages/{pk}/move/{target}/confirm/")
    moved = site.shell(
        f"from wagtail.models import Page; print(Page.objects.get(pk={pk}).url_path)"
    )
    assert moved.strip().endswith("/to-chuc/gioi-thieu/"), moved
    # The old address now leads to the new one (Wagtail's automatic redirect), not the old copy.
    assert site.get(1, "/gioi-thieu/")[:2] == (301, "/to-chuc/gioi-thieu/")
    assert site.get(1, "/to-chuc/gioi-thieu/")[0] == 200


def test_scheduled_expiry_without_a_scheduler(site):
    for path in ("/tin-tuc/bai-1/", "/tin-tuc/"):
        site.warm(path)
    site.shell(
        "import datetime as dt\n"
        "from django.utils import timezone\n"
        "from news.models import NewsArticlePage\n"
        "p = NewsArticlePage.objects.get(slug='bai-1')\n"
        "p.expire_at = timezone.now() + dt.timedelta(seconds=15)\n"
        "p.save_revision().publish()\n"
    )
    expires = time.time() + 15  # at the latest: the save happened before this line
    for path in ("/tin-tuc/bai-1/", "/tin-tuc/"):
        site.warm(path)
        assert "Bài thứ nhất" in site.get(1, path)[1]
    time.sleep(max(0.0, expires - time.time()) + 0.5)
    assert site.get(1, "/tin-tuc/bai-1/")[0] == 404
    assert site.get(0, "/tin-tuc/bai-1/")[0] == 404
    assert "/tin-tuc/bai-1/" not in site.get(1, "/tin-tuc/")[1]


def test_import_is_seen_by_both_servers(site, tmp_path):
    for path in ("/tin-tuc/", "/"):
        site.warm(path)
    record = (
        '{"type": "article", "legacy_id": "two-servers-1", "title": "Tin nhập từ tệp",'
        ' "lead": "Sapo.", "body": "<p>Nội dung.</p>",'
        ' "published_at": "2030-01-02T08:00:00+07:00", "category": "Chỉ đạo điều hành"}\n'
    )
    source = tmp_path / "import.jsonl"
    source.write_text(record, encoding="utf-8")
    site.manage("import_content", str(source))
    for server in (0, 1):
        for path in ("/tin-tuc/", "/"):
            assert "Tin nhập từ tệp" in site.get(server, path)[1], (server, path)
    assert re.search(r"Tin nhập từ tệp", site.get(1, "/tin-tuc/rss/")[1])
