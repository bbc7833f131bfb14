"""Small helpers of the portal tests."""

from __future__ import annotations

import re


def visible_text(html: str) -> str:
    """The text a reader sees: tags removed, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
