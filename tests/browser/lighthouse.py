"""``make lighthouse``: Lighthouse scores of the home page, an article and the catalogue.

Production-like: ``cms.settings.production`` (DEBUG off, hashed and compressed static files by
WhiteNoise) under gunicorn on 127.0.0.1:8005, demo content in its own SQLite file, Debian's
Chromium. Only SECURE_SSL_REDIRECT and secure cookies are off (plain HTTP on localhost).
Prints one line per page and category; exits 1 if any score is below ``--min`` (95).
A run that Lighthouse itself aborts (non-zero exit, or a ``runtimeError`` in the report such as
NO_NAVSTART, a trace-recording flake) is retried up to ``--retries`` (2) more times, saying so;
a low score is a result, never retried.
``--preset mobile`` (Lighthouse's default: 4x CPU slowdown, slow 4G) or ``--preset desktop``;
the printed benchmarkIndex tells how fast the machine was (a loaded 2-core CI box scores ~250,
a quiet laptop ~1500), which the mobile CPU slowdown multiplies.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")


def _env(db: Path, media: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DATABASE_URL": f"sqlite:///{db}",
        "MEDIA_ROOT": str(media),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DEBUG": "false",
    }


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def _wait(url: str, seconds: float = 60, timeout: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=timeout):  # noqa: S310 - our local server
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def _article_url(env: dict[str, str]) -> str:
    code = ("from news.models import NewsArticlePage as A;"
            "print(A.objects.live().get(slug__startswith='bo-xay-dung-se-cung-cap-20').url)")
    out = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True,
        capture_output=True, text=True,
    ).stdout
    return out.strip().splitlines()[-1]


def _lighthouse(name: str, command: list[str], env: dict[str, str], report: Path,
                retries: int) -> dict | None:
    """The report of one page; Lighthouse runs again when it aborted, not when it scored low."""
    for attempt in range(retries + 1):
        report.unlink(missing_ok=True)
        run = subprocess.run(command, env=env, check=False)  # noqa: S603
        try:
            result = json.loads(report.read_text())
        except (OSError, ValueError):
            result = None
        error = (result or {}).get("runtimeError")
        if error:
            problem = f"{error.get('code')}: {error.get('message', '')}".strip()
        elif run.returncode or result is None:
            problem = f"exit status {run.returncode}" + ("" if result else ", no report")
        elif unscored := [c for c in CATEGORIES
                          if result["categories"].get(c, {}).get("score") is None]:
            problem = "no score for " + ", ".join(unscored)
        else:
            return result
        if attempt < retries:
            print(f"{name:10} Lighthouse aborted ({problem}); retrying"
                  f" ({attempt + 1}/{retries})", flush=True)
        else:
            print(f"{name:10} Lighthouse aborted ({problem}) {retries + 1} times; no score",
                  flush=True)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8005)
    parser.add_argument("--min", type=int, default=95)
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    parser.add_argument("--retries", type=int, default=2,
                        help="runs again when Lighthouse aborts (not on a low score)")
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "cms-lighthouse")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("node_modules/.bin/lighthouse is missing: npm ci")
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).exists():
        raise SystemExit(f"{chrome} is missing: apt-get install chromium")

    args.workdir.mkdir(parents=True, exist_ok=True)
    env = _env(args.workdir / "db.sqlite3", args.workdir / "media")
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "load_demo")
    _manage(env, "collectstatic", "--noinput", "-v0")

    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(  # noqa: S603
        [shutil.which("gunicorn") or str(Path(sys.executable).parent / "gunicorn"),
         "tests.browser.lighthouse_wsgi:application", "--bind", f"127.0.0.1:{args.port}",
         "--workers", "2", "--timeout", "300", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    failures = 0
    try:
        _wait(base + "/robots.txt")  # up (the pages themselves may take long on first view)
        pages = {"home": "/", "article": _article_url(env), "catalogue": "/thu-tuc-hanh-chinh/",
                 "en-home": "/en/"}
        # Warm renditions and caches, as a visited site is: a first view encodes each picture
        # in AVIF/WebP/JPEG at up to three widths, seconds of work on a busy 2-core machine.
        for path in pages.values():
            _wait(base + path, seconds=300, timeout=300)
        for name, path in pages.items():
            report = args.workdir / f"{name}.json"
            command = [str(LIGHTHOUSE), base + path, "--quiet", "--output=json",
                       f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}",
                       "--only-categories=" + ",".join(CATEGORIES)]
            if args.preset == "desktop":
                command.append("--preset=desktop")
            result = _lighthouse(name, command, {**env, "CHROME_PATH": chrome}, report,
                                 args.retries)
            if result is None:
                failures += 1
                continue
            scores = {c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES}
            audits = result["audits"]
            print(f"{name:10} {path}")
            print("           " + "  ".join(f"{c} {s}" for c, s in scores.items())
                  + f"  (FCP {audits['first-contentful-paint']['displayValue']},"
                  f" LCP {audits['largest-contentful-paint']['displayValue']},"
                  f" CLS {audits['cumulative-layout-shift']['displayValue']},"
                  f" machine benchmarkIndex {result['environment']['benchmarkIndex']:.0f})")
            for category in CATEGORIES:
                if scores[category] < args.min:
                    failures += 1
                    for ref in result["categories"][category]["auditRefs"]:
                        audit = audits[ref["id"]]
                        if audit.get("score") is not None and audit["score"] < 1 and ref["weight"]:
                            print(f"             {category}: {audit['id']} {audit['score']}"
                                  f" {audit.get('displayValue', '')}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
