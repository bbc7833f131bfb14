"""The ``procedure`` record ↔ ``ProcedurePage`` (the name table: ``home.interchange``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError

from cms.exporter import Exporter, compact
from cms.importer import registry, schema, slow
from cms.importer.context import RecordError
from cms.importer.pages import BulkPageWriter
from cms.importer.richtext import field_features, rich_text
from cms.importer.schema import FieldError, Record
from cms.models import ImportedRecord

from ..choices import ExecutionLevel, parse_execution_level
from ..models.policies import PolicyPage
from ..models.procedures import (
    CODE_RE,
    Channel,
    ProcedureDossierItem,
    ProcedureIndexPage,
    ProcedureLegalBasis,
    ProcedureMethod,
    ProcedurePage,
    ProcedureRelation,
    classify,
    code_validator,
    parse_level,
    validate_portal_url,
)
from ..models.taxonomy import Agency, Sector
from .terms import TermCache

__all__ = ["PROCEDURE", "ProcedureWriter"]

def _level(value: Any) -> int:
    """Nghị định 42's words (``toàn trình``, ``một phần``, ``cung cấp thông tin``, folded) or
    a 2020 level 1–4, mapped (4 → toàn trình, 3 → một phần, 2 and 1 → cung cấp thông tin)."""
    try:
        return int(parse_level(value))
    except ValueError:
        raise FieldError(
            f"mức độ {value!r} không hợp lệ ('toàn trình', 'một phần', 'cung cấp thông tin', "
            "hoặc mức 1–4)"
        ) from None


def _execution_level(value: Any) -> str:
    try:
        return str(parse_execution_level(value))
    except ValueError:
        known = ", ".join(ExecutionLevel.labels)
        raise FieldError(f"cấp thực hiện {value!r} không hợp lệ ({known})") from None


def _names(value: Any) -> list[str]:
    """One name or a list of names (agencies, related procedures), as a list."""
    return schema.text_list([value] if isinstance(value, str) else value)


def _keywords(value: Any) -> str:
    """A list of keywords or one comma-separated string, stored as ``a, b, c``."""
    words = [schema.text_field(value)] if isinstance(value, str) else schema.text_list(value)
    parts = [part.strip() for word in words for part in word.split(",") if part.strip()]
    joined = ", ".join(dict.fromkeys(parts))
    if not joined:
        raise FieldError("không được để trống")
    if len(joined) > 500:
        raise FieldError(f"dài quá 500 ký tự (đang có {len(joined)})")
    return joined


def _references(value: Any) -> list[str]:
    """Related procedures: codes (``1.009972``) or legacy ids of other procedure records."""
    refs = []
    for ref in _names(value):
        if re.match(CODE_RE, ref, flags=re.IGNORECASE):
            ref = ref.upper()
        refs.append(ref)
    return list(dict.fromkeys(refs))


def _finish(data: dict[str, Any]) -> list[tuple[str, str]]:
    own = {data.get("code"), data.get("legacy_id")} - {None}
    if own & set(data.get("related_procedures", [])):
        return [("related_procedures", "một thủ tục không thể liên quan đến chính nó")]
    return []


SPEC = schema.Spec(
    required={
        "code": schema.model_rule(code_validator, schema.upper(32)),
        "name": schema.short(255), "field": schema.short(255),
        "level": _level,
    },
    optional={
        "agency": schema.short(255), "applicant": schema.short(500),
        "processing_time": schema.short(255), "fee": schema.short(500),
        "documents": schema.text_list, "steps": schema.html, "result": schema.text_field,
        "legal_basis": schema.text_field, "requirements": schema.html,
        "portal_url": schema.model_rule(validate_portal_url, schema.url),
        "status": schema.status,
        # The national database's other fields (Nghị định 42 / CSDLQG về TTHC).
        "decision_number": schema.short(255),
        "execution_level": _execution_level,
        "procedure_type": schema.short(255),
        "reception_address": schema.text_field,
        "competent_agency": _names,
        "authorised_agency": _names,
        "coordinating_agency": _names,
        "keywords": _keywords,
        "description": schema.text_field,
        "related_procedures": _references,
    },
    key_field=lambda data: "code",
    finish=_finish,
)


#: What each rich-text field of the page allows (an import keeps no more).
STEPS_FEATURES = field_features(ProcedurePage, "steps")
REQUIREMENTS_FEATURES = field_features(ProcedurePage, "requirements")


class ProcedureWriter(BulkPageWriter):
    """Procedures matched by code, new ones in bulk; a legal basis links the document it
    cites, if on the site.

    Related procedures may name procedures that come later in the same file: those found when
    a record is applied are set at once (in the page's first revision); the others wait for
    the end of the file (``end_of_file``), when every procedure of the file exists, and are then set
    through a revision of their page. A name found nowhere refuses the file
    (``line N: related_procedures: …``)."""

    kind = "procedure"
    model = ProcedurePage
    section = ProcedureIndexPage
    key_field = "code"
    model_clean = True

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._policies: dict[str, int] | None = None
        self._related: dict[str, int] = {}
        self._waiting: dict[str, Record] = {}  # code → record naming a procedure not yet written
        self._written: dict[str, int] = {}  # their code → page id
        self.terms = TermCache()

    def prepare_page(self, page: ProcedurePage) -> None:
        page.code = page.code.strip().upper()
        page.filter_text = page.compute_filter_text()

    def policies(self) -> dict[str, int]:
        """Document numbers on the site → page id, to link a procedure's legal basis."""
        if self._policies is None:
            self._policies = dict(PolicyPage.objects.values_list("number", "pk"))
        return self._policies

    def write(self, records: list[Record]) -> None:
        self._policies = None  # documents of this file may have been written since
        self._related = self.resolve(
            [ref for record in records for ref in record.data.get("related_procedures", [])]
        )
        super().write(records)

    def resolve(self, refs: list[str]) -> dict[str, int]:
        """Codes and legacy ids of procedures → page id, for those on the site (two queries)."""
        if not refs:
            return {}
        found = dict(ProcedurePage.objects.filter(code__in=refs).values_list("code", "pk"))
        by_legacy = ImportedRecord.objects.filter(
            kind="procedure", legacy_id__in=[ref for ref in refs if ref not in found]
        ).values_list("legacy_id", "object_id")
        found.update({legacy: int(pk) for legacy, pk in by_legacy})
        return found

    def finish(self, written: list[tuple[Record, Any]]) -> None:
        for record, page in written:
            if record.key in self._waiting:
                self._written[record.key] = page.pk

    def end_of_file(self) -> None:
        """Set the related procedures that named procedures written later in the file."""
        if not self._waiting:
            return
        waiting = list(self._waiting.values())
        found = self.resolve(
            [ref for record in waiting for ref in record.data["related_procedures"]]
        )
        for record in waiting:
            missing = [ref for ref in record.data["related_procedures"] if ref not in found]
            if missing:
                raise RecordError(record, ValidationError({"related_procedures": [
                    "không tìm thấy thủ tục " + ", ".join(repr(ref) for ref in missing)
                    + " (mã thủ tục hoặc legacy_id) trên trang hay trong tệp"
                ]}))
        pages = ProcedurePage.objects.in_bulk(self._written.values())
        for record in waiting:
            page = pages[self._written[record.key]].get_latest_revision_as_object()
            page.related_procedures = self.relations(record, found, page.pk)
            slow.update_page(page, user=self.ctx.user, publish=self.live(record))
        self._waiting = {}

    def relations(
        self, record: Record, found: dict[str, int], own: int | None
    ) -> list[ProcedureRelation]:
        ids = [found[ref] for ref in record.data.get("related_procedures", []) if ref in found]
        if own is not None and own in ids:
            raise RecordError(record, ValidationError({"related_procedures": [
                "một thủ tục không thể liên quan đến chính nó"
            ]}))
        return [ProcedureRelation(procedure_id=pk) for pk in dict.fromkeys(ids)]

    def apply(self, page: ProcedurePage, record: Record) -> None:
        data = record.data
        page.title = data["name"]
        page.code = data["code"]
        page.sector = self.terms.get(Sector, data["field"])
        page.level = data["level"]
        page.decision_number = data.get("decision_number", "")
        page.execution_level = data.get("execution_level", ExecutionLevel.MINISTRY)
        page.procedure_type = data.get("procedure_type", "")
        page.reception_address = data.get("reception_address", "")
        page.keywords = data.get("keywords", "")
        page.description = data.get("description", "")
        page.applicants = data.get("applicant", "")
        page.steps = rich_text(data["steps"], STEPS_FEATURES) if "steps" in data else ""
        page.result = data.get("result", "")
        page.requirements = (
            rich_text(data["requirements"], REQUIREMENTS_FEATURES) if "requirements" in data else ""
        )
        page.portal_url = data.get("portal_url", "")
        agencies = [self.terms.get(Agency, data["agency"])] if "agency" in data else []
        page.implementing_agencies = agencies
        for key, relation in AGENCY_KEYS.items():
            setattr(page, relation, [self.terms.get(Agency, name) for name in data.get(key, [])])
        refs = data.get("related_procedures", [])
        page.related_procedures = self.relations(record, self._related, page.pk)
        if any(ref not in self._related for ref in refs):
            self._waiting[record.key] = record
        methods = []
        if "processing_time" in data or "fee" in data:
            methods.append(ProcedureMethod(
                channel=Channel.IN_PERSON, processing_time=data.get("processing_time", ""),
                fee=data.get("fee", ""),
            ))
        page.methods = methods
        page.dossier_items = [ProcedureDossierItem(name=name) for name in data.get("documents", [])]
        bases = []
        for line in data.get("legal_basis", "").splitlines():
            line = line.strip()
            if line:
                bases.append(ProcedureLegalBasis(policy_id=self.cited(line), text=line[:500]))
        page.legal_bases = bases

    def cited(self, line: str) -> int | None:
        """The page of the first document number cited in a line of legal basis, if on the site."""
        policies = self.policies()
        for token in re.findall(r"\d+(?:/\d{4})?/[\wĐđ-]+", line):
            page_id = policies.get(token.upper())
            if page_id:
                return page_id
        return None


#: Import keys of the agencies other than the implementing one (``agency``) → page relation.
AGENCY_KEYS = {
    "competent_agency": "competent_agencies",
    "authorised_agency": "authorised_agencies",
    "coordinating_agency": "coordinating_agencies",
}


def _one_or_many(names: list[str]) -> str | list[str] | None:
    """An agency list as the import takes it: one name as a string, several as a list."""
    if not names:
        return None
    return names[0] if len(names) == 1 else names


def export(exporter: Exporter) -> Iterator[dict[str, Any]]:
    legacy = exporter.legacy_ids("procedure")
    pages = (
        ProcedurePage.objects.select_related("sector")
        .prefetch_related(
            "implementing_agencies", "competent_agencies", "authorised_agencies",
            "coordinating_agencies", "methods", "dossier_items", "legal_bases__policy",
            "related_procedures__procedure",
        ).order_by("code")
    )
    for page in pages.iterator(chunk_size=500):
        agency = next(iter(page.implementing_agencies.all()), None)
        method = next(iter(page.methods.all()), None)
        bases = [
            basis.text or (basis.policy.title if basis.policy else "")
            for basis in page.legal_bases.all()
        ]
        record = {
            "type": "procedure", "legacy_id": legacy.get(str(page.pk)),
            "code": page.code, "name": page.title,
            "field": page.sector.name if page.sector else None,
            "level": classify(page.level) or None,
            "decision_number": page.decision_number,
            "execution_level": page.get_execution_level_display(),
            "procedure_type": page.procedure_type,
            "agency": agency.name if agency else None, "applicant": page.applicants,
            "reception_address": page.reception_address,
            "processing_time": method.processing_time if method else None,
            "fee": method.fee if method else None,
            "documents": [item.name for item in page.dossier_items.all()],
            "steps": exporter.html(page.steps), "result": page.result,
            "legal_basis": "\n".join(b for b in bases if b),
            "requirements": exporter.html(page.requirements),
            "portal_url": page.portal_url,
            "keywords": page.keyword_list(),
            "description": page.description,
            "related_procedures": [
                link.procedure.code for link in page.related_procedures.all()
                if link.procedure.code
            ],
            "status": schema.LIVE if page.live else schema.DRAFT,
        }
        for key, relation in AGENCY_KEYS.items():
            record[key] = _one_or_many([a.name for a in getattr(page, relation).all()])
        yield compact(record)


PROCEDURE = registry.RecordType(
    name="procedure", spec=SPEC, writer=ProcedureWriter, export=export,
    write_order=40, export_order=20,
)
