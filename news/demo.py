"""Demo news content (filled in by the news part of the foundation issue)."""

from __future__ import annotations

from typing import TextIO

from wagtail.models import Page


def load(home: Page, stdout: TextIO) -> None:
    """Create the news index and the seed article; idempotent."""
