"""Editors cannot save an image in the admin without its text alternative (WCAG 1.1.1)."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form, get_image_multi_form
from wagtail.models import Collection

from cms.images import ALT_REQUIRED

pytestmark = pytest.mark.django_db


def _jpeg(name: str = "cong-trinh.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "steelblue").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _data(**extra) -> dict:
    return {"title": "Công trình", "collection": Collection.get_first_root_node().pk,
            "tags": "", **extra}


def test_admin_add_form_requires_the_alt_text():
    form_class = get_image_form(get_image_model())
    form = form_class(data=_data(description="  "), files={"file": _jpeg()})
    assert not form.is_valid()
    assert form.errors["description"] == [ALT_REQUIRED]
    assert form_class().fields["description"].label == "Văn bản thay thế (mô tả ảnh)"
    form = form_class(data=_data(description="Cầu Nhật Tân lúc hoàng hôn"),
                      files={"file": _jpeg()})
    assert form.is_valid(), form.errors
    assert form.save().default_alt_text == "Cầu Nhật Tân lúc hoàng hôn"


def test_bulk_upload_asks_for_the_alt_text_on_each_image_after_upload():
    model = get_image_model()
    upload = get_image_form(model)(data=_data(), files={"file": _jpeg()})
    assert upload.is_valid(), upload.errors  # the uploader's first step sends no description
    image = upload.save()
    edit = get_image_multi_form(model)(
        data={f"image-{image.pk}-{k}": v for k, v in _data(description="").items()},
        instance=image, prefix=f"image-{image.pk}",
    )
    assert not edit.is_valid() and edit.errors["description"] == [ALT_REQUIRED]


def test_admin_view_shows_the_vietnamese_message(admin_client):
    response = admin_client.post("/admin/images/add/", {**_data(description=""),
                                                         "file": _jpeg()})
    assert response.status_code == 200
    assert ALT_REQUIRED in response.content.decode()
    assert not get_image_model().objects.exists()
    response = admin_client.post("/admin/images/add/", {**_data(description="Trụ sở Bộ"),
                                                         "file": _jpeg()})
    assert response.status_code == 302
    assert get_image_model().objects.get().description == "Trụ sở Bộ"
