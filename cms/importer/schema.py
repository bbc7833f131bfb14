"""The JSON Lines contract of DESIGN.md as data: record types, their fields and natural keys.

Validation is pure (no database): a line's JSON object becomes a clean ``Record`` or a list of
``(field, problem)`` pairs. Text goes through ``cms.text.clean`` (NFC); slugs through
``cms.text.slugify``. Unknown keys are dropped, as the contract says.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cms import text

__all__ = ["LEVELS", "TYPES", "FieldError", "Record", "validate"]


class FieldError(ValueError):
    """A value that breaks the contract; the message is shown to the user as the problem."""


@dataclass(frozen=True)
class Record:
    """One valid line: its type, natural key, cleaned values and a digest of them."""

    line: int
    type: str
    key: str
    data: dict[str, Any]
    digest: str = field(compare=False)
    files: tuple[Path, ...] = ()


# --- value checkers: each takes the raw JSON value and returns the clean one or raises ---

def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError("phải là chuỗi văn bản")
    cleaned = text.clean(value).strip()
    if not cleaned:
        raise FieldError("không được để trống")
    return cleaned


def _short(limit: int) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        cleaned = _text(value)
        if len(cleaned) > limit:
            raise FieldError(f"dài quá {limit} ký tự")
        return cleaned

    return check


def _html(value: Any) -> str:
    return _text(value)


def _datetime(value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError("phải là ngày giờ ISO 8601, ví dụ 2020-09-21T09:07:00+07:00")
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise FieldError(
            f"ngày giờ không hợp lệ: {value!r} (cần ISO 8601 có múi giờ, "
            "ví dụ 2020-09-21T09:07:00+07:00)"
        ) from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise FieldError(f"thiếu múi giờ: {value!r} (ví dụ 2020-09-21T09:07:00+07:00)")
    return parsed.isoformat()


def _date(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise FieldError(f"ngày không hợp lệ: {value!r} (cần YYYY-MM-DD, ví dụ 2019-03-07)")
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise FieldError(f"ngày không tồn tại: {value!r}") from None


def _url(value: Any) -> str:
    cleaned = _short(500)(value)
    parts = urlsplit(cleaned)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise FieldError(f"địa chỉ web không hợp lệ: {cleaned!r} (cần http:// hoặc https://)")
    return cleaned


def _slug(value: Any) -> str:
    slug = text.slugify(_text(value))
    if not slug:
        raise FieldError("không tạo được đường dẫn (slug) từ giá trị này")
    return slug


def _order(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError("phải là số nguyên")
    if not 0 <= value <= 1_000_000:
        raise FieldError("phải trong khoảng 0–1.000.000")
    return value


def _choice(*allowed: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        cleaned = _text(value)
        if cleaned not in allowed:
            choices = ", ".join(allowed)
            raise FieldError(f"giá trị {cleaned!r} không hợp lệ (chọn một trong: {choices})")
        return cleaned

    return check


def _text_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise FieldError("phải là danh sách chuỗi")
    items = []
    for index, item in enumerate(value):
        try:
            items.append(_short(255)(item))
        except FieldError as error:
            raise FieldError(f"phần tử {index}: {error}") from None
    return items


def _tags(value: Any) -> list[str]:
    tags = _text_list(value)
    seen: dict[str, str] = {}
    for tag in tags:
        if len(tag) > 100:
            raise FieldError(f"nhãn {tag!r} dài quá 100 ký tự")
        seen.setdefault(text.slugify(tag) or tag, tag)
    return list(seen.values())


#: Online service levels: 1–4 as the seed uses them, or today's classification.
LEVELS = {"1": 1, "2": 2, "3": 3, "4": 4, "toàn trình": 4, "một phần": 3}


def _level(value: Any) -> str:
    raw = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(raw, str) or text.clean(raw).strip().lower() not in LEVELS:
        raise FieldError(
            f"mức độ {value!r} không hợp lệ (1, 2, 3, 4, 'toàn trình' hoặc 'một phần')"
        )
    return text.clean(raw).strip().lower()


def _status(value: Any) -> str:
    return _choice("live", "draft")(value)


# File references are checked in ``validate`` (they need the JSONL file's folder).
_FILE = object()


def _images(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise FieldError("phải là danh sách {file, caption}")
    images = []
    for index, item in enumerate(value):
        if not isinstance(item, dict) or "file" not in item:
            raise FieldError(f"phần tử {index}: cần một đối tượng có khóa 'file'")
        caption = item.get("caption")
        images.append({
            "file": item["file"],
            "caption": _short(255)(caption) if caption not in (None, "") else "",
        })
    return images


def _upper(limit: int) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        return _short(limit)(value).upper()

    return check


def _number(value: Any) -> str:
    """A document number as the policy pages store it (``17/nq-cp`` → ``17/NQ-CP``)."""
    from home.models.policies import normalize_number

    return normalize_number(_short(64)(value))


def _model_rule(path: str, inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``inner``, then a pure validator of the portal's models (one rule in one place)."""

    def check(value: Any) -> Any:
        from django.core.exceptions import ValidationError
        from django.utils.module_loading import import_string

        cleaned = inner(value)
        try:
            import_string(path)(cleaned)
        except ValidationError as error:
            raise FieldError(" ".join(error.messages)) from None
        except ValueError:
            raise FieldError(f"giá trị {value!r} không hợp lệ") from None
        return cleaned

    return check


@dataclass(frozen=True)
class Spec:
    required: dict[str, Callable[[Any], Any]]
    optional: dict[str, Any]
    key: Callable[[dict[str, Any]], str]


def _article_key(data: dict[str, Any]) -> str:
    return data.get("legacy_id") or data["slug"]


