"""The importer's rich-text fast path gives exactly what Wagtail's whitelist gives."""

from __future__ import annotations

import pytest

from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from cms.importer.richtext import rich_text

FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


@pytest.mark.parametrize(
    "html",
    [
        "<p>Bộ Xây dựng</p>",
        "<p>A &amp; B &lt; c &gt; d</p>",
        "<p>A & B</p>",
        "<p>1 < 2 > 0</p>",
        "<b>x</b><i>y</i><strong>s</strong><em>e</em>",
        "<h2>t</h2><h3>u</h3><ol><li>a</li></ul>",
        "<p>x<br>y</p>",
        "<p>Chào &quot;bạn&quot; &#39;x&#39; &nbsp;</p>",
        '<p class="x">attr</p>',
        "<p><b>bold <i>both</b></i></p>",
        "<ul><li>x</li></ul><h4>not allowed</h4>",
        "<P>upper</P>",
        "<p>unclosed",
        "text only",
        '<script>alert(1)</script><a href="https://a.vn">l</a>',
    ],
)
def test_fast_path_equals_the_whitelist(html: str) -> None:
    expected = EditorHTMLConverter(features=FEATURES).to_database_format(html)
    assert rich_text(html, FEATURES) == expected
