"""``make prod-smoke``: the production recipe of deploy/ run for real, then taken down.

On free high ports, in a temporary folder: a self-signed certificate (openssl), a fresh database
(SQLite by default, or ``SMOKE_DATABASE_URL`` for an empty PostgreSQL one) migrated and filled by
``load_demo``, ``collectstatic``, gunicorn with ``cms.settings.production``, the scheduler, and
Debian's nginx running deploy/nginx/portal.conf as rendered by deploy/nginx/render.sh. Then, over
HTTPS through nginx, as a browser would: the home page, an article and every picture it shows, a
fingerprinted static file (cached a year), a document's and an original image's file refused from
/media/, the admin login, a 404 page, the HTTP → HTTPS redirect, the probes; with
``OBSERVATORY_DIR`` set, the MDN HTTP Observatory's grade of the home page and the article.
Everything started is stopped however it ends.
Exit status 0 when every check passes. Standard library only: it runs before any test tool.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
HOST = "localhost"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[str] = []
        self.stylesheets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(found["href"])
        elif tag == "img" and found.get("src"):
            self.images.append(found["src"])
        elif tag == "link" and found.get("rel") == "stylesheet" and found.get("href"):
            self.stylesheets.append(found["href"])


class Smoke:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="portal-smoke-"))
        self.dir.chmod(0o755)  # nginx's workers (www-data) read static and media files here
        self.http_port, self.https_port, self.app_port = free_port(), free_port(), free_port()
        self.processes: dict[str, subprocess.Popen] = {}
        self.failures: list[str] = []
        self.checks = 0

    # -- bring up ----------------------------------------------------------------------------
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "PYTEST"))}
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            SECRET_KEY=secrets.token_urlsafe(64),
            ALLOWED_HOSTS=f"{HOST},127.0.0.1",
            CSRF_TRUSTED_ORIGINS=f"https://{HOST}:{self.https_port}",
            DATABASE_URL=os.environ.get("SMOKE_DATABASE_URL")
            or f"sqlite:///{self.dir / 'db.sqlite3'}",
            MEDIA_ROOT=str(self.dir / "media"),
            PRIVATE_MEDIA_ROOT=str(self.dir / "private-media"),
            STATIC_ROOT=str(self.dir / "static"),
            SECURE_PROXY_SSL_HEADER="true",
            LOG_LEVEL="WARNING",
        )
        return env

    def run(self, *args: str, env: dict[str, str]) -> None:
        print("$", " ".join(args), flush=True)
        subprocess.run(args, cwd=ROOT, env=env, check=True,  # noqa: S603
                       stdout=subprocess.DEVNULL if "-v0" in args else None)

    def start(self, name: str, args: list[str], env: dict[str, str]) -> None:
        log = open(self.dir / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        self.processes[name] = subprocess.Popen(  # noqa: S603
            args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def certificate(self) -> tuple[Path, Path]:
        cert, key = self.dir / "tls.crt", self.dir / "tls.key"
        subprocess.run(  # noqa: S603
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",  # noqa: S607
             "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
             "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True,
        )
        return cert, key

    def nginx_conf(self, cert: Path, key: Path) -> Path:
        site = self.dir / "nginx" / "portal.conf"
        env = {**os.environ,
               "PORTAL_SERVER_NAME": f"{HOST} 127.0.0.1",
               "PORTAL_TLS_CERT": str(cert), "PORTAL_TLS_KEY": str(key),
               "PORTAL_UPSTREAM": f"127.0.0.1:{self.app_port}",
               "PORTAL_HTTP_PORT": str(self.http_port), "PORTAL_HTTPS_PORT": str(self.https_port),
               "PORTAL_STATIC_ROOT": str(self.dir / "static"),
               "PORTAL_MEDIA_ROOT": str(self.dir / "media"),
               "PORTAL_CONF_DIR": str(self.dir / "nginx"), "PORTAL_LOG_DIR": str(self.dir)}
        subprocess.run([str(ROOT / "deploy/nginx/render.sh"), str(site)], env=env,  # noqa: S603
                       check=True, stdout=subprocess.DEVNULL)
        # The main file Debian's /etc/nginx/nginx.conf would be, reduced to what the site needs.
        temp = self.dir / "nginx" / "tmp"
        temp.mkdir()
        user = "user www-data;\n" if os.geteuid() == 0 else ""
        main = self.dir / "nginx" / "nginx.conf"
        main.write_text(
            f"{user}worker_processes 1;\npid {self.dir}/nginx.pid;\n"
            f"error_log {self.dir}/nginx-error.log warn;\n"
            "events { worker_connections 256; }\n"
            "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
            "  sendfile on;\n  server_tokens off;\n"
            f"  client_body_temp_path {temp}/body;\n  proxy_temp_path {temp}/proxy;\n"
            f"  fastcgi_temp_path {temp}/fastcgi;\n  uwsgi_temp_path {temp}/uwsgi;\n"
            f"  scgi_temp_path {temp}/scgi;\n"
            f"  include {site};\n}}\n"
        )
        return main

    def up(self) -> None:
        if not shutil.which("nginx"):
            raise SystemExit("nginx is not installed (apt-get install nginx)")
        env = self.env()
        cert, key = self.certificate()
        self.cafile = cert
        self.run(PYTHON, "manage.py", "migrate", "--noinput", "-v0", env=env)
        self.run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0", env=env)
        self.run(PYTHON, "manage.py", "load_demo", env=env)
        self.start("gunicorn", [PYTHON, "-m", "gunicorn", "cms.wsgi",
                                "--bind", f"127.0.0.1:{self.app_port}", "--workers", "2",
                                "--graceful-timeout", "5"], env)
        self.start("scheduler", [PYTHON, "manage.py", "run_scheduler"], env)
        main = self.nginx_conf(cert, key)
        subprocess.run(["nginx", "-t", "-q", "-p", str(self.dir), "-c", str(main),  # noqa: S603,S607
                        "-e", str(self.dir / "nginx-error.log")], check=True)
        self.start("nginx", ["nginx", "-p", str(self.dir), "-c", str(main),
                             "-e", str(self.dir / "nginx-error.log"), "-g", "daemon off;"], env)
        self.wait_ready()

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited:\n{self.log_tail(name)}")
            try:
                if self.get("/readyz", tls=False).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise TimeoutError(f"/readyz never answered 200:\n{self.log_tail('gunicorn')}")

    # -- take down ---------------------------------------------------------------------------
    def down(self) -> None:
        for name in ("nginx", "scheduler", "gunicorn"):
            process = self.processes.get(name)
            if process is None or process.poll() is not None:
                continue
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if os.environ.get("SMOKE_KEEP"):
            print(f"kept {self.dir}")
        else:
            shutil.rmtree(self.dir, ignore_errors=True)

    def log_tail(self, name: str) -> str:
        path = self.dir / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    # -- checks ------------------------------------------------------------------------------
    def get(self, path: str, *, tls: bool = True, method: str = "GET") -> http.client.HTTPResponse:
        if tls:
            context = ssl.create_default_context(cafile=str(self.cafile))
            conn = http.client.HTTPSConnection(HOST, self.https_port, context=context, timeout=30)
        else:
            conn = http.client.HTTPConnection(HOST, self.http_port, timeout=30)
        conn.request(method, path, headers={"Accept-Encoding": "gzip", "User-Agent": "smoke"})
        response = conn.getresponse()
        body = response.read()
        if response.getheader("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        response.body = body
        conn.close()
        return response

    def check(self, what: str, ok: bool, detail: str = "") -> bool:
        self.checks += 1
        print(f"{'ok ' if ok else 'FAIL'} {what}{'' if ok else ': ' + detail}", flush=True)
        if not ok:
            self.failures.append(what)
        return ok

    def local(self, url: str) -> str | None:
        """The path of a URL of this site (relative, or absolute on our host), else None."""
        parts = urlsplit(url)
        if parts.netloc and parts.hostname not in (HOST, "127.0.0.1"):
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def checks_run(self) -> None:
        home = self.get("/")
        self.check("home page 200 over HTTPS", home.status == 200, str(home.status))
        hsts = home.getheader("Strict-Transport-Security") or ""
        self.check("HSTS on the home page", "max-age" in hsts, hsts)
        self.check("request id answered", bool(home.getheader("X-Request-ID")))
        page = home.body.decode()
        parsed = Links()
        parsed.feed(page)

        # A fingerprinted static file, straight from nginx, cached a year, gzip.
        css = next((h for h in parsed.stylesheets if re.search(r"\.[0-9a-f]{12}\.css", h)), None)
        if self.check("a fingerprinted stylesheet on the home page", css is not None):
            response = self.get(self.local(css))
            self.check(f"static {css} 200", response.status == 200, str(response.status))
            cache = response.getheader("Cache-Control") or ""
            self.check("static cached a year, immutable",
                       "max-age=31536000" in cache and "immutable" in cache, cache)
            self.check("static gzip", response.getheader("Content-Encoding") == "gzip",
                       str(response.getheader("Content-Encoding")))

        # An article and every picture it shows.
        articles = [h for h in parsed.links
                    if re.match(r"^(https://[^/]+)?/tin-tuc/(?!rss/)[a-z0-9-]+/$", h)]
        if self.check("an article linked from the home page", bool(articles)):
            article_path = self.local(articles[0])
            article = self.get(article_path)
            self.check(f"article {article_path} 200", article.status == 200, str(article.status))
            found = Links()
            found.feed(article.body.decode())
            media = [src for src in found.images if "/media/" in src]
            self.check("the article shows pictures from /media/", bool(media), str(found.images))
            for src in found.images:
                path = self.local(urljoin(article_path, src))
                if path is None:
                    continue
                response = self.get(path)
                self.check(f"picture {path} 200", response.status == 200, str(response.status))
                if "/media/" in path:
                    self.check(f"picture {path} cached", "max-age=2592000" in (
                        response.getheader("Cache-Control") or ""))

        # Documents' files never straight from disk.
        documents = self.dir / "media" / "documents"
        documents.mkdir(parents=True, exist_ok=True)
        (documents / "secret.pdf").write_bytes(b"%PDF-1.4 not public")
        refused = self.get("/media/documents/secret.pdf")
        self.check("/media/documents/ refused by nginx", refused.status == 404, str(refused.status))
        # Nor originals of images: their names are the uploaders' (a draft's picture).
        originals = self.dir / "media" / "original_images"
        originals.mkdir(parents=True, exist_ok=True)
        (originals / "anh-du-thao.jpg").write_bytes(b"\xff\xd8\xff not public")
        refused = self.get("/media/original_images/anh-du-thao.jpg")
        self.check("/media/original_images/ refused by nginx", refused.status == 404,
                   str(refused.status))
        # Citizens' attachments neither (an old one left in the media root, before migration 0010).
        legacy = self.dir / "media" / "hoi-dap"
        legacy.mkdir(parents=True, exist_ok=True)
        (legacy / "cccd.pdf").write_bytes(b"%PDF-1.4 personal")
        refused = self.get("/media/hoi-dap/cccd.pdf")
        self.check("/media/hoi-dap/ refused by nginx", refused.status == 404, str(refused.status))

        admin = self.get("/admin/login/")
        self.check("admin login 200", admin.status == 200 and b'name="password"' in admin.body,
                   str(admin.status))
        missing = self.get("/khong-co-trang-nay/")
        self.check("404 page", missing.status == 404 and "Bộ Xây dựng" in missing.body.decode(),
                   str(missing.status))
        redirect = self.get("/tin-tuc/?page=2", tls=False)
        expected = f"https://{HOST}:{self.https_port}/tin-tuc/?page=2"
        self.check("HTTP → HTTPS redirect", redirect.status == 301 and
                   redirect.getheader("Location") == expected, str(redirect.getheader("Location")))
        probe = self.get("/healthz", tls=False)
        self.check("/healthz over HTTP (load balancer)", probe.status == 200, str(probe.status))
        ready = self.get("/readyz")
        self.check("/readyz ready", ready.status == 200, ready.body.decode())
        self.check("scheduler running", self.processes["scheduler"].poll() is None,
                   self.log_tail("scheduler"))
        self.observatory(["/", article_path] if articles else ["/"])

    def observatory(self, paths: list[str]) -> None:
        """The MDN HTTP Observatory's grade of public pages behind this recipe: A or better.
        Only where ``OBSERVATORY_DIR`` names a folder holding @mdn/mdn-http-observatory
        (deploy/SECURITY.md says how to install it offline); skipped otherwise."""
        folder = os.environ.get("OBSERVATORY_DIR")
        if not folder:
            print("skip MDN Observatory (OBSERVATORY_DIR unset)", flush=True)
            return
        env = {**os.environ, "OBSERVATORY_DIR": folder, "NODE_EXTRA_CA_CERTS": str(self.cafile)}
        for path in paths:
            result = subprocess.run(  # noqa: S603
                ["node", str(ROOT / "deploy" / "observatory.mjs"), HOST,  # noqa: S607
                 "--http-port", str(self.http_port), "--https-port", str(self.https_port),
                 "--path", path], env=env, capture_output=True, text=True, timeout=180,
            )
            try:
                found = json.loads(result.stdout)
            except ValueError:
                found = {"error": (result.stderr or result.stdout)[-500:]}
            failing = [name for name, test in found.get("tests", {}).items() if not test["pass"]]
            summary = f"{found.get('grade')} {found.get('score')}/100, failing {failing}"
            print(f"     MDN Observatory {path}: {summary}", flush=True)
            self.check(f"MDN Observatory {path}: grade A or better",
                       str(found.get("grade", "")).startswith("A"), found.get("error", summary))


def main() -> int:
    smoke = Smoke()

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    started = time.monotonic()
    try:
        smoke.up()
        smoke.checks_run()
    except Exception as error:
        print(f"FAIL smoke setup: {type(error).__name__}: {error}", file=sys.stderr)
        smoke.failures.append("setup")
    finally:
        smoke.down()
    passed = smoke.checks - len([f for f in smoke.failures if f != "setup"])
    print(f"prod-smoke: {passed}/{smoke.checks} checks passed"
          f"{' (setup failed)' if 'setup' in smoke.failures else ''}"
          f" in {time.monotonic() - started:.0f} s")
    return 1 if smoke.failures else 0


if __name__ == "__main__":
    sys.exit(main())
