"""Editors' experience: teams, sections, the review workflow and the scheduler.

``setup`` holds the idempotent functions (shared by the data migration and run time);
``signals`` applies them when a section's index page is created or after ``migrate``.
"""

from __future__ import annotations

from django.apps import apps as django_apps

from .setup import ensure_section, section_for, setup_editorial


def setup_sections() -> None:
    """Groups, collections, the workflow and every existing section's permissions (idempotent)."""
    setup_editorial(django_apps)


def ensure_section_for_page(page) -> bool:
    """Set up one section's index page (news, procedures, policies…). False for any other page."""
    section = section_for(page._meta.label_lower)
    if section is None:
        return False
    ensure_section(django_apps, page.pk, section)
    return True
