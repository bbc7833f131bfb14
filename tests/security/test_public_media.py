"""Nothing public before its page is (issue 17, point 2): a document or image uploaded for a
draft is neither served nor listed to the public until a live public page uses it, and the names
of its renditions cannot be derived from its original's."""

from __future__ import annotations

import re

import pytest

from django.core.files.storage import default_storage
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


# --- Renditions: unguessable names; originals never served (deploy/nginx/portal.conf) -------------


def wagtail_name(rendition) -> str:
    """The name Wagtail gives a rendition by itself: the original's, the filter's, the format's."""
    stem = rendition.image.file.name.rsplit("/", 1)[1].rsplit(".", 1)[0]
    ext = rendition.file.name.rsplit(".", 1)[1]
    return f"images/{stem}.{rendition.filter_spec.replace('|', '.')}.{ext}"


def test_a_drafts_pictures_have_names_nobody_derives_from_the_original(
    sections, category, users, django_capture_on_commit_callbacks
):
    picture = ImageFactory(title="Phối cảnh dự án", file__filename="phoi-canh-du-an.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        page = NewsArticlePageFactory(
            parent=sections["news"], category=category, main_image=picture, live=False
        )
        page.save_revision()
    editor = Client()
    editor.force_login(users["news"])
    draft = editor.get(f"/admin/pages/{page.pk}/view_draft/")
    assert draft.status_code == 200  # the editor checks the draft: its pictures are rendered
    html = draft.content.decode()
    renditions = list(picture.renditions.all())
    shown = set(re.findall(r"/media/images/[^\s\"',]+", html))
    assert shown and shown <= {rendition.url for rendition in renditions}
    for rendition in renditions:
        assert rendition.file.name.startswith("images/phoi-canh-du-an.")
        assert rendition.file.name != wagtail_name(rendition)
        assert default_storage.exists(rendition.file.name)
        assert not default_storage.exists(wagtail_name(rendition))
    # Made again, the same picture gets another name: nothing in it is predictable.
    first = renditions[0]
    spec, name = first.filter_spec, first.file.name
    first.delete()
    assert picture.get_rendition(spec).file.name != name


def test_the_api_downloads_a_public_picture_by_a_signed_url_not_its_original(
    sections, category, django_capture_on_commit_callbacks
):
    picture = ImageFactory(title="Ảnh đã đăng", file__filename="anh-da-dang.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        NewsArticlePageFactory(parent=sections["news"], category=category, main_image=picture)
    anonymous = Client()
    url = anonymous.get(f"/api/v2/images/{picture.pk}/").json()["meta"]["download_url"]
    assert "original_images" not in url and url.startswith("/images/")
    listed = anonymous.get("/api/v2/images/").json()["items"]
    assert [item["meta"]["download_url"] for item in listed] == [url]

    response = anonymous.get(url)
    assert response.status_code == 302
    full_size = picture.get_rendition("original")
    assert response["Location"] == full_size.url
    assert full_size.file.name != wagtail_name(full_size)

    signature = url.split("/")[2]
    forged = url.replace(signature, "A" * len(signature))
    assert anonymous.get(forged).status_code == 403
    other = url.replace(f"/{picture.pk}/", f"/{picture.pk + 1}/")
    assert anonymous.get(other).status_code == 403  # a signature is for one image only
