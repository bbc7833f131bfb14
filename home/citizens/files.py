"""Citizens' attachments, served only to the people who handle them.

A question's or a draft comment's attachment is personal data (an ID card, a land certificate):
it lives in the private storage (``cms.storage.PrivateFileSystemStorage``, no URL, outside
MEDIA_ROOT) and is read only here, in the admin (signed-in users with admin access: Wagtail
wraps these URLs), by a user the snippet's queue would show the row to: any of the queue's own
permissions (``IndexView.any_permission_required``) under the model's permission policy.

The file goes out as a download (``Content-Disposition: attachment``) named after the record,
not after what the sender called it, with ``nosniff`` and a sandboxing CSP, so an HTML file
disguised as a picture can never run in the admin's origin, and it is never cached.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.db import models, transaction
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from wagtail.admin.panels import Panel
from wagtail.admin.views.generic.models import IndexView
from wagtail.permissions import policy_registry

from home.models.consultations import DraftComment
from home.models.questions import Question

URL_NAMES = {Question: "citizens_files:question", DraftComment: "citizens_files:draft_comment"}


def may_see(user, model: type[models.Model]) -> bool:
    """The permission that opens the model's queue in the admin."""
    policy = policy_registry.get_by_type(model)
    return policy.user_has_any_permission(user, IndexView.any_permission_required)


def download_name(instance: models.Model) -> str:
    """``HD-7K3M-Q9TX.pdf`` for a question, ``gop-y-42.pdf`` for a comment."""
    suffix = PurePosixPath(instance.attachment.name).suffix.lower()
    if isinstance(instance, Question):
        return f"{instance.tracking_code}{suffix}"
    return f"gop-y-{instance.pk}{suffix}"


def serve(request: HttpRequest, model: type[models.Model], pk: int) -> FileResponse:
    if not may_see(request.user, model):
        raise Http404  # as for a row that does not exist: no hint of what is there
    instance = get_object_or_404(model, pk=pk)
    if not instance.attachment:
        raise Http404
    try:
        handle = instance.attachment.storage.open(instance.attachment.name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=download_name(instance))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


def question_attachment(request: HttpRequest, pk: int) -> FileResponse:
    return serve(request, Question, pk)


def draft_comment_attachment(request: HttpRequest, pk: int) -> FileResponse:
    return serve(request, DraftComment, pk)


def delete_attachment(sender, instance: models.Model, **kwargs) -> None:
    """``post_delete``: a deleted question or comment takes its file with it (Django leaves
    files behind; an ID card must not outlive its record). After the commit, so a rolled-back
    delete keeps the file its row still names."""
    if instance.attachment:
        storage, name = instance.attachment.storage, instance.attachment.name
        transaction.on_commit(lambda: storage.delete(name))


def urlpatterns() -> list:
    """Admin URLs (``register_admin_urls``: Wagtail requires a signed-in admin user)."""
    return [
        path("hoi-dap/tep-dinh-kem/<int:pk>/", question_attachment, name="question"),
        path("gop-y-du-thao/tep-dinh-kem/<int:pk>/", draft_comment_attachment,
             name="draft_comment"),
    ]


def attachment_url(instance: models.Model) -> str:
    """The checked download URL of a row's attachment, or ``""`` when it has none."""
    if not getattr(instance, "attachment", None) or instance.pk is None:
        return ""
    return reverse(URL_NAMES[type(instance)], args=[instance.pk])


class AttachmentPanel(Panel):
    """The attachment in the edit view: a link to the checked download, never to a file URL
    (a read-only ``FieldPanel`` would print the storage's URL, which a private file lacks)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "home/admin/attachment_panel.html"

        def get_context_data(self, parent_context: dict | None = None) -> dict:
            context = super().get_context_data(parent_context)
            context["url"] = attachment_url(self.instance)
            context["name"] = download_name(self.instance) if context["url"] else ""
            return context
