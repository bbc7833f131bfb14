"""The ``legal_document`` record ↔ ``PolicyPage`` (the name table: ``home.interchange``).

A document's ``relations`` name other documents by number or legacy id. A target written
earlier (on the site, or earlier in the file) is linked as the page is written; one that comes
later in the file is linked when the whole file is written (``end_of_file``, same transaction),
and an unknown one refuses the file.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError

from cms.exporter import Exporter, compact
from cms.importer import bulk, registry, schema
from cms.importer.context import RecordError
from cms.importer.pages import BulkPageWriter
from cms.importer.richtext import field_features, rich_text
from cms.importer.schema import FieldError, Record
from cms.models import ImportedRecord

from ..choices import LEGACY_STATUS
from ..models.policies import (
    DocType,
    LegalStatus,
    PolicyAttachment,
    PolicyIndexPage,
    PolicyPage,
    PolicyRelation,
    RelationKind,
    normalize_number,
    number_validator,
    parse_doc_type,
    parse_relation_kind,
    parse_status,
)
from ..models.taxonomy import Agency, Sector
from .terms import TermCache

__all__ = ["LEGAL_DOCUMENT", "LegalDocumentWriter"]

#: Pages whose forward relations are linked together at the end of a file.
LINK_BATCH = 500


def _number(value: Any) -> str:
    """A document number as the policy pages store it (``17/nq-cp`` → ``17/NQ-CP``)."""
    return normalize_number(schema.short(64)(value))


def _known(parse: Callable[[str], str], what: str, words: str) -> Callable[[Any], str]:
    """A choice by label or value in any spelling (``parse``), kept as written: the record's
    digest stays what earlier imports stored."""

    def check(value: Any) -> str:
        cleaned = schema.short(100)(value)
        try:
            parse(cleaned)
        except ValueError:
            raise FieldError(f"không rõ {what} {cleaned!r} (chọn một trong: {words})") from None
        return cleaned

    return check


_STATUS_WORDS = ", ".join(LegalStatus.labels) + "; " + ", ".join(
    f"{alias} = {LegalStatus(key).label}" for alias, key in LEGACY_STATUS.items()
)
_KIND_WORDS = ", ".join(f"{kind.value} ({kind.label})" for kind in RelationKind)


def _relations(value: Any) -> list[dict[str, str]]:
    """``[{"kind": "thay-the"|"Thay thế", "target": "<number or legacy id>"}]`` → kinds as
    values, duplicates dropped (the order kept: it is the order shown on the page)."""
    if not isinstance(value, list):
        raise FieldError('phải là danh sách {"kind": …, "target": …}')
    result: list[dict[str, str]] = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise FieldError(f'phần tử {index}: cần một đối tượng {{"kind": …, "target": …}}')
        try:
            kind = parse_relation_kind(schema.short(100)(item.get("kind")))
        except FieldError as error:
            raise FieldError(f"phần tử {index}: kind: {error}") from None
        except ValueError:
            raise FieldError(
                f"phần tử {index}: kind: không rõ quan hệ {item.get('kind')!r} "
                f"(chọn một trong: {_KIND_WORDS})"
            ) from None
        try:
            target = schema.short(255)(item.get("target"))
        except FieldError as error:
            raise FieldError(f"phần tử {index}: target: {error}") from None
        relation = {"kind": kind, "target": target}
        if relation not in result:
            result.append(relation)
    return result


def _finish(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Date order (the end date is optional, whatever the status) and no relation to itself."""
    problems = []
    issued, effective = data.get("issued"), data.get("effective")
    until = data.get("effective_until")
    if issued and effective and effective < issued:
        problems.append(("effective", "ngày có hiệu lực trước ngày ban hành"))
    if until and issued and until < issued:
        problems.append(("effective_until", "ngày hết hiệu lực trước ngày ban hành"))
    elif until and effective and until < effective:
        problems.append(("effective_until", "ngày hết hiệu lực trước ngày có hiệu lực"))
    own = {data.get("number"), data.get("legacy_id")} - {None}
    for relation in data.get("relations", []):
        if relation["target"] in own or normalize_number(relation["target"]) in own:
            problems.append(("relations", f"văn bản không thể liên quan đến chính nó "
                                          f"({relation['target']!r})"))
    return problems


SPEC = schema.Spec(
    required={
        "number": schema.model_rule(number_validator, _number),
        "doc_type": _known(parse_doc_type, "loại văn bản", ", ".join(DocType.labels)),
        "issuer": schema.short(255),
        "issued": schema.date_field, "summary": schema.text_field,
    },
    optional={
        "signer": schema.short(255), "effective": schema.date_field,
        "effective_until": schema.date_field,
        "status": _known(parse_status, "tình trạng", _STATUS_WORDS),
        "field": schema.short(255), "body": schema.html,
        "attachment": schema.FILE, "relations": _relations,
    },
    key_field=lambda data: "number",
    finish=_finish,
)


#: What the page's body allows (an import keeps no more).
BODY_FEATURES = field_features(PolicyPage, "body")


def find_documents(targets: set[str]) -> dict[str, int]:
    """Each target (a document number, else a ``legal_document`` legacy id) that names a
    document on the site → its page id. Two or three queries, whatever the count."""
    by_number: dict[str, list[str]] = defaultdict(list)
    for target in targets:
        by_number[normalize_number(target)].append(target)
    found: dict[str, int] = {}
    for number, pk in PolicyPage.objects.filter(number__in=list(by_number)).values_list(
        "number", "pk"
    ):
        for target in by_number[number]:
            found[target] = pk
    rest = targets - found.keys()
    if rest:
        mapped = dict(ImportedRecord.objects.filter(
            kind="legal_document", legacy_id__in=rest
        ).values_list("legacy_id", "object_id"))
        existing = set(PolicyPage.objects.filter(
            pk__in=[int(pk) for pk in mapped.values()]
        ).values_list("pk", flat=True))
        found.update({legacy: int(pk) for legacy, pk in mapped.items() if int(pk) in existing})
    return found


