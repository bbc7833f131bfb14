"""The ``procedure`` record ↔ ``ProcedurePage`` (the name table: ``home.interchange``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cms import text
from cms.exporter import Exporter, compact
from cms.importer import registry, schema
from cms.importer.pages import PageWriter
from cms.importer.richtext import rich_text
from cms.importer.schema import FieldError, Record

from ..models.policies import PolicyPage
from ..models.procedures import (
    Channel,
    ProcedureDossierItem,
    ProcedureIndexPage,
    ProcedureLegalBasis,
    ProcedureMethod,
    ProcedurePage,
    code_validator,
    parse_level,
    validate_portal_url,
)
from ..models.taxonomy import Agency, Sector

__all__ = ["PROCEDURE", "ProcedureWriter"]

#: Online service levels: 1–4 as the seed uses them, or today's classification.
LEVELS = {"1": 1, "2": 2, "3": 3, "4": 4, "toàn trình": 4, "một phần": 3}


def _level(value: Any) -> str:
    raw = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(raw, str) or text.clean(raw).strip().lower() not in LEVELS:
        raise FieldError(
            f"mức độ {value!r} không hợp lệ (1, 2, 3, 4, 'toàn trình' hoặc 'một phần')"
        )
    return text.clean(raw).strip().lower()


SPEC = schema.Spec(
    required={
        "code": schema.model_rule(code_validator, schema.upper(32)),
        "name": schema.short(255), "field": schema.short(255),
        "level": schema.model_rule(parse_level, _level),
    },
    optional={
        "agency": schema.short(255), "applicant": schema.short(500),
        "processing_time": schema.short(255), "fee": schema.short(500),
        "documents": schema.text_list, "steps": schema.html, "result": schema.text_field,
        "legal_basis": schema.text_field, "requirements": schema.html,
        "portal_url": schema.model_rule(validate_portal_url, schema.url),
        "status": schema.status,
    },
    key_field=lambda data: "code",
)


class ProcedureWriter(PageWriter):
    """Procedures matched by code; a legal basis links the document it cites, if on the site."""

    kind = "procedure"
    model = ProcedurePage
    section = ProcedureIndexPage
    key_field = "code"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._policies: dict[str, int] | None = None

    def policies(self) -> dict[str, int]:
        """Document numbers on the site → page id, to link a procedure's legal basis."""
        if self._policies is None:
            self._policies = dict(PolicyPage.objects.values_list("number", "pk"))
        return self._policies

    def write(self, records: list[Record]) -> None:
        self._policies = None  # documents of this file may have been written since
        super().write(records)

    def apply(self, page: ProcedurePage, record: Record) -> None:
        data = record.data
        page.title = data["name"]
        page.code = data["code"]
        page.sector = Sector.for_name(data["field"])
        page.level = parse_level(data["level"])
        page.applicants = data.get("applicant", "")
        page.steps = rich_text(data["steps"], None) if "steps" in data else ""
        page.result = data.get("result", "")
        page.requirements = rich_text(data["requirements"], None) if "requirements" in data else ""
        page.portal_url = data.get("portal_url", "")
        agencies = [Agency.for_name(data["agency"])] if "agency" in data else []
        page.implementing_agencies = agencies
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


def export(exporter: Exporter) -> Iterator[dict[str, Any]]:
    legacy = exporter.legacy_ids("procedure")
    pages = (
        ProcedurePage.objects.select_related("sector")
        .prefetch_related(
            "implementing_agencies", "methods", "dossier_items", "legal_bases__policy"
        ).order_by("code")
    )
    for page in pages.iterator(chunk_size=500):
        agency = next(iter(page.implementing_agencies.all()), None)
        method = next(iter(page.methods.all()), None)
        bases = [
            basis.text or (basis.policy.title if basis.policy else "")
            for basis in page.legal_bases.all()
        ]
        yield compact({
            "type": "procedure", "legacy_id": legacy.get(str(page.pk)),
            "code": page.code, "name": page.title,
            "field": page.sector.name if page.sector else None, "level": page.level,
            "agency": agency.name if agency else None, "applicant": page.applicants,
            "processing_time": method.processing_time if method else None,
            "fee": method.fee if method else None,
            "documents": [item.name for item in page.dossier_items.all()],
            "steps": exporter.html(page.steps), "result": page.result,
            "legal_basis": "\n".join(b for b in bases if b),
            "requirements": exporter.html(page.requirements),
            "portal_url": page.portal_url,
            "status": schema.LIVE if page.live else schema.DRAFT,
        })


PROCEDURE = registry.RecordType(
    name="procedure", spec=SPEC, writer=ProcedureWriter, export=export,
    write_order=40, export_order=20,
)
