"""The Redis cache shared by app servers: purges only its own keys, survives Redis going away."""

from __future__ import annotations

import io
import json

import pytest
import redis

from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from cms import rediscache
from cms.importer.run import after_import
from home.models import UnitSite


def site_cache(url: str, prefix: str = "cms") -> dict:
    return {"default": {"BACKEND": "cms.rediscache.SiteRedisCache", "LOCATION": url,
                        "KEY_PREFIX": prefix}}


@pytest.mark.django_db
def test_an_import_removes_this_sites_keys_and_no_other(redis_server, tmp_path):
    raw = redis.Redis.from_url(redis_server.url)
    raw.set("othersite:1:page", b"kept")
    raw.set("session-of-another-app", b"kept")
    with override_settings(CACHES=site_cache(redis_server.url, prefix="cms")):
        cache.set_many({f"page:{n}": n for n in range(1200)})  # more than one SCAN/DELETE batch
        assert raw.dbsize() == 1202
        source = tmp_path / "units.jsonl"
        source.write_text(json.dumps({"type": "unit", "name": "Cục Quản lý nhà",
                                      "url": "https://cucnha.example.vn"}) + "\n")
        call_command("import_content", str(source), stdout=io.StringIO())
        assert UnitSite.objects.filter(url="https://cucnha.example.vn").exists()
        assert cache.get("page:7") is None
    keys = raw.keys()  # a Redis client, not a dict
    assert sorted(k for k in keys if not k.startswith(b"cms:")) == [
        b"othersite:1:page", b"session-of-another-app"]
    # Of this site's keys only the page cache's new generation, set by the purge after the clear.
    assert [k for k in keys if k.startswith(b"cms:")] == [b"cms:1:pc:gen:*"]


@pytest.mark.django_db
def test_after_import_clears_only_the_prefix_even_with_glob_characters(redis_server):
    raw = redis.Redis.from_url(redis_server.url)
    raw.set("cmsX:1:a", b"kept")  # would match a naive "cms*" pattern
    with override_settings(CACHES=site_cache(redis_server.url, prefix="cms")):
        cache.set("a", 1)
        after_import()
        assert cache.get("a") is None
    assert sorted(raw.keys()) == [b"cms:1:pc:gen:*", b"cmsX:1:a"]


def test_redis_down_degrades_to_uncached_and_recovers(redis_server, monkeypatch, caplog):
    monkeypatch.setattr(rediscache, "RETRY_AFTER", 0.0)
    with override_settings(CACHES=site_cache(redis_server.url)):
        cache.set("k", "v")
        assert cache.get("k") == "v"
        redis_server.stop()
        assert cache.get("k", "miss") == "miss"
        cache.set("k", "v2")  # dropped, no exception
        assert cache.add("n", 1) is False
        assert cache.get_many(["k"]) == {}
        with pytest.raises(ValueError):
            cache.incr("n")
        assert cache.clear() is False
        assert any("cache unavailable (ConnectionError)" in r.getMessage() for r in caplog.records)
        redis_server.start()  # same port, empty
        cache.set("k", "v3")
        assert cache.get("k") == "v3"


def test_generations_of_a_cache_that_is_down_are_fresh(redis_server, monkeypatch):
    """The page cache and its shared fragments ask for generations first: with Redis down they
    get one of this instant (nothing stored under it), so pages are answered uncached."""
    from cms.cache import keys

    monkeypatch.setattr(rediscache, "RETRY_AFTER", 0.0)
    with override_settings(CACHES=site_cache(redis_server.url)):
        redis_server.stop()
        first = keys.current([keys.ALL])
        second = keys.current([keys.ALL])
    assert set(first) == {keys.ALL}
    assert second[keys.ALL] > first[keys.ALL]


@pytest.mark.django_db
def test_a_settings_change_purges_this_sites_pages_and_keeps_every_other_key(
    redis_server, home_page, client
):
    """Site settings show on every page: saving them retires the site's stored pages (a new
    generation) and deletes nothing else in the Redis database."""
    from wagtail.models import Site

    from home.models import SiteSettings, StandardPage

    page = home_page.add_child(instance=StandardPage(title="Liên hệ"))
    page.save_revision().publish()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))  # the row exists
    raw = redis.Redis.from_url(redis_server.url)
    raw.set("othersite:1:page", b"kept")
    raw.set("session-of-another-app", b"kept")
    with override_settings(CACHES=site_cache(redis_server.url), PAGE_CACHE_ENABLED=True):
        client.get(page.url)
        assert client.get(page.url)["X-Page-Cache"] == "hit"
        stored = set(raw.scan_iter(match="cms:1:pc:page:*"))
        assert stored
        settings.ministry_name = "Bộ Xây dựng (tên mới)"
        settings.save()
        # Retired by a new generation, not deleted: nothing was flushed.
        assert set(raw.scan_iter(match="cms:1:pc:page:*")) >= stored
        response = client.get(page.url)
        assert response["X-Page-Cache"] == "miss"
        assert "Bộ Xây dựng (tên mới)" in response.content.decode()
    assert raw.get("othersite:1:page") == b"kept" and raw.get("session-of-another-app") == b"kept"
