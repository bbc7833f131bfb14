"""Spam and abuse guards for public forms, without any third-party service.

* a honeypot field people never see (bots fill every input),
* a signed time stamp: a form sent less than ``MIN_FILL_SECONDS`` after it was shown, or with
  a stamp that is forged or older than ``MAX_FORM_AGE``, is refused (the person's text is kept),
* a per-address rate limit in Django's cache (shared by every process when the cache is Redis),
* attachments checked by extension, by their first bytes and by size.

Django has no such guards of its own and the well-kept packages (django-ratelimit,
django-honeypot) each cover one of them; these few lines keep all four in one place.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

MIN_FILL_SECONDS = 3
MAX_FORM_AGE = 24 * 3600
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
_SALT = "home.citizens.form-started"

# Extension → the first bytes such a file starts with (Office 2007+ files are ZIP archives).
_PDF, _ZIP, _OLE = (b"%PDF-",), (b"PK\x03\x04",), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
ALLOWED_FILES: dict[str, tuple[bytes, ...]] = {
    ".pdf": _PDF,
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".doc": _OLE,
    ".xls": _OLE,
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".odt": _ZIP,
    ".ods": _ZIP,
}
ALLOWED_LABEL = "PDF, JPG, PNG, DOC, DOCX, XLS, XLSX, ODT, ODS"


def started_stamp() -> str:
    """The value of the hidden ``started`` field: now, signed."""
    return signing.TimestampSigner(salt=_SALT).sign(str(int(time.time())))


def check_started(value: str) -> str | None:
    """A reason to refuse the form, or ``None`` when its time stamp is genuine and plausible."""
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        started = int(signer.unsign(value or "", max_age=MAX_FORM_AGE))
    except signing.SignatureExpired:
        return "Biểu mẫu đã mở quá lâu. Vui lòng kiểm tra lại nội dung và gửi lại."
    except (signing.BadSignature, ValueError):
        return "Biểu mẫu không hợp lệ. Vui lòng kiểm tra lại nội dung và gửi lại."
    if time.time() - started < MIN_FILL_SECONDS:
        return "Biểu mẫu được gửi quá nhanh. Vui lòng kiểm tra lại nội dung và gửi lại."
    return None


@dataclass(frozen=True)
class RateLimit:
    """At most ``count`` actions named ``scope`` per address in ``seconds``."""

    scope: str
    count: int
    seconds: int

    def _key(self, request: HttpRequest) -> str:
        # REMOTE_ADDR only: X-Forwarded-For is whatever the client writes unless a proxy we
        # trust sets it (the deployment's proxy is configured to overwrite REMOTE_ADDR).
        address = request.META.get("REMOTE_ADDR", "")[:64]
        return f"citizens:rate:{self.scope}:{address}"

    def exceeded(self, request: HttpRequest) -> bool:
        """Whether this address has used up its allowance (does not count this request)."""
        return (cache.get(self._key(request)) or 0) >= self.count

    def hit(self, request: HttpRequest) -> None:
        key = self._key(request)
        if cache.add(key, 1, self.seconds):
            return
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, self.seconds)


def clean_attachment(upload, max_bytes: int = MAX_ATTACHMENT_BYTES):
    """Accept an office document, PDF or picture whose content matches its extension."""
    if not upload:
        return upload
    name = (upload.name or "").lower()
    suffix = name[name.rfind("."):] if "." in name else ""
    if suffix not in ALLOWED_FILES:
        raise forms.ValidationError(f"Chỉ nhận tệp {ALLOWED_LABEL}.")
    if upload.size > max_bytes:
        raise forms.ValidationError(
            f"Tệp không được lớn hơn {max_bytes // (1024 * 1024)} MB."
        )
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in ALLOWED_FILES[suffix]):
        raise forms.ValidationError(
            "Nội dung tệp không khớp với phần mở rộng của tệp. Chỉ nhận tệp "
            f"{ALLOWED_LABEL} thật."
        )
    return upload


class HoneypotField(forms.CharField):
    """An input hidden from people (CSS and ``aria-hidden``); anything typed in it is a bot."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Để trống ô này")
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        super().__init__(**kwargs)
