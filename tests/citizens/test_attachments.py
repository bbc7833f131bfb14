"""Attachments are personal data: kept outside MEDIA_ROOT (which nginx serves to anyone), with
no URL, and downloaded only in the admin by someone who may see the queue they belong to."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from home.models import DraftComment, DraftPage, Question

from .test_consultations import comment_data, make_draft
from .test_questions import FORM, valid_data

PDF = b"%PDF-1.4\n% CCCD cua Nguyen Van An\n"


def user_with(*codenames: str):
    """A signed-in admin user holding exactly these permissions (and admin access)."""
    user = get_user_model().objects.create_user(
        f"user-{len(codenames)}-{'-'.join(codenames) or 'none'}", password="x"
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def asked(client, questions_index, construction, send) -> Question:
    """A question sent through the public form with a PDF attached."""
    upload = SimpleUploadedFile("Nguyen Van An CCCD.pdf", PDF, content_type="application/pdf")
    response = send(client.post, FORM, valid_data(construction, attachment=upload))
    assert response.status_code == 302
    return Question.objects.get()


@pytest.fixture
def commented(client, consultations, department) -> DraftComment:
    draft: DraftPage = make_draft(consultations, "Dự thảo Thông tư", -3, 10,
                                  drafting_unit=department)
    upload = SimpleUploadedFile("gop-y.pdf", PDF, content_type="application/pdf")
    response = client.post(draft.url + "gop-y/", comment_data(article="", attachment=upload))
    assert response.status_code == 302
    return DraftComment.objects.get()


def test_an_attachment_is_stored_outside_media_root_without_a_url(asked):
    path = Path(asked.attachment.path)
    assert path.read_bytes() == PDF
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not default_storage.exists(asked.attachment.name)
    with pytest.raises(ValueError, match="no public URL"):
        asked.attachment.url  # noqa: B018


def test_anonymous_readers_are_sent_to_sign_in(client, asked):
    url = reverse("citizens_files:question", args=[asked.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("codenames", [(), ("change_draftcomment",)])
def test_an_editor_without_the_queue_gets_a_404(client, asked, codenames):
    client.force_login(user_with(*codenames))
    response = client.get(reverse("citizens_files:question", args=[asked.pk]))
    assert response.status_code == 404
    assert PDF not in response.content


@pytest.mark.parametrize("codename", ["view_question", "change_question"])
def test_an_answerer_downloads_it_as_an_attachment(client, asked, codename):
    client.force_login(user_with(codename))
    response = client.get(reverse("citizens_files:question", args=[asked.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == f'attachment; filename="{asked.tracking_code}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_edit_view_links_to_the_checked_download(admin_client, asked):
    response = admin_client.get(reverse("wagtailsnippets_home_question:edit", args=[asked.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("citizens_files:question", args=[asked.pk]) in html
    assert settings.MEDIA_URL + "hoi-dap/" not in html
    assert asked.attachment.name not in html


def test_a_question_without_or_with_a_lost_file_is_a_404(admin_client, asked, construction):
    bare = Question.objects.create(name="Lê Bình", email="b@example.vn", subject="?", body="?")
    assert admin_client.get(reverse("citizens_files:question", args=[bare.pk])).status_code == 404
    edit = admin_client.get(reverse("wagtailsnippets_home_question:edit", args=[bare.pk]))
    assert "Không có tệp đính kèm" in edit.content.decode()
    asked.attachment.storage.delete(asked.attachment.name)
    assert admin_client.get(reverse("citizens_files:question", args=[asked.pk])).status_code == 404
    assert admin_client.get(reverse("citizens_files:question", args=[99999])).status_code == 404


def test_a_draft_comment_attachment_is_private_too(client, commented):
    assert not default_storage.exists(commented.attachment.name)
    url = reverse("citizens_files:draft_comment", args=[commented.pk])
    assert client.get(url).status_code == 302
    client.force_login(user_with("change_question"))  # another queue's permission
    assert client.get(url).status_code == 404
    client.force_login(user_with("change_draftcomment"))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == f'attachment; filename="gop-y-{commented.pk}.pdf"'
    edit = client.get(reverse("wagtailsnippets_home_draftcomment:edit", args=[commented.pk]))
    assert url in edit.content.decode()


def test_purging_personal_data_deletes_the_private_file(asked):
    path = Path(asked.attachment.path)
    asked.remove_personal_data()
    assert not path.exists()
    assert not asked.attachment


def test_deleting_a_row_deletes_its_file(asked, commented, django_capture_on_commit_callbacks):
    """Also through a cascade: deleting the draft deletes its comments and their files."""
    question_file, comment_file = Path(asked.attachment.path), Path(commented.attachment.path)
    with django_capture_on_commit_callbacks(execute=True):
        asked.delete()
    assert not question_file.exists()
    with django_capture_on_commit_callbacks(execute=True):
        commented.draft.delete()
    assert not comment_file.exists()


def test_the_migration_moves_files_sent_before_it_out_of_media(db):
    """Files uploaded while attachments lived under MEDIA_ROOT move to the private storage,
    under the same name; running it again changes nothing; reversing moves them back."""
    migration = importlib.import_module("home.migrations.0010_private_attachments")
    name = default_storage.save("hoi-dap/2026/01/old.pdf", ContentFile(PDF))
    question = Question.objects.create(name="Lê Bình", email="b@example.vn", subject="?",
                                       body="?", attachment=name)
    missing = Question.objects.create(name="Lê Chi", email="c@example.vn", subject="?",
                                      body="?", attachment="hoi-dap/2026/01/lost.pdf")
    private = storages["private"]
    migration.to_private(apps, None)
    assert private.open(name).read() == PDF
    assert not default_storage.exists(name)
    migration.to_private(apps, None)
    assert private.exists(name)
    missing.refresh_from_db()
    assert missing.attachment.name == "hoi-dap/2026/01/lost.pdf"
    migration.to_media(apps, None)
    assert default_storage.open(name).read() == PDF
    assert not private.exists(name)
    question.delete()
