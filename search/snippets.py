"""Result snippets: a window of the page's text around the first match, matches in ``<mark>``.

Matching is by folded word (``cms.text``), so "ban nha" marks "bán nhà"; the text is escaped
piece by piece and only our own ``<mark>`` tags are added.

A snippet is cut from the first ``SEARCH_SNIPPET_SOURCE_CHARS`` characters of each text
(``search.tuning``), read from what is stored, never rendered: a page of results costs the
same whatever the size of its bodies (ten 500 KB documents made every search take 2.5 s).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from wagtail import blocks
from wagtail.blocks.stream_block import StreamValue
from wagtail.rich_text import RichText

from cms import text
from search.tuning import setting

WINDOW_WORDS = 32
_TOKEN = re.compile(r"[^\W_]+")
# Where a page keeps the text worth quoting, best first.
SOURCE_ATTRIBUTES = ("lead", "summary", "search_description", "body", "intro", "steps", "result")


def _block_html(block: blocks.Block, raw: Any) -> Iterator[str]:
    """The HTML of the text in a block's stored (JSON) value, piece by piece, without building
    or rendering the block: rich text as stored (its tags are dropped anyway), plain text
    escaped, choosers (images, documents: numbers) skipped. Nothing is fetched or rendered."""
    if isinstance(block, blocks.StreamBlock):
        for item in raw or []:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                yield from _block_html(child, item.get("value"))
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _block_html(child, raw.get(name) if isinstance(raw, dict) else None)
    elif isinstance(block, blocks.ListBlock):
        for item in raw or []:
            # Stored as {"type": "item", "value": …} since Wagtail 2.16, bare values before.
            is_item = isinstance(item, dict) and item.get("type") == "item" and "value" in item
            yield from _block_html(block.child_block, item["value"] if is_item else item)
    elif isinstance(raw, str) and raw:
        is_html = isinstance(block, blocks.RichTextBlock | blocks.RawHTMLBlock)
        yield raw if is_html else escape(raw)


def html_prefix(value: Any, limit: int) -> str:
    """About the first ``limit`` characters of ``value``'s HTML (a string of HTML, rich text,
    a StreamField), reading no further: where it was cut, a tag cut in two is dropped."""
    if isinstance(value, StreamValue):
        pieces: Iterator[str] = _block_html(value.stream_block, value.raw_data)
    elif isinstance(value, RichText):
        pieces = iter([value.source])
    else:
        pieces = iter([value if isinstance(value, str) else str(value)])
    parts, size = [], 0
    for piece in pieces:
        parts.append(piece[: limit - size])
        size += len(parts[-1])
        if size >= limit:
            break
    html = "\n".join(parts)
    opened = html.rfind("<")
    return html[:opened] if size >= limit and opened > html.rfind(">") else html


def sources(page) -> Iterator[str]:
    """The page's texts that a snippet may quote, in order of preference (one at a time: a
    body is read only when the lead holds no match), each cut to its bounded prefix."""
    limit = setting("SEARCH_SNIPPET_SOURCE_CHARS")
    for name in SOURCE_ATTRIBUTES:
        value = getattr(page, name, None)
        if value:
            plain = text.plain_text(html_prefix(value, limit))
            if plain:
                yield text.clean(plain)


def highlight(value: str, words: set[str]) -> SafeString:
    """``value`` escaped, each word whose folded form is in ``words`` wrapped in ``<mark>``."""
    out, last = [], 0
    for match in _TOKEN.finditer(value):
        # Folding drops every mark, wherever the tone sits: no normalising needed first.
        if text.fold(match.group()) in words:
            out.append(escape(value[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(escape(value[last:]))
    return mark_safe("".join(out))  # noqa: S308 -- every piece is escaped above


def snippet(page, query: str) -> SafeString:
    """About ``WINDOW_WORDS`` words of the page around the first query word it contains."""
    words = {text.fold(w) for w in text.search_words(query)}
    first_text = None
    for value in sources(page):
        first_text = first_text or value
        tokens = list(_TOKEN.finditer(value))
        hits = [i for i, m in enumerate(tokens) if text.fold(m.group()) in words]
        if not hits:
            continue
        first = max(hits[0] - WINDOW_WORDS // 4, 0)
        last = min(first + WINDOW_WORDS, len(tokens)) - 1
        start = tokens[first].start() if first else 0
        end = tokens[last].end() if last < len(tokens) - 1 else len(value)
        piece = value[start:end]
        prefix = "… " if start else ""
        suffix = " …" if end < len(value) else ""
        return mark_safe(prefix + highlight(piece, words) + suffix)  # noqa: S308
    if first_text:
        return highlight(Truncator(first_text).words(WINDOW_WORDS, truncate=" …"), words)
    return mark_safe("")
