"""Uploaded files judged by their content, not their name: one checker for admin and importer.

A file named ``anh.jpg`` that holds HTML, a truncated JPEG or a 17 KB PNG of 144 megapixels is
refused here, before anything is written, with a Vietnamese message. ``check_image(file)`` and
``check_document(file)`` raise :class:`FileRejected` (a ``ValidationError``, so a form shows its
message as it is); the importer turns the same message into ``line N: field: problem``.

Pillow decides what an image is (it is what renders it later); documents are recognised by their
signature (the first bytes), against an allow-list of types a ministry publishes.
"""

from __future__ import annotations

import os
import zipfile
from typing import IO, Any

from PIL import Image, UnidentifiedImageError

from django.conf import settings
from django.core.exceptions import ValidationError

DEFAULT_MAX_IMAGE_PIXELS = 128_000_000  # Wagtail's own default for WAGTAILIMAGES_MAX_IMAGE_PIXELS

# Image suffix → the format Pillow must find in the file.
IMAGE_FORMATS: dict[str, str] = {
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "gif": "GIF",
    "webp": "WEBP",
    "avif": "AVIF",
}

PDF = "pdf"
OLE = "ole"  # legacy Office: .doc, .xls, .ppt
OOXML = "ooxml"  # Office 2007+: .docx, .xlsx, .pptx (a zip with [Content_Types].xml)
ODF = "odf"  # OpenDocument: .odt, .ods, .odp (a zip whose first member is "mimetype")
ZIP = "zip"
RTF = "rtf"
IMAGE = "image"

# Document suffix → the kind of content it must hold. Anything else is refused.
DOCUMENT_TYPES: dict[str, str] = {
    "pdf": PDF,
    "doc": OLE,
    "xls": OLE,
    "ppt": OLE,
    "docx": OOXML,
    "xlsx": OOXML,
    "pptx": OOXML,
    "odt": ODF,
    "ods": ODF,
    "odp": ODF,
    "rtf": RTF,
    "zip": ZIP,
    "jpg": IMAGE,
    "jpeg": IMAGE,
    "png": IMAGE,
}

_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    PDF: (b"%PDF-",),
    OLE: (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    OOXML: (b"PK\x03\x04",),
    ODF: (b"PK\x03\x04",),
    ZIP: (b"PK\x03\x04", b"PK\x05\x06"),
    RTF: (b"{\\rtf",),
}
_ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
_OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


class FileRejected(ValidationError):
    """A file refused for its content; ``message`` says why, in Vietnamese."""


def max_image_pixels() -> int | None:
    """The admin's limit (``WAGTAILIMAGES_MAX_IMAGE_PIXELS``), the same for the importer."""
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS)


def suffix(name: str) -> str:
    return os.path.splitext(name or "")[1].lstrip(".").lower()


def check_image(file: IO[bytes] | Any, name: str | None = None) -> None:
    """Refuse unless ``file`` is a whole image of the format its suffix says, within the limit.

    ``file`` is any readable, seekable binary file (an upload, an open file); ``name`` defaults
    to ``file.name``. The file's position is restored.
    """
    name = name if name is not None else getattr(file, "name", "") or ""
    ext = suffix(name)
    expected = IMAGE_FORMATS.get(ext)
    if expected is None:
        allowed = ", ".join(sorted(IMAGE_FORMATS))
        raise FileRejected(
            f"Tệp “{os.path.basename(name)}” không phải loại ảnh được nhận (chỉ nhận: {allowed}).",
            code="image_suffix",
        )
    with _rewound(file):
        _check_image_content(file, ext, expected)


def _check_image_content(file: Any, ext: str, expected: str) -> None:
    try:
        with Image.open(file, formats=list(set(IMAGE_FORMATS.values()))) as image:
            found = image.format
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError:
        raise FileRejected(
            f"Ảnh quá lớn: vượt giới hạn {max_image_pixels() or 0:,} điểm ảnh.".replace(",", "."),
            code="image_too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise FileRejected(
            f"Tệp .{ext} không phải là ảnh hoặc ảnh bị hỏng: nội dung không đọc được như ảnh.",
            code="image_unreadable",
        ) from None
    if found != expected:
        raise FileRejected(
            f"Nội dung tệp là ảnh {found} nhưng tên tệp có đuôi .{ext}: hãy đổi đuôi tệp cho đúng.",
            code="image_format_mismatch",
        )
    limit = max_image_pixels()
    pixels = width * height * frames
    if limit is not None and pixels > limit:
        raise FileRejected(
            f"Ảnh quá lớn: {width}×{height} điểm ảnh ({pixels:,} điểm), vượt giới hạn "
            f"{limit:,} điểm ảnh.".replace(",", "."),
            code="image_too_many_pixels",
        )
    file.seek(0)
    try:
        with Image.open(file) as image:
            image.verify()  # structure and checksums (PNG chunks to IEND)
        file.seek(0)
        with Image.open(file) as image:
            if image.format == "JPEG":
                # Decode at 1/8 scale: enough to reach the end of the data, cheap at any size.
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()  # a truncated file fails here ("image file is truncated")
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken file; all mean "broken"
        raise FileRejected(
            f"Ảnh .{ext} bị hỏng hoặc không đầy đủ (tệp bị cắt cụt): không giải mã được.",
            code="image_broken",
        ) from None


def check_document(file: IO[bytes] | Any, name: str | None = None) -> None:
    """Refuse unless ``file`` is of an allowed type and its content is what its suffix says."""
    name = name if name is not None else getattr(file, "name", "") or ""
    ext = suffix(name)
    kind = DOCUMENT_TYPES.get(ext)
    if kind is None:
        allowed = ", ".join(sorted(DOCUMENT_TYPES))
        raise FileRejected(
            f"Loại tệp .{ext or '?'} không được nhận. Chỉ nhận: {allowed}.",
            code="document_type",
        )
    if kind == IMAGE:
        check_image(file, name)
        return
    with _rewound(file):
        head = file.read(8)
        if not head.startswith(_SIGNATURES[kind]):
            raise FileRejected(
                f"Nội dung tệp không phải là tệp .{ext} (tên tệp và nội dung không khớp).",
                code="document_signature",
            )
        if kind in (OOXML, ODF):
            file.seek(0)
            _check_office_zip(file, ext, kind)


def _check_office_zip(file: Any, ext: str, kind: str) -> None:
    problem = FileRejected(
        f"Tệp .{ext} bị hỏng hoặc không phải tài liệu văn phòng hợp lệ.", code="document_broken"
    )
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if kind == OOXML:
                folder = _OOXML_FOLDERS[ext]
                if "[Content_Types].xml" not in names or not any(
                    n.startswith(folder) for n in names
                ):
                    raise problem
            elif archive.read("mimetype").strip() != _ODF_MIMETYPES[ext]:
                raise problem
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        raise problem from None


class _rewound:
    """Seek to the start before reading and back to where the file was after."""

    def __init__(self, file: Any) -> None:
        self.file = file

    def __enter__(self) -> Any:
        self.position = self.file.tell()
        self.file.seek(0)
        return self.file

    def __exit__(self, *exc: object) -> None:
        self.file.seek(self.position)
