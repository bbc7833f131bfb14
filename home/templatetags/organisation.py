"""Filters of the organisation pages: a record's text in the language of the page."""

from __future__ import annotations

from django import template

from cms import text

register = template.Library()


@register.filter
def in_language(record: object, field: str) -> str:
    """``{{ unit|in_language:"name" }}``: ``name_en`` on an English page when it is filled,
    else ``name``."""
    return text.in_language(record, field)


@register.filter
def category_in_language(unit: object) -> str:
    """A unit's category (Vụ, Cục…) in the language of the page."""
    return unit.category_label(text.language())
