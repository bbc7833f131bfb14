"""Images in the admin: the text alternative (Wagtail's ``description``) is required and a new
file is checked by its content (``cms.files.check_image``). A picture that still cannot be
rendered is left out of the page (``cms.templatetags.responsive``).

Every ``<img>`` of the public site takes its ``alt`` from it (``default_alt_text``), so an image
without one would be announced as a file name or not at all (WCAG 1.1.1).
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from cms import text
from cms.files import check_image

ALT_LABEL = "Văn bản thay thế (mô tả ảnh)"
ALT_HELP = (
    "Bắt buộc. Mô tả điều ảnh cho thấy, để người khiếm thị nghe qua trình đọc màn hình và để "
    "hiện khi ảnh không tải được. Ví dụ: “Lãnh đạo Bộ Xây dựng kiểm tra công trình nhà ở xã "
    "hội tại Bắc Ninh”."
)
ALT_REQUIRED = "Hãy nhập văn bản thay thế mô tả nội dung ảnh."


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, the upload checked by ``cms.files.check_image`` before Wagtail opens
    it: Wagtail counts a truncated JPEG's frames by decoding it, and that raised (a 500)."""

    def to_python(self, data: Any) -> Any:
        if isinstance(data, UploadedFile):
            check_image(data)
        return super().to_python(data)


class AltTextRequiredImageForm(BaseImageForm):
    """Wagtail's image form with the description (alt text) required and explained.

    The multiple uploader's first request sends only the file and title (no description field
    at all) and then shows each image's edit form: the requirement applies there, so uploading
    in bulk still works and no image is saved from the edit form without its text.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        file_field = self.fields.get("file")
        if type(file_field) is WagtailImageField:
            # Wagtail builds this field itself (formfield_for_dbfield); only its class changes.
            file_field.__class__ = CheckedImageField
        field = self.fields.get("description")
        if field is None:
            return
        field.label = ALT_LABEL
        field.help_text = ALT_HELP
        field.error_messages["required"] = ALT_REQUIRED
        field.required = not self.is_bound or self.add_prefix("description") in self.data

    def clean_description(self) -> str:
        return text.clean(self.cleaned_data.get("description") or "").strip()
