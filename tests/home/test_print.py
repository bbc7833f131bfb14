"""Print and save as PDF (the browser's print dialog) on every reading page: one button partial
(includes/print_button.html), one print stylesheet (css/print.css), one script (site.js)."""

from __future__ import annotations

from pathlib import Path

import pytest

from home.factories import (
    DisclosureIndexPageFactory,
    DisclosurePageFactory,
    PolicyPageFactory,
    ProcedurePageFactory,
)
from news.factories import NewsArticlePageFactory, NewsIndexPageFactory

STATIC = Path(__file__).resolve().parents[2] / "cms" / "static"
BUTTON = '<button type="button" class="print-button" data-print>{}</button>'
STYLESHEET = '<link rel="stylesheet" href="/static/css/print.css" media="print">'


@pytest.fixture
def reading_pages(home_page, procedure_index, policy_index):
    disclosures = DisclosureIndexPageFactory(parent=home_page)
    news = NewsIndexPageFactory(parent=home_page)
    return {
        "procedure": ProcedurePageFactory(parent=procedure_index),
        "policy": PolicyPageFactory(parent=policy_index),
        "disclosure": DisclosurePageFactory(parent=disclosures),
        "article": NewsArticlePageFactory(parent=news),
    }


@pytest.mark.parametrize(
    ("kind", "label"),
    [("procedure", "In hoặc lưu PDF"), ("policy", "In hoặc lưu PDF"),
     ("disclosure", "In hoặc lưu PDF"), ("article", "In bài viết")],
)
def test_reading_pages_have_the_print_button_and_stylesheet(client, reading_pages, kind, label):
    html = client.get(reading_pages[kind].url).content.decode()
    assert html.count("data-print>") == 1
    assert BUTTON.format(label) in html
    assert html.count(STYLESHEET) == 1
    head = html.split("</head>", 1)[0]
    assert STYLESHEET in head


def test_listings_have_no_print_button(client, reading_pages):
    for page in reading_pages.values():
        html = client.get(page.get_parent().url).content.decode()
        assert "data-print" not in html and "css/print.css" not in html


def test_one_stylesheet_and_one_script_serve_every_print_button():
    css = (STATIC / "css" / "print.css").read_text()
    assert "[data-print]" in css and ".page-tools" in css  # the button is not printed
    script = (STATIC / "js" / "site.js").read_text()
    assert 'querySelectorAll("[data-print]")' in script and "window.print()" in script
    article_js = (Path(__file__).resolve().parents[2] / "news" / "static" / "news" / "article.js")
    assert "window.print" not in article_js.read_text()
    assert not (Path(__file__).resolve().parents[2] / "news" / "static" / "news"
                / "article-print.css").exists()
