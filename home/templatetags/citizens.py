"""``{% was_useful page %}``: the "was this useful?" form under articles, procedures, documents."""

from __future__ import annotations

from django import template
from django.urls import reverse

from home.models.feedback import REASON_CHOICES

register = template.Library()


@register.inclusion_tag("home/includes/was_useful.html")
def was_useful(page) -> dict:
    """The same HTML for every reader (pages are cached): no token, no per-reader state.
    Nothing for a page not saved yet (a preview of a new page)."""
    if not getattr(page, "pk", None):
        return {"action": ""}
    return {
        "action": reverse("citizens:vote", args=[page.pk]),
        "reasons": [choice for choice in REASON_CHOICES if choice[0]],
        "page_id": page.pk,
    }
