"""Editors' experience: teams, sections, the review workflow and the scheduler.

``setup`` holds the idempotent functions (shared by the data migration and run time);
``signals`` applies them when a section's index page is created or after ``migrate``.
"""

from __future__ import annotations

from django.apps import apps as django_apps

from .setup import SECTION_LABELS, ensure_section, setup_editorial


def setup_sections() -> None:
    """Groups, collections, the workflow and every existing section's permissions (idempotent)."""
    setup_editorial(django_apps)


def ensure_section_for_page(page) -> bool:
    """Set up one section index page (news, procedures, policies). False for any other page."""
    section = SECTION_LABELS.get(page._meta.label_lower)
    if section is None:
        return False
    ensure_section(django_apps, page.pk, section)
    return True
