"""The ``legal_document`` record ↔ ``PolicyPage`` (the name table: ``home.interchange``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError

from cms.exporter import Exporter, compact
from cms.importer import registry, schema
from cms.importer.context import RecordError
from cms.importer.pages import PageWriter
from cms.importer.richtext import rich_text
from cms.importer.schema import Record

from ..models.policies import (
    DocType,
    LegalStatus,
    PolicyAttachment,
    PolicyIndexPage,
    PolicyPage,
    normalize_number,
    number_validator,
    parse_doc_type,
    parse_status,
)
from ..models.taxonomy import Agency, Sector

__all__ = ["LEGAL_DOCUMENT", "LegalDocumentWriter"]


def _number(value: Any) -> str:
    """A document number as the policy pages store it (``17/nq-cp`` → ``17/NQ-CP``)."""
    return normalize_number(schema.short(64)(value))


def _finish(data: dict[str, Any]) -> list[tuple[str, str]]:
    issued, effective = data.get("issued"), data.get("effective")
    if issued and effective and effective < issued:
        return [("effective", "ngày có hiệu lực trước ngày ban hành")]
    return []


SPEC = schema.Spec(
    required={
        "number": schema.model_rule(number_validator, _number),
        "doc_type": schema.short(100), "issuer": schema.short(255),
        "issued": schema.date_field, "summary": schema.text_field,
    },
    optional={
        "signer": schema.short(255), "effective": schema.date_field,
        "status": schema.short(100), "field": schema.short(255), "body": schema.html,
        "attachment": schema.FILE,
    },
    key_field=lambda data: "number",
    finish=_finish,
)


class LegalDocumentWriter(PageWriter):
    """Documents are always published; matched by their number."""

    kind = "legal_document"
    model = PolicyPage
    section = PolicyIndexPage
    key_field = "number"

    def live(self, record: Record) -> bool:
        return True

    def apply(self, page: PolicyPage, record: Record) -> None:
        data = record.data
        try:
            doc_type = parse_doc_type(data["doc_type"])
        except ValueError:
            labels = ", ".join(DocType.labels)
            problem = f"không rõ loại văn bản ({labels})"
            raise RecordError(record, ValidationError({"doc_type": problem})) from None
        status = LegalStatus.IN_FORCE
        if "status" in data:
            try:
                status = parse_status(data["status"])
            except ValueError:
                labels = ", ".join(LegalStatus.labels)
                problem = f"không rõ tình trạng ({labels})"
                raise RecordError(record, ValidationError({"status": problem})) from None
        label = DocType(doc_type).label
        page.title = f"{label} {data['number']}" if doc_type != DocType.OTHER else data["number"]
        page.number = data["number"]
        page.doc_type = doc_type
        page.issuer = Agency.for_name(data["issuer"])
        page.issued_on = dt.date.fromisoformat(data["issued"])
        effective = data.get("effective")
        page.effective_from = dt.date.fromisoformat(effective) if effective else None
        page.status = status
        page.summary = data["summary"]
        page.signer = data.get("signer", "")
        page.sector = Sector.for_name(data["field"]) if "field" in data else None
        page.body = rich_text(data["body"], None) if "body" in data else ""
        attachments = []
        if "attachment" in data:
            document = self.ctx.media.document(data["attachment"])
            attachments.append(PolicyAttachment(document=document))
        page.attachments = attachments


def export(exporter: Exporter) -> Iterator[dict[str, Any]]:
    legacy = exporter.legacy_ids("legal_document")
    pages = (
        PolicyPage.objects.select_related("issuer", "sector")
        .prefetch_related("attachments__document").order_by("number")
    )
    for page in pages.iterator(chunk_size=500):
        attachment = next(iter(page.attachments.all()), None)
        yield compact({
            "type": "legal_document", "legacy_id": legacy.get(str(page.pk)),
            "number": page.number, "doc_type": DocType(page.doc_type).label,
            "issuer": page.issuer.name if page.issuer else None,
            "issued": page.issued_on.isoformat() if page.issued_on else None,
            "summary": page.summary, "signer": page.signer,
            "effective": page.effective_from.isoformat() if page.effective_from else None,
            "status": LegalStatus(page.status).label,
            "field": page.sector.name if page.sector else None,
            "body": exporter.html(page.body),
            "attachment": exporter.file(attachment.document) if attachment else None,
        })


LEGAL_DOCUMENT = registry.RecordType(
    name="legal_document", spec=SPEC, writer=LegalDocumentWriter, export=export,
    write_order=30, export_order=10,
)
