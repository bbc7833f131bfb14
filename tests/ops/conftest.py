"""Fixtures of the ops tests: throwaway servers."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from django.test import Client

from .servers import PostgresCluster, RedisServer, manage, site_env

SLOW = "run with SLOW_TESTS=1 (.ci/run does): starts real servers, takes minutes"


def pytest_collection_modifyitems(config, items) -> None:
    """Tests marked ``slow`` (throwaway PostgreSQL clusters, nginx) run only with SLOW_TESTS=1,
    keeping ``make test`` short; .ci/run runs them in a pass of their own."""
    if os.environ.get("SLOW_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason=SLOW)
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def redis_server(tmp_path) -> Iterator[RedisServer]:
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory) -> Iterator[PostgresCluster]:
    """A PostgreSQL cluster of our own, whose template database ``site`` holds the migrated demo
    site (media in ``cluster.media``, collected static files in ``cluster.static``):
    ``createdb -T site`` gives a test a copy in a second."""
    if not PostgresCluster.available():
        pytest.skip("PostgreSQL's initdb/pg_ctl are not installed")
    cluster = PostgresCluster()
    cluster.init()
    cluster.media = tmp_path_factory.mktemp("site-media")
    cluster.static = tmp_path_factory.mktemp("site-static")
    try:
        env = site_env(cluster.createdb("site"), cluster.media)
        manage("migrate", "--noinput", "-v0", env=env)
        manage("collectstatic", "--noinput", "-v0", env={**env, "STATIC_ROOT": str(cluster.static),
               "DJANGO_SETTINGS_MODULE": "cms.settings.production", "SECRET_KEY": "x" * 64,
               "ALLOWED_HOSTS": "localhost"})
        manage("load_demo", env=env)
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def editors(django_user_model) -> tuple[Client, Client]:
    """Two editors logged in: Nguyễn Thị Lan and Trần Văn Hùng (superusers)."""
    clients = []
    # Django's full name is "first last": the family name goes first, as Vietnamese names do.
    for username, family, given in (("lan", "Nguyễn Thị", "Lan"), ("hung", "Trần Văn", "Hùng")):
        user = django_user_model.objects.create_superuser(
            username, f"{username}@example.vn", "mat-khau-12", first_name=family, last_name=given)
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients[0], clients[1]