class LegalDocumentWriter(BulkPageWriter):
    """Documents are always published; matched by their number; new ones in bulk."""

    kind = "legal_document"
    model = PolicyPage
    section = PolicyIndexPage
    key_field = "number"
    model_clean = True

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.terms = TermCache()
        self.targets: dict[str, int] = {}
        #: Records whose relations name a document not written yet (later in the file).
        self.deferred: list[Record] = []

    def prepare(self, records: list[Record]) -> None:
        wanted = {r["target"] for record in records for r in record.data.get("relations", [])}
        self.targets = find_documents(wanted) if wanted else {}

    def prepare_page(self, page: PolicyPage) -> None:
        page.number = normalize_number(page.number)
        page.filter_text = page.compute_filter_text()

    def live(self, record: Record) -> bool:
        return True

    def apply(self, page: PolicyPage, record: Record) -> None:
        data = record.data
        doc_type = parse_doc_type(data["doc_type"])  # checked by SPEC
        status = parse_status(data["status"]) if "status" in data else LegalStatus.IN_FORCE
        label = DocType(doc_type).label
        page.title = f"{label} {data['number']}" if doc_type != DocType.OTHER else data["number"]
        page.number = data["number"]
        page.doc_type = doc_type
        page.issuer = self.terms.get(Agency, data["issuer"])
        page.issued_on = dt.date.fromisoformat(data["issued"])
        page.effective_from = _date(data.get("effective"))
        page.effective_until = _date(data.get("effective_until"))
        page.status = status
        page.summary = data["summary"]
        page.signer = data.get("signer", "")
        page.sector = self.terms.get(Sector, data["field"]) if "field" in data else None
        page.body = rich_text(data["body"], BODY_FEATURES) if "body" in data else ""
        attachments = []
        if "attachment" in data:
            document = self.ctx.media.document(data["attachment"])
            attachments.append(PolicyAttachment(document=document))
        page.attachments = attachments
        relations = data.get("relations", [])
        if page.pk and any(self.targets.get(r["target"]) == page.pk for r in relations):
            problem = "văn bản không thể liên quan đến chính nó"
            raise RecordError(record, ValidationError({"relations": problem}))
        if all(r["target"] in self.targets for r in relations):
            page.relations = [
                PolicyRelation(kind=r["kind"], target_id=self.targets[r["target"]])
                for r in relations
            ]
        else:  # all of them at the end of the file, in the order given
            page.relations = []
            self.defer(record)

    def defer(self, record: Record) -> None:
        """Keep what linking needs later (line, key, relations), not the whole record."""
        self.deferred.append(replace(record, data={"relations": record.data["relations"]}))

    def end_of_file(self) -> None:
        """Link the relations that pointed forward, now that every page of the file exists,
        a batch at a time; a target still unknown refuses the file (``line N: relations: …``)."""
        records, self.deferred = self.deferred, []
        errors: list[RecordError] = []
        for start in range(0, len(records), LINK_BATCH):
            errors += self._link(records[start : start + LINK_BATCH], write=not errors)
        if errors:
            raise RecordError.combine(errors)

    def _link(self, records: list[Record], write: bool) -> list[RecordError]:
        targets = find_documents({r["target"] for rec in records for r in rec.data["relations"]})
        pages = {page.number: page for page in PolicyPage.objects.filter(
            number__in=[record.key for record in records]
        ).prefetch_related(*bulk.child_accessors(PolicyPage))}
        errors, rows = [], []
        for record in records:
            page = pages[record.key]
            relations = record.data["relations"]
            missing = [r["target"] for r in relations if r["target"] not in targets]
            if any(targets.get(r["target"]) == page.pk for r in relations):
                missing.append("(chính văn bản này)")
            if missing:
                problem = (
                    f"không tìm thấy văn bản {', '.join(map(repr, missing))} theo số ký hiệu "
                    "hay legacy_id, trên trang hay trong tệp"
                )
                errors.append(RecordError(record, ValidationError({"relations": problem})))
                continue
            page.relations = [
                PolicyRelation(page=page, kind=r["kind"], target_id=targets[r["target"]],
                               sort_order=order)
                for order, r in enumerate(relations)
            ]
            rows += page.relations.all()
        if write and not errors:
            PolicyRelation.objects.bulk_create(rows)
            bulk.refresh_revisions(list(pages.values()))  # what the admin edits holds them too
        return errors


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def export(exporter: Exporter) -> Iterator[dict[str, Any]]:
    legacy = exporter.legacy_ids("legal_document")
    pages = (
        PolicyPage.objects.select_related("issuer", "sector")
        .prefetch_related("attachments__document", "relations__target").order_by("number")
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
            "effective_until": (
                page.effective_until.isoformat() if page.effective_until else None
            ),
            "status": LegalStatus(page.status).label,
            "field": page.sector.name if page.sector else None,
            "body": exporter.html(page.body),
            "attachment": exporter.file(attachment.document) if attachment else None,
            "relations": [
                {"kind": RelationKind(r.kind).label, "target": r.target.number}
                for r in page.relations.all() if r.target.number
            ],
        })


LEGAL_DOCUMENT = registry.RecordType(
    name="legal_document", spec=SPEC, writer=LegalDocumentWriter, export=export,
    write_order=30, export_order=10,
)
