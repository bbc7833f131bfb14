"""Records in several languages: the tree a record in another locale goes to, and the page it
translates (``locale`` and ``translation_of`` of the format, ``schema.Spec.translatable``).

A record in the default language lives under its section page, as it always did. A record in
another locale lives in that language's tree (``/en/…``): under the translation of its
original's parent, or, without ``translation_of``, of its section. A parent missing in that
language is made as the admin's "Dịch" makes it (Wagtail's ``copy_for_translation``, which keeps
``translation_key``), ancestors first, and published when its original is live. A translation
takes its original's ``translation_key``: Wagtail's own link between a page and its
translations, which the language switcher, ``hreflang`` and the admin read.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q

from wagtail.models import Locale, Page

from cms.models import ImportedRecord

from .context import RecordError
from .schema import Record, default_locale

__all__ = ["find_original", "translation_in"]


def translation_in(page: Page, code: str) -> Page:
    """``page``'s translation in the language ``code``, made (with its ancestors) where missing."""
    locale = Locale.objects.get_or_create(language_code=code)[0]
    found = page.get_translation_or_none(locale)
    if found is not None:
        return found.specific
    parent = page.get_parent()
    if parent is not None and not parent.is_root():
        translation_in(parent.specific, code)
    copy = page.copy_for_translation(locale).specific
    if page.live:
        copy.save_revision(clean=False).publish()
    return copy


def find_original(
    record: Record, kind: str, model: type[Page], by_natural_key
) -> Page:
    """The page in the default language that ``record`` translates: the record of the same
    type whose ``legacy_id`` (or natural key) is ``translation_of`` — imported before, or
    earlier in this run (translations are written after every other record of a file) — or a
    page an editor made with that natural key (``by_natural_key(key)``). Refuses the record
    (``line N: translation_of: …``) when there is none, or when it is of another type, or when
    it already has a translation in this language."""
    wanted = record.data["translation_of"]
    default = default_locale()
    ids = ImportedRecord.objects.filter(kind=kind).filter(
        Q(legacy_id=wanted) | Q(key=wanted)
    ).values_list("object_id", flat=True)
    original = (
        model.objects.filter(pk__in=[int(pk) for pk in ids], locale__language_code=default)
        .order_by("pk").first()
    ) or by_natural_key(wanted)
    if original is None:
        other = (
            ImportedRecord.objects.filter(legacy_id=wanted).exclude(kind=kind)
            .values_list("kind", flat=True).first()
        )
        if other:
            problem = f"{wanted!r} là bản ghi loại {other!r}; bản dịch phải cùng loại {kind!r}"
        else:
            problem = (
                f"không có bản ghi {kind!r} nào bằng tiếng Việt có mã {wanted!r} "
                "(bản gốc phải có trên cổng hoặc trong cùng tệp)"
            )
        raise RecordError(record, ValidationError({"translation_of": problem}))
    return original


def check_free(record: Record, original: Page, page: Page | None = None) -> None:
    """A page has at most one translation per language (Wagtail's rule): refuse a second."""
    existing = original.get_translation_or_none(
        Locale.objects.get(language_code=record.locale)
    )
    if existing is not None and (page is None or existing.pk != page.pk):
        problem = (
            f"{record.data['translation_of']!r} đã có bản dịch {record.locale!r}: "
            f"{existing.title!r}"
        )
        raise RecordError(record, ValidationError({"translation_of": problem}))
