"""Result snippets: a window of the page's text around the first match, matches in ``<mark>``.

Matching is by folded word (``cms.text``), so "ban nha" marks "bán nhà"; the text is escaped
piece by piece and only our own ``<mark>`` tags are added.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from cms import text

WINDOW_WORDS = 32
_TOKEN = re.compile(r"[^\W_]+")
# Where a page keeps the text worth quoting, best first.
SOURCE_ATTRIBUTES = ("lead", "summary", "search_description", "body", "intro", "steps", "result")




def sources(page) -> Iterator[str]:
    """The page's texts that a snippet may quote, in order of preference (one at a time: a
    body is rendered only when the lead holds no match)."""
    for name in SOURCE_ATTRIBUTES:
        value = getattr(page, name, None)
        if value:
            plain = text.plain_text(value)
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
