"""The scheduler started on two app servers runs its passes on one (PostgreSQL advisory lock)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest

from .servers import ROOT, site_env

pytestmark = pytest.mark.slow

PASS = "Lượt chạy publish_scheduled."
OTHER = "Máy chủ khác đang chạy bộ hẹn giờ"
LEAD = "Giữ khóa điều phối"


def start_scheduler(env: dict[str, str], log) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "run_scheduler", "--interval", "1", "-v", "2"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True,
    )


def lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def wait_until(predicate, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)


def test_two_schedulers_one_database_one_pass_per_interval(pg_cluster, tmp_path):
    url = pg_cluster.createdb(f"sched_{uuid.uuid4().hex[:8]}", template="site")
    env = site_env(url, pg_cluster.media)
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    procs = []
    try:
        for path in logs:
            procs.append(start_scheduler(env, open(path, "w", encoding="utf-8")))  # noqa: SIM115
        # Both have started and each has tried the lock at least 5 times.
        wait_until(lambda: all(
            sum(PASS in line or OTHER in line for line in lines(p)) >= 5 for p in logs))
        passes = [sum(PASS in line for line in lines(p)) for p in logs]
        skipped = [sum(OTHER in line for line in lines(p)) for p in logs]
        leader = 0 if passes[0] else 1
        follower = 1 - leader
        print(f"passes {passes}, skipped {skipped}")
        assert passes[follower] == 0 and skipped[follower] >= 5
        assert skipped[leader] == 0
        assert [LEAD in "\n".join(lines(p)) for p in logs] == [i == leader for i in range(2)]

        # The leading server dies without a word: the other takes over at its next pass.
        procs[leader].send_signal(signal.SIGKILL)
        procs[leader].wait(10)
        before = passes[leader]
        wait_until(lambda: sum(PASS in line for line in lines(logs[follower])) >= 3)
        assert sum(PASS in line for line in lines(logs[leader])) == before
        assert LEAD in "\n".join(lines(logs[follower]))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(30)
    # A graceful stop says so.
    assert "đã dừng" in "\n".join(lines(logs[follower]))
    assert os.environ.get("DATABASE_URL", "") != url
