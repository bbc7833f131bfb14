"""Keep the cached sidebar/footer right: bump its version when something it shows changes.

Only what the cache actually uses triggers a purge (a page or image a banner points at), plus
the rare structural changes (settings, unit sites, sites, moved or renamed pages).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.cache import purge
from cms.cache.signals import now_and_on_commit

from . import chrome
from .citizens.files import delete_attachment
from .models.consultations import DraftComment
from .models.questions import Question
from .models.settings import SiteSettings
from .models.units import UnitSite


def _invalidate() -> None:
    """The sidebar/footer changed: every page shows it, so the page cache goes too."""
    chrome.invalidate()
    now_and_on_commit(purge.purge_all)


def _always(sender, **kwargs) -> None:
    _invalidate()


def _if_page_used(sender, instance, **kwargs) -> None:
    if chrome.is_referenced("pages", instance.pk):
        _invalidate()


def _if_image_used(sender, instance, **kwargs) -> None:
    if chrome.is_referenced("images", instance.pk):
        _invalidate()


def _draft_comment_changed(sender, instance: DraftComment, **kwargs) -> None:
    """An approved comment shows on its draft's page: a moderation purges that page."""
    draft = Page.objects.filter(pk=instance.draft_id).first()
    if draft is not None:
        now_and_on_commit(lambda: purge.purge_page(draft))


def connect() -> None:
    post_save.connect(_draft_comment_changed, sender=DraftComment, dispatch_uid="home-comment-save")
    post_delete.connect(_draft_comment_changed, sender=DraftComment,
                        dispatch_uid="home-comment-del")
    for model in (Question, DraftComment):
        post_delete.connect(delete_attachment, sender=model,
                            dispatch_uid=f"home-attachment-del-{model.__name__}")
    for model in (SiteSettings, UnitSite, Site):
        post_save.connect(_always, sender=model, dispatch_uid=f"home-chrome-save-{model.__name__}")
        post_delete.connect(_always, sender=model, dispatch_uid=f"home-chrome-del-{model.__name__}")
    page_slug_changed.connect(_always, dispatch_uid="home-chrome-slug")
    post_page_move.connect(_always, dispatch_uid="home-chrome-move")
    page_published.connect(_if_page_used, dispatch_uid="home-chrome-published")
    page_unpublished.connect(_if_page_used, dispatch_uid="home-chrome-unpublished")
    post_delete.connect(_if_page_used, sender=Page, dispatch_uid="home-chrome-page-del")
    image_model = get_image_model()
    post_save.connect(_if_image_used, sender=image_model, dispatch_uid="home-chrome-img-save")
    post_delete.connect(_if_image_used, sender=image_model, dispatch_uid="home-chrome-img-del")
