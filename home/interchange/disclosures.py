"""The ``disclosure`` record ↔ ``DisclosurePage`` (the name table: ``home.interchange``).

Keyed as articles are: ``legacy_id``, else the slug (from the title where absent). New items go
in by the bulk path, with their file; changed ones through Wagtail's page API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from cms import text
from cms.exporter import Exporter, compact
from cms.importer import registry, schema
from cms.importer.pages import BulkPageWriter
from cms.importer.richtext import field_features, rich_text
from cms.importer.schema import Record

from ..choices import DISCLOSURE_CATEGORY_CHOICES, DisclosureCategory, choice_key
from ..models.disclosures import DisclosureAttachment, DisclosureIndexPage, DisclosurePage

__all__ = ["DISCLOSURE", "DisclosureWriter"]


def _category(value: Any) -> str:
    """``Báo cáo tài chính`` or ``bao-cao-tai-chinh`` → ``bao-cao-tai-chinh``."""
    cleaned = schema.short(100)(value)
    try:
        return choice_key(DISCLOSURE_CATEGORY_CHOICES, cleaned)
    except ValueError:
        labels = ", ".join(DisclosureCategory.labels)
        raise schema.FieldError(f"không rõ loại thông tin ({labels})") from None


def _finish(data: dict[str, Any]) -> list[tuple[str, str]]:
    """An item without ``slug`` takes its title's."""
    if "title" in data and "slug" not in data:
        slug = text.slugify(data["title"])
        if not slug:
            return [("slug", "không tạo được đường dẫn (slug) từ tiêu đề; hãy thêm slug")]
        data["slug"] = slug
    return []


SPEC = schema.Spec(
    required={
        "title": schema.short(255), "category": _category, "issued": schema.date_field,
        "summary": schema.text_field,
    },
    optional={
        "slug": schema.slug, "number": schema.short(100), "period": schema.short(100),
        "body": schema.html, "attachment": schema.FILE, "status": schema.status,
    },
    key_field=lambda data: "legacy_id" if "legacy_id" in data else "slug",
    finish=_finish,
)

#: What the page's body allows (an import keeps no more).
BODY_FEATURES = field_features(DisclosurePage, "body")


class DisclosureWriter(BulkPageWriter):
    """Disclosed items under ``/cong-khai-thong-tin/``; a ``draft`` status unpublishes."""

    kind = "disclosure"
    model = DisclosurePage
    section = DisclosureIndexPage

    def prepare_page(self, page: DisclosurePage) -> None:
        page.filter_text = page.compute_filter_text()

    def apply(self, page: DisclosurePage, record: Record) -> None:
        data = record.data
        page.title = data["title"]
        page.category = data["category"]
        page.issued_on = dt.date.fromisoformat(data["issued"])
        page.summary = data["summary"]
        page.number = data.get("number", "")
        page.period = data.get("period", "")
        page.body = rich_text(data["body"], BODY_FEATURES) if "body" in data else ""
        attachments = []
        if "attachment" in data:
            document = self.ctx.media.document(data["attachment"])
            attachments.append(DisclosureAttachment(document=document))
        page.attachments = attachments


def export(exporter: Exporter) -> Iterator[dict[str, Any]]:
    legacy = exporter.legacy_ids("disclosure")
    pages = DisclosurePage.objects.prefetch_related("attachments__document").order_by("path")
    for page in pages.iterator(chunk_size=500):
        attachment = next(iter(page.attachments.all()), None)
        yield compact({
            "type": "disclosure", "legacy_id": legacy.get(str(page.pk)),
            "title": page.title, "slug": page.slug,
            "category": DisclosureCategory(page.category).label,
            "issued": page.issued_on.isoformat() if page.issued_on else None,
            "summary": page.summary, "number": page.number, "period": page.period,
            "body": exporter.html(page.body),
            "attachment": exporter.file(attachment.document) if attachment else None,
            "status": "live" if page.live else "draft",
        })


DISCLOSURE = registry.RecordType(
    name="disclosure", spec=SPEC, writer=DisclosureWriter, export=export,
    write_order=35, export_order=15,
)
