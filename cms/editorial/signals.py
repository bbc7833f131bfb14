"""Apply the section setup when a section index page is created, and after every ``migrate``."""

from __future__ import annotations

from typing import Any

from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from . import ensure_section_for_page, setup_sections
from .setup import admin_model_apps, section_for


@receiver(post_save, dispatch_uid="cms.editorial.section_created")
def section_created(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any):
    """``load_demo`` and the importer create the section index pages after migrations: the team,
    reviewers and workflow follow the page whoever creates it."""
    if not created or raw:
        return
    if getattr(sender, "_meta", None) and section_for(sender._meta.label_lower):
        ensure_section_for_page(instance)


def after_migrate(sender: Any, **kwargs: Any) -> None:
    """Model permissions of our apps exist only after ``migrate``: grant them to the portal
    administrators then (creating them first if their app's turn has not come yet)."""
    for label in ("cms", *admin_model_apps()):
        try:
            create_permissions(django_apps.get_app_config(label), verbosity=0)
        except LookupError:
            continue
    setup_sections()


def connect_post_migrate(app_config: Any) -> None:
    post_migrate.connect(after_migrate, sender=app_config, dispatch_uid="cms.editorial.migrate")
