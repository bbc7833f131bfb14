"""Production settings: refuse to start unconfigured, and pass Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 20 + "9fJ2_x!qLr7@pZ3#vB8%nW4^mT6&yH1*"


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' conftest; a deployment never has it.
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environ = {k: v for k, v in os.environ.items() if k not in unset}
    environ.update({"DJANGO_SETTINGS_MODULE": "cms.settings.production", **env})
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True, text=True,
        check=False,
    )


def test_production_passes_check_deploy() -> None:
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="portal.example.gov.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key() -> None:
    result = run_manage("check", ALLOWED_HOSTS="portal.example.gov.vn")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts() -> None:
    result = run_manage("check", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_debug_is_off_by_default() -> None:
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.DEBUG)",
        SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="portal.example.gov.vn",
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr
