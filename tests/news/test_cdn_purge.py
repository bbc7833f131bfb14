"""The CDN (wagtail.contrib.frontend_cache) gets the same purge set as the page cache: a real
HTTP PURGE proxy (a small server here) receives the article and every listing that shows it."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from news.factories import NewsArticlePageFactory


class _Proxy(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []

    def do_PURGE(self) -> None:  # noqa: N802 - the HTTP method's name
        self.seen.append((self.headers.get("Host", ""), self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def proxy(settings):
    server = HTTPServer(("127.0.0.1", 0), _Proxy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Proxy.seen = []
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield _Proxy.seen
    server.shutdown()


def test_publishing_purges_the_article_and_its_listings_at_the_cdn(
    proxy, news_index, category, home_page
):
    article = NewsArticlePageFactory(parent=news_index, category=category)
    proxy.clear()
    article.title = "Tiêu đề mới"
    article.save_revision().publish()
    paths = {path for _, path in proxy}
    assert {article.url, "/", "/tin-tuc/", "/tin-tuc/rss/", f"/tin-tuc/chuyen-muc/{category.slug}/",
            "/sitemap.xml"} <= paths
    assert all(host == "localhost" for host, _ in proxy)


def test_settings_choose_the_backend_from_the_environment(monkeypatch):
    import importlib

    import cms.settings.base as base

    monkeypatch.setenv("FRONTEND_CACHE", "cloudflare")
    monkeypatch.setenv("CLOUDFLARE_BEARER_TOKEN", "token")
    monkeypatch.setenv("CLOUDFLARE_ZONEID", "zone")
    try:
        reloaded = importlib.reload(base)
        backend = reloaded.WAGTAILFRONTENDCACHE["cdn"]
        assert backend["BACKEND"].endswith("CloudflareBackend")
        assert (backend["BEARER_TOKEN"], backend["ZONEID"]) == ("token", "zone")
        assert "wagtail.contrib.frontend_cache" in reloaded.INSTALLED_APPS
    finally:
        monkeypatch.delenv("FRONTEND_CACHE")
        importlib.reload(base)
