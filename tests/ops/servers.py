"""Throwaway servers the ops tests start themselves: a redis-server and a PostgreSQL cluster on
free ports in a temporary folder, stopped and removed afterwards."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


class RedisServer:
    """``redis-server`` without persistence on a free port; ``stop()``/``start()`` keep the port."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port),
             "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None


def _as_postgres(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    """PostgreSQL refuses to run as root: as root, run its tools as the ``postgres`` user."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)  # noqa: S603


class PostgresCluster:
    """A whole PostgreSQL cluster (``initdb``) on a free port; ``stop()``/``start()`` keep it."""

    def __init__(self) -> None:
        # Not under pytest's tmp folder: that one is private to root, and the server runs as
        # the postgres user.
        self.workdir = Path(tempfile.mkdtemp(prefix="ops-pg-"))
        self.data = self.workdir / "pgdata"
        self.port = free_port()

    @staticmethod
    def available() -> bool:
        return (PG_BIN / "initdb").exists() and (os.geteuid() != 0 or shutil.which("runuser"))

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.workdir, "postgres")
        _as_postgres([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                      "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"])
        self.start()

    def start(self) -> None:
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-l",
                      str(self.data / "server.log"), "-o",
                      f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data}"
                      " -c fsync=off -c full_page_writes=off", "start"])

    def stop(self, mode: str = "fast") -> None:
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-m", mode, "stop"])

    def createdb(self, name: str, template: str | None = None) -> str:
        """A new database (a copy of ``template`` if given); its URL."""
        extra = ["-T", template] if template else []
        _as_postgres([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                      "-U", "postgres", *extra, name])
        return self.url(name)

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.workdir, ignore_errors=True)


ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, env: dict[str, str], timeout: float = 600) -> str:
    """``manage.py`` in a process of its own, as an operator runs it; its stdout."""
    result = subprocess.run(  # noqa: S603
        [str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else "python",
         "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def site_env(database_url: str, media_root: Path, **extra: str) -> dict[str, str]:
    """The environment of a process of the site on ``database_url`` (dev settings)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DATABASE_URL", "REDIS_URL", "MEDIA_", "PRIVATE_MEDIA_",
                                  "PYTEST", "DJANGO_"))}
    env.update(DJANGO_SETTINGS_MODULE="cms.settings.dev", DATABASE_URL=database_url,
               MEDIA_ROOT=str(media_root),
               PRIVATE_MEDIA_ROOT=str(media_root.with_name(media_root.name + "-private")),
               DEBUG="false")
    env.update(extra)
    return env


class Gunicorn:
    """gunicorn with the production settings on a free port, over plain HTTP (no nginx)."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 2) -> None:
        self.port = free_port()
        self.env = {**env, "DJANGO_SETTINGS_MODULE": "cms.settings.production",
                    "SECRET_KEY": "x" * 64, "ALLOWED_HOSTS": "127.0.0.1",
                    "SECURE_SSL_REDIRECT": "false", "SECURE_COOKIES": "false",
                    "SECURE_HSTS_SECONDS": "0", "CONN_MAX_AGE": "60"}
        self.log = log
        self.workers = workers
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Gunicorn:
        python = ROOT / ".venv" / "bin" / "python"
        self.process = subprocess.Popen(  # noqa: S603
            [str(python) if python.exists() else "python", "-m", "gunicorn", "cms.wsgi",
             "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
             "--threads", "4", "--timeout", "30"],
            cwd=ROOT, env=self.env, stdout=open(self.log, "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, timeout=60)
        return self

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)
