"""Nothing public before its page is (issue 17, point 2): a document or image uploaded for a
draft is neither served nor listed to the public until a live public page uses it."""

from __future__ import annotations

import pytest

from django.test import Client

from wagtail.models import Collection, PageViewRestriction

from home.editorial import GROUP_DOCUMENTS
from home.factories import PolicyPageFactory
from home.models import PolicyAttachment
from news.factories import DocumentFactory, ImageFactory, NewsArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def decree(sections):
    """A decree's PDF in the documents team's collection, attached to a draft policy page."""
    collection = Collection.objects.get(name="Văn bản, chính sách")
    pdf = DocumentFactory(collection=collection, title="Nghị định chưa ban hành")
    return pdf


def draft_policy(sections, document, capture):
    with capture(execute=True):
        page = PolicyPageFactory(parent=sections["policies"], live=False, title="Nghị định mới")
        page.attachments = [PolicyAttachment(document=document)]
        page.save()
        page.save_revision()
    return page


def test_a_drafts_pdf_is_404_to_the_public_200_to_its_editor_then_public_once_published(
    sections, decree, users, django_capture_on_commit_callbacks
):
    page = draft_policy(sections, decree, django_capture_on_commit_callbacks)
    anonymous = Client()
    assert anonymous.get(decree.url).status_code == 404
    assert decree.pk not in ids(anonymous.get("/api/v2/documents/"))
    assert anonymous.get(f"/api/v2/documents/{decree.pk}/").status_code == 404

    editor = Client()
    editor.force_login(users["documents"])
    assert users["documents"].groups.filter(name=GROUP_DOCUMENTS).exists()
    response = editor.get(decree.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    outsider = Client()
    outsider.force_login(users["outsider"])  # signed in, but not one of the portal's teams
    assert outsider.get(decree.url).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert anonymous.get(decree.url).status_code == 200
    assert decree.pk in ids(anonymous.get("/api/v2/documents/"))


def test_a_document_added_in_a_draft_of_a_live_page_stays_private(
    sections, decree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = PolicyPageFactory(parent=sections["policies"], title="Thông tư đã ban hành")
        page.save_revision().publish()
        # The editor attaches the new PDF and saves a draft: the live page is unchanged.
        page.attachments = [PolicyAttachment(document=decree)]
        page.save_revision()
    assert Client().get(decree.url).status_code == 404


def test_a_page_behind_a_password_does_not_make_its_files_public(
    sections, decree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = PolicyPageFactory(parent=sections["policies"], title="Văn bản nội bộ")
        page.attachments = [PolicyAttachment(document=decree)]
        page.save_revision().publish()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="noi-bo-2026"
    )
    assert Client().get(decree.url).status_code == 404


def ids(response) -> set[int]:
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


def test_the_images_api_lists_only_pictures_of_public_pages(
    sections, category, django_capture_on_commit_callbacks
):
    used = ImageFactory(title="Ảnh của bài đã đăng")
    drafted = ImageFactory(title="Ảnh của bài nháp")
    unused = ImageFactory(title="Ảnh chưa dùng")
    with django_capture_on_commit_callbacks(execute=True):
        NewsArticlePageFactory(parent=sections["news"], category=category, main_image=used)
        NewsArticlePageFactory(
            parent=sections["news"], category=category, main_image=drafted, live=False
        )
    listed = ids(Client().get("/api/v2/images/"))
    assert used.pk in listed
    assert drafted.pk not in listed and unused.pk not in listed
    assert Client().get(f"/api/v2/images/{drafted.pk}/").status_code == 404
