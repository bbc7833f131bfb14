"""/healthz and /readyz as a load balancer sees them."""

from __future__ import annotations

import json

import pytest

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings

#: A Redis nobody listens on (port 1 is never a Redis).
CLOSED_REDIS = "redis://127.0.0.1:1/0"
BROKEN_DJANGO_REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": CLOSED_REDIS}}
BROKEN_SITE_REDIS = {"default": {"BACKEND": "cms.rediscache.SiteRedisCache",
                                 "LOCATION": CLOSED_REDIS}}


def test_healthz_touches_no_database_cache_or_session(client):
    # No django_db mark: any query raises. Django's own RedisCache on a closed port raises on any
    # use. The probe answers all the same.
    with override_settings(CACHES=BROKEN_DJANGO_REDIS):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_probes_answer_a_load_balancer_probing_by_ip_over_http(client):
    with override_settings(SECURE_SSL_REDIRECT=True):
        assert client.get("/healthz", HTTP_HOST="10.0.0.7").status_code == 200
        assert client.get("/readyz", HTTP_HOST="10.0.0.7").status_code == 200
        # Everything else still checks the host and redirects to HTTPS.
        assert client.get("/", HTTP_HOST="10.0.0.7").status_code == 400
        assert client.get("/robots.txt").status_code == 301


@pytest.mark.django_db
def test_readyz_ok_when_database_migrations_and_cache_are(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok", "checks": {"database": "ok", "migrations": "ok", "cache": "ok"},
    }


@pytest.mark.django_db
@pytest.mark.parametrize("caches", [BROKEN_DJANGO_REDIS, BROKEN_SITE_REDIS],
                         ids=["django-redis-cache", "degrading-site-cache"])
def test_readyz_names_an_unreachable_cache(client, caches):
    with override_settings(CACHES=caches):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["cache"]
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] in {"error: ConnectionError", "unreachable"}
    assert "127.0.0.1" not in response.content.decode()  # no addresses, no secrets


@pytest.mark.django_db
def test_readyz_names_an_unapplied_migration(client):
    # The real state of a database one migration behind the code: its record is not there.
    loader = MigrationLoader(connection)
    app, name = next(node for node in loader.graph.leaf_nodes() if node[0] == "wagtailcore")
    assert MigrationRecorder.Migration.objects.filter(app=app, name=name).delete()[0] == 1
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["migrations"]
    assert body["checks"]["migrations"] == "unapplied: 1"


def test_readyz_without_a_database_names_it_and_skips_migrations(client, settings):
    # No django_db mark: pytest-django blocks the database, as an unreachable server would.
    response = client.get("/readyz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["checks"]["database"].startswith("error: ")
    assert body["checks"]["migrations"] == "skipped"
    assert body["failing"] == ["database", "migrations"]
