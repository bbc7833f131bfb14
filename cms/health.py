"""Probes for load balancers and orchestrators: ``/healthz`` (alive) and ``/readyz`` (ready).

``/healthz`` answers from the process alone: no database, no cache, no session. ``/readyz`` says
whether this app server can serve: the database answers, every migration is applied, the cache
answers. On failure it is a 503 whose JSON names the failing parts with a short reason (the
exception's class, never its message: a message can carry a host name or a password).

``ProbeMiddleware`` (first in ``MIDDLEWARE``) answers both paths before any other middleware:
a load balancer probes by the server's IP address, which is not in ``ALLOWED_HOSTS``, over plain
HTTP, which the HTTPS redirect would answer with a 301; and the page cache or the session must
not be touched by ``/healthz``. Skipping the host check is safe here because neither answer uses
the Host header (nothing is built from it: no URL, no redirect, no cache key).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

PROBE_PATHS = ("/healthz", "/readyz")


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """The process is alive and answers HTTP."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """The database, its migrations and the cache are all usable; else 503 naming what is not."""
    checks = {"database": check_database, "migrations": check_migrations, "cache": check_cache}
    results: dict[str, str] = {}
    for name, check in checks.items():
        if name == "migrations" and results.get("database") != "ok":
            results[name] = "skipped"
            continue
        results[name] = _run(name, check)
    failing = [name for name, result in results.items() if result != "ok"]
    body = {"status": "fail" if failing else "ok", "checks": results}
    if failing:
        body["failing"] = failing
    return JsonResponse(body, status=503 if failing else 200)


def _run(name: str, check: Callable[[], str | None]) -> str:
    try:
        problem = check()
    except Exception as error:
        logger.warning("readyz: %s check failed", name, exc_info=True)
        return f"error: {type(error).__name__}"
    return problem or "ok"


def check_database() -> str | None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return None


def check_migrations() -> str | None:
    """Unapplied migrations on disk mean this code is newer than the schema it would query."""
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return f"unapplied: {len(plan)}"
    return None


def check_cache() -> str | None:
    """A real round trip: a cache that degrades on errors (``cms.cache``) reads back nothing."""
    key = f"readyz:{secrets.token_hex(8)}"
    token = secrets.token_hex(8)
    cache.set(key, token, timeout=10)
    try:
        if cache.get(key) != token:
            return "unreachable"
    finally:
        cache.delete(key)
    return None


class ProbeMiddleware:
    """Answers the probe paths first, before host checks, HTTPS redirects, sessions and caches."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/healthz" and request.method in ("GET", "HEAD"):
            return healthz(request)
        if request.path_info == "/readyz" and request.method in ("GET", "HEAD"):
            return readyz(request)
        return self.get_response(request)