TYPES: dict[str, Spec] = {
    "article": Spec(
        required={
            "title": _short(255), "lead": _text, "body": _html, "published_at": _datetime,
            "category": _short(255),
        },
        optional={
            "slug": _slug, "tags": _tags, "source": _short(255), "author": _short(255),
            "status": _status, "images": _images,
        },
        key=_article_key,
    ),
    "procedure": Spec(
        required={
            "code": _model_rule("home.models.procedures.code_validator", _upper(32)),
            "name": _short(255), "field": _short(255),
            "level": _model_rule("home.models.procedures.parse_level", _level),
        },
        optional={
            "agency": _short(255), "applicant": _short(500), "processing_time": _short(255),
            "fee": _short(500), "documents": _text_list, "steps": _html, "result": _text,
            "legal_basis": _text, "requirements": _html,
            "portal_url": _model_rule("home.models.procedures.validate_portal_url", _url),
            "status": _status,
        },
        key=lambda data: data["code"],
    ),
    "legal_document": Spec(
        required={
            "number": _model_rule("home.models.policies.number_validator", _number),
            "doc_type": _short(100), "issuer": _short(255),
            "issued": _date, "summary": _text,
        },
        optional={
            "signer": _short(255), "effective": _date, "status": _short(100),
            "field": _short(255), "body": _html, "attachment": _FILE,
        },
        key=lambda data: data["number"],
    ),
    "unit": Spec(
        required={"name": _short(255), "url": _url},
        optional={"kind": _choice("unit", "enterprise"), "order": _order},
        key=lambda data: data["url"],
    ),
    "banner": Spec(
        required={"title": _short(255), "url": _url},
        optional={
            "subtitle": _short(255), "link_text": _short(100), "image": _FILE, "order": _order,
        },
        key=lambda data: data["url"],
    ),
}

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}
MAX_FILE_BYTES = 50 * 1024 * 1024


def _file(value: Any, base: Path, images_only: bool) -> Path:
    """A path relative to the JSONL file's folder that exists and stays inside it."""
    if not isinstance(value, str) or not value.strip():
        raise FieldError("phải là đường dẫn tệp (tương đối so với tệp JSONL)")
    relative = Path(text.clean(value).strip())
    if relative.is_absolute():
        raise FieldError(f"{value!r}: cần đường dẫn tương đối so với tệp JSONL")
    root = base.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        raise FieldError(f"{value!r}: đường dẫn ra ngoài thư mục của tệp JSONL")
    if not path.is_file():
        raise FieldError(f"không tìm thấy tệp {value!r}")
    if images_only and path.suffix.lower() not in IMAGE_SUFFIXES:
        raise FieldError(f"{value!r} không phải ảnh ({', '.join(sorted(IMAGE_SUFFIXES))})")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise FieldError(f"{value!r} lớn quá 50 MB")
    return path


def _digest(kind: str, data: dict[str, Any], hasher: Callable[[str], str]) -> str:
    """What a record says, files by their content (not their path): equal digests, no change."""
    content = dict(data)
    for name in ("attachment", "image"):
        if name in content:
            content[name] = hasher(content[name])
    if "images" in content:
        content["images"] = [{**image, "file": hasher(image["file"])} for image in data["images"]]
    payload = json.dumps([kind, content], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def validate(
    obj: Any, line: int, base: Path, hasher: Callable[[str], str]
) -> tuple[Record | None, list[tuple[str, str]]]:
    """Check one decoded line against the contract: a ``Record``, or ``(field, problem)`` pairs.

    ``hasher`` gives a file's content hash (memoised by the caller, files repeat).
    """
    if not isinstance(obj, dict):
        return None, [("type", "mỗi dòng phải là một đối tượng JSON")]
    kind = obj.get("type")
    spec = TYPES.get(kind) if isinstance(kind, str) else None
    if spec is None:
        known = ", ".join(TYPES)
        return None, [("type", f"loại bản ghi không hợp lệ: {kind!r} (chọn một trong: {known})")]

    errors: list[tuple[str, str]] = []
    data: dict[str, Any] = {}
    files: list[Path] = []
    fields = [(name, check, True) for name, check in spec.required.items()]
    fields += [(name, check, False) for name, check in spec.optional.items()]
    fields.append(("legacy_id", _short(255), False))
    for name, check, required in fields:
        value = obj.get(name)
        if value is None or value == "" or value == []:
            if required:
                errors.append((name, "thiếu trường bắt buộc"))
            continue
        try:
            if check is _FILE:
                path = _file(value, base, images_only=name == "image")
                files.append(path)
                data[name] = str(path)
            elif name == "images":
                images = check(value)
                for index, image in enumerate(images):
                    try:
                        path = _file(image["file"], base, images_only=True)
                    except FieldError as error:
                        raise FieldError(f"phần tử {index}: {error}") from None
                    files.append(path)
                    image["file"] = str(path)
                data[name] = images
            else:
                data[name] = check(value)
        except FieldError as error:
            errors.append((name, str(error)))
    if kind == "article" and "title" in data and "slug" not in data:
        slug = text.slugify(data["title"])
        if slug:
            data["slug"] = slug
        else:
            errors.append(("slug", "không tạo được đường dẫn (slug) từ tiêu đề; hãy thêm slug"))
    issued, effective = data.get("issued"), data.get("effective")
    if kind == "legal_document" and issued and effective and effective < issued:
        errors.append(("effective", "ngày có hiệu lực trước ngày ban hành"))
    if errors:
        return None, errors
    key = spec.key(data)
    return Record(line, kind, key, data, _digest(kind, data, hasher), tuple(files)), []
