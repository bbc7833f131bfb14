"""Dependencies (issue 17, point 8): setuptools 65.5 was in the venv (known advisories), and
nothing audited the locked versions."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# setuptools' advisories: CVE-2022-40897 (65.5.1), CVE-2024-6345 (70.0), CVE-2025-47273 (78.1.1).
SAFE_SETUPTOOLS = (78, 1, 1)


def release(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def test_both_locks_pin_a_setuptools_without_the_old_advisories() -> None:
    for lock in ("requirements.lock", "requirements-dev.lock"):
        pinned = re.search(r"^setuptools==(\S+)", (ROOT / lock).read_text(), re.MULTILINE)
        assert pinned, f"{lock} does not pin setuptools"
        assert release(pinned[1]) >= SAFE_SETUPTOOLS, f"{lock}: setuptools {pinned[1]}"


def test_the_venv_runs_the_locked_setuptools() -> None:
    assert release(version("setuptools")) >= SAFE_SETUPTOOLS


def test_ci_audits_the_runtime_lock() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"pip-audit -r requirements\.lock", ci)
