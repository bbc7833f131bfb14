"""Files checked by their content (issue 17, point 1): ``cms.files`` and the admin's upload forms,
and a picture that still cannot be rendered never takes a page down."""

from __future__ import annotations

import io
import logging

import pytest

from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.files import FileRejected, check_document, check_image
from news.factories import ImageFactory, NewsArticlePageFactory, NewsIndexPageFactory

from .media import HTML, docx, huge_png, image_bytes, truncated_jpeg, upload

pytestmark = pytest.mark.django_db


# --- The checker ----------------------------------------------------------------------------------


def test_a_real_jpeg_png_and_webp_pass():
    check_image(upload("anh.jpg", image_bytes("JPEG")))
    check_image(upload("anh.jpeg", image_bytes("JPEG")))
    check_image(upload("anh.png", image_bytes("PNG")))
    check_image(upload("anh.webp", image_bytes("WEBP")))


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("notimage.jpg", HTML, "không phải là ảnh"),  # the HTML named .jpg
        ("anh.png", image_bytes("JPEG"), "JPEG nhưng tên tệp có đuôi .png"),
        ("cat.jpg", truncated_jpeg(), "bị cắt cụt"),
        ("anh.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "không phải loại ảnh"),
        ("anh.jpg", b"", "không phải là ảnh"),
    ],
)
def test_an_image_that_is_not_what_its_name_says_is_refused(name, data, words):
    with pytest.raises(FileRejected) as refused:
        check_image(upload(name, data))
    assert words in refused.value.message
    assert isinstance(refused.value, ValidationError)  # forms show it as it is


def test_a_small_png_of_144_megapixels_is_refused_by_the_admins_limit():
    data = huge_png()
    assert len(data) < 1_000_000
    with pytest.raises(FileRejected) as refused:
        check_image(upload("banner.png", data))
    assert refused.value.code == "image_too_many_pixels"
    assert "vượt giới hạn 128.000.000 điểm ảnh" in refused.value.message


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=100 * 100)
def test_the_pixel_limit_is_the_admins_setting():
    check_image(upload("anh.png", image_bytes("PNG", (100, 100))))
    with pytest.raises(FileRejected):
        check_image(upload("anh.png", image_bytes("PNG", (101, 100))))


def test_the_file_position_is_kept():
    file = io.BytesIO(b"xx" + image_bytes("PNG"))
    file.seek(0)
    with pytest.raises(FileRejected):
        check_image(file, "anh.png")  # "xx" before the signature: not an image
    good = io.BytesIO(image_bytes("PNG"))
    good.seek(5)
    check_image(good, "anh.png")
    assert good.tell() == 5


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("nghi-dinh.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"),
        ("bieu-mau.docx", docx()),
        ("bang.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504),
        ("anh-chup.png", image_bytes("PNG")),
    ],
)
def test_allowed_documents_pass(name, data):
    check_document(upload(name, data))


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("nghi-dinh.pdf", HTML, "document_signature"),  # HTML served as a "PDF"
        ("trang.html", HTML, "document_type"),
        ("chay.exe", b"MZ\x90\x00", "document_type"),
        ("anh.svg", b"<svg onload='alert(1)'/>", "document_type"),
        ("bieu-mau.docx", b"PK\x03\x04broken", "document_broken"),
        ("scan.jpg", HTML, "image_unreadable"),
    ],
)
def test_documents_of_other_types_or_contents_are_refused(name, data, code):
    with pytest.raises(FileRejected) as refused:
        check_document(upload(name, data))
    assert refused.value.code == code


# --- The admin's upload forms ---------------------------------------------------------------------


def test_admin_refuses_a_truncated_jpeg(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Ảnh hỏng", "description": "Ảnh", "file": upload("cat.jpg", truncated_jpeg())},
    )
    assert response.status_code == 200
    assert "bị cắt cụt" in response.content.decode()
    assert not get_image_model().objects.filter(title="Ảnh hỏng").exists()


def test_admin_accepts_a_real_image(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Ảnh tốt", "description": "Ảnh", "file": upload("tot.jpg", image_bytes()),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Ảnh tốt").exists()


def test_admin_refuses_html_uploaded_as_a_pdf(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Nghị định giả", "file": upload("nghi-dinh.pdf", HTML)},
    )
    assert response.status_code == 200
    assert "không phải là tệp .pdf" in response.content.decode()
    assert not get_document_model().objects.filter(title="Nghị định giả").exists()


def test_admin_multiple_upload_refuses_html_as_a_pdf(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"title": "Nghị định giả", "files[]": upload("nghi-dinh.pdf", HTML)},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not get_document_model().objects.filter(title="Nghị định giả").exists()


def test_admin_accepts_a_real_pdf(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Nghị định thật", "file": upload("nghi-dinh.pdf", b"%PDF-1.7\n%%EOF\n"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Nghị định thật").exists()


# --- A picture that cannot be rendered ---------------------------------------------------------


@pytest.fixture
def broken_image():
    """An image whose stored file is HTML named .jpg (as the importer let in)."""
    image = ImageFactory(description="Ảnh hỏng")
    with image.file.storage.open(image.file.name, "wb") as stored:
        stored.write(HTML)
    return image


def test_a_page_whose_picture_is_html_named_jpg_still_shows(
    client, home_page, broken_image, caplog
):
    news = NewsIndexPageFactory(parent=home_page)
    article = NewsArticlePageFactory(parent=news, main_image=broken_image, title="Bài có ảnh hỏng")
    ok = ImageFactory(description="Ảnh tốt")
    NewsArticlePageFactory(parent=news, main_image=ok, title="Bài có ảnh tốt")
    with caplog.at_level(logging.ERROR, logger="cms.templatetags.responsive"):
        pages = {url: client.get(url) for url in (article.url, news.url, home_page.url)}
    assert {url: r.status_code for url, r in pages.items()} == dict.fromkeys(pages, 200)
    page = pages[article.url].content.decode()
    assert "Bài có ảnh hỏng" in page
    assert "<picture>" not in page  # its only picture is left out
    assert 'property="og:image"' not in page  # and so is its Open Graph picture
    assert any(f"ảnh #{broken_image.pk}" in r.getMessage() for r in caplog.records)
    # The listing shows both articles, the good one with its picture.
    listing = pages[news.url].content.decode()
    assert "Bài có ảnh hỏng" in listing and listing.count("<picture>") == 1
