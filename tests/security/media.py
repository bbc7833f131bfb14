"""Files an attacker or a careless editor uploads, made in memory."""

from __future__ import annotations

import io
import zipfile

from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "steelblue").save(out, fmt)
    return out.getvalue()


def truncated_jpeg() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(out, "JPEG", quality=90)
    data = out.getvalue()
    return data[: len(data) // 2]


def huge_png(width: int = 12_000, height: int = 12_000) -> bytes:
    """144 megapixels of one colour: a few hundred KB on disk (the issue's 17 KB PNG)."""
    out = io.BytesIO()
    Image.new("1", (width, height), 0).save(out, "PNG", optimize=True)
    return out.getvalue()


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)
