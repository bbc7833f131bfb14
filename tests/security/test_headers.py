"""Headers (issue 17, point 4): a strict Content-Security-Policy on the public site (every inline
script allowed by its hash or nonce, never 'unsafe-inline'), a workable one in the admin,
Permissions-Policy; production settings pass ``check --deploy``; API URLs and e-mail from env."""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from news.factories import NewsArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()
    }


@pytest.fixture
def public_urls(home_page):
    news = NewsIndexPageFactory(parent=home_page)
    article = NewsArticlePageFactory(parent=news)
    return [home_page.url, news.url, article.url, "/search/?q=x%C3%A2y+d%E1%BB%B1ng"]


def test_public_pages_have_a_strict_policy_that_allows_each_of_their_inline_scripts(
    client, public_urls
):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        scripts = directives["script-src"]
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"] and directives["frame-ancestors"] == ["'self'"]
        assert "'unsafe-inline'" not in directives["style-src"]
        doc = html.fromstring(response.content)
        inline = [
            s for s in doc.xpath("//script[not(@src)]")
            if (s.get("type") or "text/javascript") in {"text/javascript", "module"}
        ]
        assert inline, "the page's own inline script (text size) is there"
        for script in inline:
            digest = hashlib.sha256((script.text or "").encode()).digest()
            allowed = f"'sha256-{base64.b64encode(digest).decode()}'"
            nonce = script.get("nonce")
            assert allowed in scripts or (nonce and f"'nonce-{nonce}'" in scripts), url
        assert not doc.xpath("//*[@style]"), "inline style attributes would be blocked"
        handlers = [
            name
            for element in doc.iter()
            if isinstance(element.tag, str)
            for name in element.attrib
            if name.startswith("on")
        ]
        assert not handlers, "inline event handlers would be blocked"


def test_the_admin_has_its_own_policy(admin_client):
    response = admin_client.get("/admin/")
    directives = policy(response)
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" in directives["script-src"]  # Wagtail's own inline widget scripts


def test_permissions_policy_denies_sensors_and_devices(client, home_page):
    header = client.get(home_page.url)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in header


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "k" * 20 + "-production-like-secret-key-for-the-deploy-check-0123",
    "ALLOWED_HOSTS": "portal.example.gov.vn",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run(code: str, **env: str) -> str:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a server never has it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {**inherited, **PRODUCTION_ENV, **env}
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True,
        timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_check_deploy_passes_with_production_settings():
    out = run(
        "import django, sys; from django.core.management import call_command; django.setup();"
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    assert "no issues" in out or out == ""


def test_production_reads_email_and_base_urls_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_USE_TLS);"
        "print(s.WAGTAILAPI_BASE_URL, s.WAGTAILADMIN_BASE_URL, s.OTP_REQUIRED,"
        " s.SECURE_PROXY_SSL_HEADER)"
    )
    out = run(
        code,
        EMAIL_URL="submission://portal%40moc.gov.vn:secret@smtp.moc.gov.vn:587",
        WAGTAILADMIN_BASE_URL="https://portal.example.gov.vn",
    )
    mail, urls = out.splitlines()
    assert mail == (
        "django.core.mail.backends.smtp.EmailBackend smtp.moc.gov.vn 587 portal@moc.gov.vn True"
    )
    assert urls == (
        "https://portal.example.gov.vn https://portal.example.gov.vn True "
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )
    out = run(code, EMAIL_HOST="mail.local", EMAIL_PORT="2525", SECURE_PROXY_SSL_HEADER="false")
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    assert out.splitlines()[0].startswith(f"{smtp} mail.local 2525")
    assert out.splitlines()[1].endswith("None")


@pytest.mark.parametrize("url", ["/api/v2/pages/", "/api/v2/pages/?type=news.NewsArticlePage"])
def test_api_urls_use_the_sites_public_address(client, public_urls, settings, url):
    settings.WAGTAILAPI_BASE_URL = "https://portal.example.gov.vn"
    items = client.get(url).json()["items"]
    assert items
    assert all(
        item["meta"]["detail_url"].startswith("https://portal.example.gov.vn/api/v2/pages/")
        for item in items
    )

