"""The stylesheet, script and fonts the public site ships: self-hosted, small, real weights."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "cms" / "static"
CSS = (STATIC / "css" / "site.css").read_text()
FACES = re.findall(r"@font-face\s*{([^}]*)}", CSS)


def _faces() -> list[dict[str, str]]:
    return [dict(re.findall(r"([\w-]+)\s*:\s*([^;]+);", face)) for face in FACES]


def test_every_font_face_is_a_local_woff2_with_swap():
    assert len(FACES) == 8
    for face in _faces():
        assert face["font-display"] == "swap"
        url = re.search(r'url\("\.\./fonts/([^"]+\.woff2)"\)', face["src"]).group(1)
        assert (STATIC / "fonts" / url).stat().st_size > 5_000, url
    assert "OFL" in (STATIC / "fonts" / "LICENSE-OFL.txt").read_text()
    assert "http" not in "".join(face["src"] for face in _faces())


def test_every_weight_the_css_uses_has_a_real_face_no_faux_bold():
    declared = {(f["font-weight"], f["font-style"]) for f in _faces()}
    # Each weight comes in both subsets: Latin and the Vietnamese letters (ă, ơ, ư, đ, ạ…).
    for weight, style in declared:
        ranges = [f["unicode-range"] for f in _faces()
                  if (f["font-weight"], f["font-style"]) == (weight, style)]
        assert any("U+1EA0-1EF9" in r for r in ranges) and any("U+0000-00FF" in r for r in ranges)
    used = set(re.findall(r"font-weight:\s*(\d+)", re.sub(r"@font-face\s*{[^}]*}", "", CSS)))
    assert used <= {weight for weight, _ in declared}, used
    assert "font-synthesis: none" in CSS


def test_the_page_preloads_the_regular_weight_it_renders_with(client, home_page):
    html = client.get("/").content.decode()
    preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" '
                          r"crossorigin>", html)
    assert sorted(Path(p).name for p in preloads) == [
        "be-vietnam-pro-latin-400-normal.woff2", "be-vietnam-pro-vietnamese-400-normal.woff2",
    ]
    # Everything the page loads comes from this site (no CDN, no third-party script or font).
    loaded = re.findall(r'<(?:script|img|source)[^>]* src="([^"]+)"', html) + re.findall(
        r'<link rel="(?:stylesheet|preload|icon|modulepreload)" href="([^"]+)"', html)
    assert loaded and all(url.startswith("/") for url in loaded), loaded


@pytest.mark.parametrize(("path", "budget"), [("css/site.css", 40_000), ("js/site.js", 6_000)])
def test_assets_stay_small(path, budget):
    assert (STATIC / path).stat().st_size < budget
