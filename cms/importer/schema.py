"""The JSON Lines contract of DESIGN.md: field checkers, ``Spec`` and ``validate``.

Each record type's fields are declared beside its models (``registry.RecordType.spec``) with
the checkers here. Validation is pure (no database): a line's JSON object becomes a clean
``Record`` or a list of ``(field, problem)`` pairs. Text goes through ``cms.text.clean`` (NFC);
slugs through ``cms.text.slugify``. Unknown keys are dropped, as the contract says.

A page type whose spec is ``translatable`` also takes ``locale`` (a content language; absent or
the default language means the default, and is then left out of the data, so that a file
written before locales existed keeps its keys and digests) and ``translation_of`` (the key of
the page in the default language this one translates; resolved when written, by the writer).
A record in another locale has its natural key prefixed (``en:…``): the English translation of
a procedure keeps the original's code, yet is another record.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

from cms import files, text

from . import registry

__all__ = [
    "DRAFT", "FILE", "IMAGE", "IMAGES", "LIVE", "FieldError", "Record", "Spec", "default_locale",
    "validate",
]


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

    @property
    def locale(self) -> str:
        """The record's content language (the default one where the line named none)."""
        return self.data.get("locale") or default_locale()

    @property
    def natural_key(self) -> str:
        """The key without its locale prefix: the slug, code or number the page carries."""
        prefix = f"{self.data['locale']}:" if "locale" in self.data else ""
        return self.key.removeprefix(prefix)


def default_locale() -> str:
    """The site's default content language (``vi``): what a record without ``locale`` is in."""
    return settings.LANGUAGE_CODE


def locale_code(value: Any) -> str:
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    return choice(*codes)(value)


# --- value checkers: each takes the raw JSON value and returns the clean one or raises ---

