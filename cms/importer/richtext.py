"""Legacy HTML → Wagtail's rich-text storage, through Wagtail's whitelist (no scripts)."""

from __future__ import annotations

import re

from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from cms import text

__all__ = ["rich_text"]

_converters: dict[tuple[str, ...], EditorHTMLConverter] = {}


# Tags each rich-text feature lets through unchanged (no attributes), for the fast path below.
_FEATURE_TAGS = {
    "bold": {"b", "strong"}, "italic": {"i", "em"}, "h2": {"h2"}, "h3": {"h3"},
    "ol": {"ol", "li"}, "ul": {"ul", "li"},
}
_TOKEN = re.compile(r"<(/?)([a-z0-9]+)>|<|>|&(?!(?:amp|lt|gt);)")


def _already_clean(html: str, allowed: set[str]) -> bool:
    """True when the whitelist would give ``html`` back unchanged: only allowed tags, without
    attributes, properly nested; no stray ``<``, ``>`` or ``&``. Most imported bodies are."""
    stack: list[str] = []
    for match in _TOKEN.finditer(html):
        closing, tag = match.group(1), match.group(2)
        if tag is None or tag not in allowed:
            return False
        if closing:
            if not stack or stack.pop() != tag:
                return False
        else:
            stack.append(tag)
    return not stack


def rich_text(html: str, features: list[str] | None) -> str:
    """Legacy HTML → Wagtail's rich-text storage, through Wagtail's whitelist (no scripts)."""
    html = text.clean(html)
    key = tuple(features or ())
    if features is not None:
        allowed = {"p"}.union(*(_FEATURE_TAGS.get(f, set()) for f in features))
        if _already_clean(html, allowed):
            return html
    if key not in _converters:
        _converters[key] = EditorHTMLConverter(features=features)
    return text.clean(_converters[key].to_database_format(html))
