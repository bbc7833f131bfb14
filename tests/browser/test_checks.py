"""Checkers no one here wrote: axe-core (WCAG 2.1 AA and best practice) in Chromium, and the
Nu HTML checker on every page type; screenshots for the README."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    VNU_JAR,
    axe_violations,
    needs_axe,
    needs_vnu,
)

pytestmark = pytest.mark.browser

SEARCH = "/search/?q=dich+vu+cong+truc+tuyen"
CITIZENS = ("questions", "question form", "question status", "answered question", "drafts",
            "open draft", "draft comment form", "closed draft")


def page_types(demo: dict) -> dict[str, str]:
    """One URL of each page type the issue names (and the other listings and the 404)."""
    return {
        "home": demo["home"],
        "article": demo["article"],
        "news listing": demo["news"],
        "news category": demo["category"],
        "procedure": demo["procedure"],
        "catalogue with filters": demo["catalogue"] + "?level=toan-trinh",
        "catalogue with a bad filter": demo["catalogue"] + "?level=9",
        "policy listing": demo["policies"],
        "policy": demo["policy"],
        "unit sites": demo["units"],
        "disclosure listing": demo["disclosures"] + "?category=thong-ke",
        "disclosure": demo["disclosure"],
        "site map": demo["site_map"],
        "search results": SEARCH,
        "standard page": demo["standard"],
        # Nghị định 42/2022, Điều 8: the citizens' pages (issue 14).
        **{name: demo[name] for name in CITIZENS},
        "organisation": demo["organisation"],
        "leaders": demo["leaders"],
        "English home": demo["en_home"],
        "English organisation": demo["en_organisation"],
        "English leaders": demo["en_leaders"],
    }


def test_axe_finds_no_violation_on_any_page_type(live_server, demo, browser):
    needs_axe()
    found = []
    for viewport in (DESKTOP, PHONE):
        # bypass_csp: axe-core is injected as an inline script, which the site's policy rightly
        # forbids (tests/browser/test_csp.py checks the policy itself).
        context = browser.new_context(viewport=viewport, locale="vi-VN", bypass_csp=True)
        tab = context.new_page()
        for name, path in page_types(demo).items():
            tab.goto(live_server.url + path)
            found += [f"{name} {viewport['width']}px: {line}" for line in axe_violations(tab)]
            # Responsive: the citizens' forms and tables fit a 360 px phone, nothing sideways.
            width = tab.evaluate("document.documentElement.scrollWidth")
            if name in CITIZENS and width > viewport["width"]:
                found.append(f"{name} {viewport['width']}px: {width}px wide")
        context.close()
    assert not found, "\n".join(found)


def _fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 - the local live server
            return response.read()
    except urllib.error.HTTPError as error:  # the 404 page is checked too
        return error.read()


def test_nu_html_checker_finds_no_error_on_any_page_type(live_server, demo, tmp_path):
    needs_vnu()
    pages = {**page_types(demo), "not found": "/khong-co-trang-nay/"}
    files = []
    for name, path in pages.items():
        file = tmp_path / (name.replace(" ", "-") + ".html")
        file.write_bytes(_fetch(live_server.url + path))
        files.append(str(file))
    run = subprocess.run(  # noqa: S603 - fixed arguments, files we just wrote
        [shutil.which("java"), "-Xss2m", "-jar", str(VNU_JAR), "--errors-only",
         "--format", "json", *files],
        capture_output=True, text=True, timeout=300, check=False,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']} [{m.get('extract', '')!r}]"
        for m in messages if m["type"] in {"error", "non-document-error"}
    ]
    assert not errors, "\n".join(errors)
    assert run.returncode == 0


def _small_png(raw: bytes, path: Path) -> None:
    """Screenshots go in the repository: 128 colours keep each one small."""
    from PIL import Image

    image = Image.open(io.BytesIO(raw)).convert("RGB")
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def test_screenshots_of_home_article_catalogue_and_english_pages_on_desktop_and_phone(
    live_server, demo, browser, tmp_path
):
    """``SCREENSHOTS=1`` writes them to docs/screenshots/ (for the README); else a temp dir."""
    target = SCREENSHOTS if os.environ.get("SCREENSHOTS") == "1" else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    shots = {
        "home": demo["home"], "article": demo["article"], "catalogue": demo["catalogue"],
        "en-home": demo["en_home"], "en-organisation": demo["en_organisation"],
    }
    for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport, locale="vi-VN", device_scale_factor=1)
        tab = context.new_page()
        for name, path in shots.items():
            tab.goto(live_server.url + path)
            tab.wait_for_load_state("networkidle")
            tab.evaluate("document.fonts.ready")
            # Nothing overflows sideways, down to a 360 px phone.
            assert tab.evaluate("document.documentElement.scrollWidth") <= viewport["width"], path
            file = target / f"{name}-{device}.png"
            _small_png(tab.screenshot(), file)
            assert file.stat().st_size < 250_000
        context.close()
    assert len(list(target.glob("*-*.png"))) >= 10