def text_field(value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError("phải là chuỗi văn bản")
    cleaned = text.clean(value).strip()
    if not cleaned:
        raise FieldError("không được để trống")
    return cleaned


def short(limit: int) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        cleaned = text_field(value)
        if len(cleaned) > limit:
            raise FieldError(f"dài quá {limit} ký tự")
        return cleaned

    return check


def html(value: Any) -> str:
    """Rich text as HTML (cleaned later by ``richtext.rich_text`` through Wagtail's whitelist)."""
    return text_field(value)


def datetime_field(value: Any) -> str:
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
    _in_years(parsed.year, value)
    return parsed.isoformat()


#: Years a date may have: any real document; the year 1 or 9999 overflowed when shifted to
#: another time zone (storage in UTC, display in Vietnam's).
YEARS = (1800, 2200)


def _in_years(year: int, value: Any) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise FieldError(f"năm ngoài khoảng {YEARS[0]}–{YEARS[1]}: {value!r}")


def date_field(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise FieldError(f"ngày không hợp lệ: {value!r} (cần YYYY-MM-DD, ví dụ 2019-03-07)")
    try:
        parsed = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise FieldError(f"ngày không tồn tại: {value!r}") from None
    _in_years(parsed.year, value)
    return parsed.isoformat()


def url(value: Any) -> str:
    cleaned = short(500)(value)
    parts = urlsplit(cleaned)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise FieldError(f"địa chỉ web không hợp lệ: {cleaned!r} (cần http:// hoặc https://)")
    return cleaned


def slug(value: Any) -> str:
    cleaned = text.slugify(text_field(value))
    if not cleaned:
        raise FieldError("không tạo được đường dẫn (slug) từ giá trị này")
    return cleaned


def order(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError("phải là số nguyên")
    if not 0 <= value <= 1_000_000:
        raise FieldError("phải trong khoảng 0–1.000.000")
    return value


def choice(*allowed: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        cleaned = text_field(value)
        if cleaned not in allowed:
            choices = ", ".join(allowed)
            raise FieldError(f"giá trị {cleaned!r} không hợp lệ (chọn một trong: {choices})")
        return cleaned

    return check


def text_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise FieldError("phải là danh sách chuỗi")
    items = []
    for index, item in enumerate(value):
        try:
            items.append(short(255)(item))
        except FieldError as error:
            raise FieldError(f"phần tử {index}: {error}") from None
    return items


def tags(value: Any) -> list[str]:
    names = text_list(value)
    seen: dict[str, str] = {}
    for tag in names:
        if len(tag) > 100:
            raise FieldError(f"nhãn {tag!r} dài quá 100 ký tự")
        seen.setdefault(text.slugify(tag) or tag, tag)
    return list(seen.values())


#: The ``status`` of a record: published or a draft.
LIVE, DRAFT = "live", "draft"


def status(value: Any) -> str:
    return choice(LIVE, DRAFT)(value)


# Files: paths relative to the JSONL file, checked in ``validate`` (they need its folder).
FILE = object()  # any file (a document)
IMAGE = object()  # an image file
IMAGES = object()  # a list of {file, caption}, each file an image


def images(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise FieldError("phải là danh sách {file, caption}")
    result = []
    for index, item in enumerate(value):
        if not isinstance(item, dict) or "file" not in item:
            raise FieldError(f"phần tử {index}: cần một đối tượng có khóa 'file'")
        caption = item.get("caption")
        result.append({
            "file": item["file"],
            "caption": short(255)(caption) if caption not in (None, "") else "",
        })
    return result


def upper(limit: int) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        return short(limit)(value).upper()

    return check


def model_rule(
    validator: Callable[[Any], Any], inner: Callable[[Any], Any]
) -> Callable[[Any], Any]:
    """``inner``, then a pure validator of a model (one rule in one place)."""

    def check(value: Any) -> Any:
        cleaned = inner(value)
        try:
            validator(cleaned)
        except ValidationError as error:
            raise FieldError(" ".join(error.messages)) from None
        except ValueError:
            raise FieldError(f"giá trị {value!r} không hợp lệ") from None
        return cleaned

    return check


@dataclass(frozen=True)
class Spec:
    """The fields of one record type. ``key_field(data)`` names the field holding the natural
    key; ``finish(data)`` derives missing values and checks across fields, on the fields that
    passed (``(field, problem)`` pairs)."""

    required: dict[str, Callable[[Any], Any]]
    optional: dict[str, Any]
    key_field: Callable[[dict[str, Any]], str]
    finish: Callable[[dict[str, Any]], list[tuple[str, str]]] = lambda data: []
    #: Pages in several languages: the record takes ``locale`` and ``translation_of``.
    translatable: bool = False

    def key(self, data: dict[str, Any]) -> str:
        key = data[self.key_field(data)]
        return f"{data['locale']}:{key}" if "locale" in data else key


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
    stat = path.stat()
    if stat.st_size > MAX_FILE_BYTES:
        raise FieldError(f"{value!r} lớn quá 50 MB")
    problem = _content_problem(str(path), images_only, stat.st_size, stat.st_mtime_ns)
    if problem:
        raise FieldError(f"{value!r}: {problem}")
    return path


@functools.lru_cache(maxsize=4096)
def _content_problem(path: str, images_only: bool, size: int, mtime: int) -> str | None:
    """What ``cms.files`` (the admin's checker) finds wrong with the file's content, once per
    file and process (a photo of a thousand articles is opened once): an image is of the
    format its suffix says, opens, is whole and within the admin's pixel limit (read from
    its header, before decoding); a document is of an allowed type by its signature."""
    check = files.check_image if images_only else files.check_document
    with open(path, "rb") as handle:
        try:
            check(handle, path)
        except files.FileRejected as error:
            return " ".join(error.messages)
    return None


def _digest(kind: str, spec: Spec, data: dict[str, Any], hasher: Callable[[str], str]) -> str:
    """What a record says, files by their content (not their path): equal digests, no change."""
    content = dict(data)
    for name, check in {**spec.required, **spec.optional}.items():
        if name not in content:
            continue
        if check is FILE or check is IMAGE:
            content[name] = hasher(content[name])
        elif check is IMAGES:
            content[name] = [{**image, "file": hasher(image["file"])} for image in data[name]]
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
    found = registry.record_type(kind) if isinstance(kind, str) else None
    if found is None:
        known = ", ".join(t.name for t in registry.record_types("export_order"))
        return None, [("type", f"loại bản ghi không hợp lệ: {kind!r} (chọn một trong: {known})")]
    spec = found.spec

    errors: list[tuple[str, str]] = []
    data: dict[str, Any] = {}
    files: list[Path] = []
    fields = [(name, check, True) for name, check in spec.required.items()]
    fields += [(name, check, False) for name, check in spec.optional.items()]
    fields.append(("legacy_id", short(255), False))
    if spec.translatable:
        fields += [("locale", locale_code, False), ("translation_of", short(255), False)]
    else:  # not silently dropped: an English line would overwrite its Vietnamese record
        for name in ("locale", "translation_of"):
            if obj.get(name) not in (None, "", default_locale()):
                errors.append((name, f"loại {kind!r} chỉ có một ngôn ngữ "
                               f"({default_locale()!r}); bản tiếng Anh nằm trong các trường *_en "
                               "hoặc chưa được hỗ trợ"))
    for name, check, required in fields:
        value = obj.get(name)
        if value is None or value == "" or value == []:
            if required:
                errors.append((name, "thiếu trường bắt buộc"))
            continue
        try:
            if check is FILE or check is IMAGE:
                path = _file(value, base, images_only=check is IMAGE)
                files.append(path)
                data[name] = str(path)
            elif check is IMAGES:
                found_images = images(value)
                for index, image in enumerate(found_images):
                    try:
                        path = _file(image["file"], base, images_only=True)
                    except FieldError as error:
                        raise FieldError(f"phần tử {index}: {error}") from None
                    files.append(path)
                    image["file"] = str(path)
                data[name] = found_images
            else:
                data[name] = check(value)
        except FieldError as error:
            errors.append((name, str(error)))
    if data.get("locale") == default_locale():
        del data["locale"]  # absent and the default language are one thing
    if "translation_of" in data and "locale" not in data:
        errors.append(("translation_of", f"chỉ dùng cho bản dịch: cần 'locale' khác "
                       f"{default_locale()!r}, ví dụ \"en\""))
    errors += spec.finish(data)
    if errors:
        return None, errors
    return Record(line, kind, spec.key(data), data, _digest(kind, spec, data, hasher),
                  tuple(files)), []
