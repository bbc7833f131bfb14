"""Fixtures of the ops tests: throwaway servers."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from .servers import PostgresCluster, RedisServer


@pytest.fixture
def redis_server(tmp_path) -> Iterator[RedisServer]:
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def pg_cluster(tmp_path_factory) -> Iterator[PostgresCluster]:
    if not PostgresCluster.available():
        pytest.skip("PostgreSQL's initdb/pg_ctl are not installed")
    cluster = PostgresCluster(tmp_path_factory.mktemp("pg"))
    cluster.init()
    yield cluster
    cluster.destroy()
