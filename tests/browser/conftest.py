"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Skipped, with the reason, where /usr/bin/chromium is absent (``apt-get install chromium``);
the axe-core and Nu HTML checks also need ``npm ci`` (node_modules/) and Java.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from django.core.management import call_command

# Playwright's sync API keeps an event loop in this thread; the ORM calls made by fixtures and
# assertions here are ordinary blocking calls, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = ROOT / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is absent: apt-get install chromium")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser) -> Iterator[Any]:
    ctx = browser.new_context(viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    ctx.set_default_timeout(20_000)
    yield ctx
    ctx.close()


@pytest.fixture
def tab(context) -> Any:
    """A browser tab (``page`` would clash with Wagtail's pages)."""
    return context.new_page()


def restore_baseline() -> None:
    """What Wagtail's migrations create and a flush removes: the default locale, the root
    collection and the root page."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(
            title="Root", slug="root", locale=locale,
            content_type=ContentType.objects.get_for_model(Page),
        ))


@pytest.fixture(scope="session")
def live_server(django_db_setup, django_db_blocker, live_server) -> Iterator[Any]:
    """pytest-django's live server, with its database connections gone before the test
    database is dropped: a request thread that Chromium keeps alive (HTTP keep-alive) can
    outlive the tests holding a connection, and PostgreSQL refuses to drop a database in use."""
    yield live_server
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(autouse=True)
def _live_server_helper(request: pytest.FixtureRequest) -> Iterator[None]:
    """Replaces pytest-django's helper of the same name, which makes every live-server test
    transactional: its flush after each test would wipe the demo site (and Wagtail's
    migration-made root page) that these tests share. Here the demo is committed once per
    session and cleaned away at the end (see ``demo``)."""
    if "live_server" not in request.fixturenames:
        yield
        return
    server = request.getfixturevalue("live_server")
    blocker = request.getfixturevalue("django_db_blocker")
    server._live_server_modified_settings.enable()
    with blocker.unblock():  # the server thread reads the committed demo site
        yield
    server._live_server_modified_settings.disable()


@pytest.fixture
def db_access(django_db_blocker) -> Iterator[None]:
    """ORM access in a test, outside any test transaction (the live server must see it)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="session")
def demo(django_db_setup, django_db_blocker) -> Iterator[dict[str, Any]]:
    """The demo site of ``load_demo`` (seed article, procedures, documents, units), committed
    once for all browser tests; yields the URLs of one page of each type. At the end the
    database is flushed and Wagtail's and the editorial baseline restored for later tests."""
    from django.apps import apps
    from django.core.cache import cache
    from django.db.models.signals import post_migrate
    from django.test import Client

    from cms.editorial.signals import after_migrate
    from home.models import (
        DisclosurePage,
        HomePage,
        LeadersPage,
        OrganisationPage,
        PolicyPage,
        ProcedureIndexPage,
        ProcedurePage,
        StandardPage,
        UnitSitesPage,
    )
    from news.models import NewsArticlePage, NewsCategory, NewsIndexPage

    with django_db_blocker.unblock():
        cache.clear()
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        seed = NewsArticlePage.objects.live().get(slug__startswith="bo-xay-dung-se-cung-cap-20")
        urls = {
            **citizens_pages(),
            "home": "/",
            "article": seed.url,
            "article_title": seed.title,
            "news": NewsIndexPage.objects.live().first().url,
            "catalogue": ProcedureIndexPage.objects.live().first().url,
            "procedure": ProcedurePage.objects.live().order_by("path").first().url,
            "policies": PolicyPage.objects.live().first().get_parent().url,
            "policy": PolicyPage.objects.live().order_by("path").first().url,
            "units": UnitSitesPage.objects.live().first().url,
            "disclosures": DisclosurePage.objects.live().first().get_parent().url,
            "disclosure": DisclosurePage.objects.live().order_by("path").first().url,
            "site_map": "/so-do-trang/",
            "standard": StandardPage.objects.live().first().url,
            "category": NewsIndexPage.objects.live().first().url
            + f"chuyen-muc/{NewsCategory.objects.order_by('pk').first().slug}/",
        }
        # The organisation and the English version (load_demo fills both languages).
        for prefix, code in (("", "vi"), ("en_", "en")):
            live = {"locale__language_code": code, "live": True}
            urls[f"{prefix}organisation"] = OrganisationPage.objects.get(**live).url
            urls[f"{prefix}leaders"] = LeadersPage.objects.get(**live).url
        urls["en_home"] = HomePage.objects.get(locale__language_code="en").url
        # A page's first view makes its renditions (AVIF and WebP at three widths: seconds on
        # a busy 2-core machine); make them now, as a visited site has them, so no browser
        # navigation waits on image encoding.
        client = Client()
        for key in ("home", "article", "news", "category"):
            client.get(urls[key])
    yield urls
    # Flush re-sends post_migrate; the editorial setup listening to it expects the root
    # collection that a migration made, so the baseline is restored before it runs.
    sender = apps.get_app_config("cms")

    def restore_then_setup(**kwargs: Any) -> None:
        restore_baseline()
        after_migrate(**kwargs)

    post_migrate.disconnect(sender=sender, dispatch_uid="cms.editorial.migrate")
    post_migrate.connect(restore_then_setup, sender=sender, dispatch_uid="tests.browser.migrate")
    try:
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
            cache.clear()
    finally:
        post_migrate.disconnect(sender=sender, dispatch_uid="tests.browser.migrate")
        post_migrate.connect(after_migrate, sender=sender, dispatch_uid="cms.editorial.migrate")


def citizens_pages() -> dict[str, str]:
    """The citizens' pages of the demo (an answered question, an open draft) and a closed draft
    with its report, made here: the demo has none (its dates would age)."""
    import datetime as dt

    from django.utils import timezone

    from home.models import ConsultationIndexPage, DraftPage, Question

    question = Question.objects.exclude(page=None).select_related("page").first()
    drafts = ConsultationIndexPage.objects.get()
    today = timezone.localdate()
    closed = DraftPage(
        title="Dự thảo Thông tư về quản lý chất lượng công trình (đã kết thúc)",
        summary="<p>Dự thảo đã hết thời hạn lấy ý kiến.</p>",
        opens_on=today - dt.timedelta(days=60), closes_on=today - dt.timedelta(days=30),
        report="<p>Ban soạn thảo đã nhận 3 ý kiến, tiếp thu 2 ý kiến và giải trình 1 ý kiến.</p>",
    )
    drafts.add_child(instance=closed)
    closed.save_revision().publish()
    open_draft = DraftPage.objects.live().exclude(pk=closed.pk).first()
    return {
        "questions": question.page.get_parent().url,
        "question form": question.page.get_parent().url + "gui-cau-hoi/",
        "question status": question.page.get_parent().url + f"tra-cuu/?ma={question.tracking_code}",
        "answered question": question.page.url,
        "drafts": drafts.url,
        "open draft": open_draft.url,
        "draft comment form": open_draft.url + "gop-y/",
        "closed draft": closed.url,
    }


def axe_violations(tab: Any) -> list[str]:
    """Run axe-core (all rules it runs by default) in the tab; one line per violating node."""
    tab.add_script_tag(path=str(AXE_JS))
    result = tab.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    lines = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}): {node['target']} "
                         f"— {node['failureSummary']}")
    return lines


def needs_axe() -> None:
    if not AXE_JS.exists():
        pytest.skip("node_modules/axe-core is absent: npm ci")


def needs_vnu() -> None:
    if not VNU_JAR.exists() or not shutil.which("java"):
        pytest.skip("the Nu HTML checker needs node_modules/vnu-jar (npm ci) and java")
