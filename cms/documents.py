"""Documents in the admin: a new file is checked by its content (``cms.files.check_document``)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile

from wagtail.documents.forms import BaseDocumentForm

from cms.files import check_document


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing a file whose content is not an allowed type (a PDF, an
    Office or OpenDocument file, a picture…) or does not match its name."""

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            check_document(file)
        return file
