"""``procedure``, ``legal_document``, ``unit`` and ``banner`` records → the portal's models.

Procedures and documents are hundreds to thousands, and their models compute things in
``save()``: they go through Wagtail's public API (``slow``), with model validation, so that an
invalid code or contradictory dates refuse the file with ``line N: field: problem``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.models import Page, Site

from cms import text

from . import slow
from .articles import rich_text
from .context import Context, RecordError
from .schema import Record

__all__ = ["BannerWriter", "DocumentWriter", "ProcedureWriter", "UnitWriter"]

_CHECKED = ["path", "depth", "content_type", "locale", "page_ptr", "slug"]


class _PageWriter:
    """Match records to pages by natural key; create, update or skip each one."""

    kind = ""
    section = ""
    key_field = ""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @property
    def parent(self) -> Page:
        from .tree import section

        return section(self.section, self.ctx.cache)

    def apply(self, page, record: Record) -> list[models.Model]:
        """Set fields from the record; return child rows to store with the page."""
        raise NotImplementedError

    def live(self, record: Record) -> bool:
        return record.data.get("status") != "draft"

    def write(self, records: list[Record]) -> None:
        ctx = self.ctx
        mappings = ctx.mappings(self.kind, [r.key for r in records])
        existing = {
            getattr(page, self.key_field): page
            for page in self.model.objects.filter(
                **{f"{self.key_field}__in": [r.key for r in records]}
            )
        }
        written = []
        for record in records:
            page = existing.get(record.key)
            mapping = mappings.get(record.key)
            if page is not None and mapping and mapping.digest == record.digest:
                ctx.counts["unchanged"] += 1
                continue
            is_new = page is None
            if is_new:
                page = self.model(slug=self.slug(record), live=self.live(record))
            self.apply(page, record)
            try:
                page.full_clean(exclude=_CHECKED if is_new else None)
            except ValidationError as error:
                raise RecordError(record, error) from None
            if is_new:
                slow.create_page(self.parent, page, user=ctx.user)
                ctx.counts["created"] += 1
            else:
                slow.update_page(page, user=ctx.user, publish=self.live(record))
                ctx.counts["updated"] += 1
            written.append((record, page))
        ctx.remember(written, mappings)

    def slug(self, record: Record) -> str:
        base = text.slugify(record.key, max_length=200) or self.kind
        parent = self.parent
        siblings = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        slug, n = base, 1
        while siblings.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug


class ProcedureWriter(_PageWriter):
    kind = "procedure"
    section = "home.ProcedureIndexPage"
    key_field = "code"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        from home.models import procedures

        self.module = procedures
        self.model = procedures.ProcedurePage
        self._policies: dict[str, int] | None = None

    def policies(self) -> dict[str, int]:
        """Document numbers on the site → page id, to link a procedure's legal basis."""
        from home.models.policies import PolicyPage

        if self._policies is None:
            self._policies = dict(PolicyPage.objects.values_list("number", "pk"))
        return self._policies

    def write(self, records: list[Record]) -> None:
        self._policies = None  # documents of this file may have been written since
        super().write(records)

    def apply(self, page, record: Record) -> list[models.Model]:
        from home.models.taxonomy import Agency, Sector

        m = self.module
        data = record.data
        page.title = data["name"]
        page.code = data["code"]
        page.sector = Sector.for_name(data["field"])
        page.level = m.parse_level(data["level"])
        page.applicants = data.get("applicant", "")
        page.steps = rich_text(data["steps"], None) if "steps" in data else ""
        page.result = data.get("result", "")
        page.requirements = rich_text(data["requirements"], None) if "requirements" in data else ""
        page.portal_url = data.get("portal_url", "")
        agencies = [Agency.for_name(data["agency"])] if "agency" in data else []
        page.implementing_agencies = agencies
        methods = []
        if "processing_time" in data or "fee" in data:
            methods.append(m.ProcedureMethod(
                channel="truc-tiep", processing_time=data.get("processing_time", ""),
                fee=data.get("fee", ""),
            ))
        page.methods = methods
        page.dossier_items = [
            m.ProcedureDossierItem(name=name) for name in data.get("documents", [])
        ]
        bases = []
        for line in data.get("legal_basis", "").splitlines():
            line = line.strip()
            if line:
                bases.append(m.ProcedureLegalBasis(policy_id=self.cited(line), text=line[:500]))
        page.legal_bases = bases
        return []

    def cited(self, line: str) -> int | None:
        """The page of the first document number cited in a line of legal basis, if on the site."""
        policies = self.policies()
        for token in re.findall(r"\d+(?:/\d{4})?/[\wĐđ-]+", line):
            page_id = policies.get(token.upper())
            if page_id:
                return page_id
        return None


class DocumentWriter(_PageWriter):
    kind = "legal_document"
    section = "home.PolicyIndexPage"
    key_field = "number"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        from home.models import policies

        self.module = policies
        self.model = policies.PolicyPage

    def live(self, record: Record) -> bool:
        return True

    def apply(self, page, record: Record) -> list[models.Model]:
        from home.models.taxonomy import Agency, Sector

        m = self.module
        data = record.data
        try:
            doc_type = m.parse_doc_type(data["doc_type"])
        except ValueError:
            labels = ", ".join(label for _, label in m.DOC_TYPE_CHOICES)
            problem = f"không rõ loại văn bản ({labels})"
            raise RecordError(record, ValidationError({"doc_type": problem})) from None
        status = "con-hieu-luc"
        if "status" in data:
            try:
                status = m.parse_status(data["status"])
            except ValueError:
                labels = ", ".join(label for _, label in m.STATUS_CHOICES)
                problem = f"không rõ tình trạng ({labels})"
                raise RecordError(record, ValidationError({"status": problem})) from None
        label = dict(m.DOC_TYPE_CHOICES)[doc_type]
        page.title = f"{label} {data['number']}" if doc_type != "khac" else data["number"]
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
            attachments.append(m.PolicyAttachment(document=document))
        page.attachments = attachments
        return []


class UnitWriter:
    """Unit and enterprise sites (a snippet), matched by URL."""

    kind = "unit"

    def __init__(self, ctx: Context) -> None:
        from home.models.units import UnitSite

        self.ctx = ctx
        self.model = UnitSite

    def write(self, records: list[Record]) -> None:
        ctx = self.ctx
        mappings = ctx.mappings(self.kind, [r.key for r in records])
        existing = {u.url: u for u in self.model.objects.filter(url__in=[r.key for r in records])}
        written = []
        for record in records:
            unit = existing.get(record.key)
            mapping = mappings.get(record.key)
            if unit is not None and mapping and mapping.digest == record.digest:
                ctx.counts["unchanged"] += 1
                continue
            created = unit is None
            unit = unit or self.model(url=record.key)
            unit.name = record.data["name"]
            unit.kind = record.data.get("kind", "unit")
            unit.order = record.data.get("order", 0)
            try:
                unit.full_clean(validate_unique=False)
            except ValidationError as error:
                raise RecordError(record, error) from None
            unit.save()
            ctx.counts["created" if created else "updated"] += 1
            written.append((record, unit))
        ctx.remember(written, mappings)


class BannerWriter:
    """Sidebar banners of the default site's settings, matched by URL; ``order`` is the position."""

    kind = "banner"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def write(self, records: list[Record]) -> None:
        from home.models.settings import SiteSettings

        ctx = self.ctx
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            from home.demo import ensure_home

            ensure_home()
            site = Site.objects.get(is_default_site=True)
        settings = SiteSettings.for_site(site)
        mappings = ctx.mappings(self.kind, [r.key for r in records])
        blocks: list[dict[str, Any]] = list(settings.sidebar_banners.raw_data)
        position = {block["value"].get("url"): i for i, block in enumerate(blocks)}
        orders: dict[str, int] = {}
        written = []
        for record in records:
            mapping = mappings.get(record.key)
            if record.key in position and mapping and mapping.digest == record.digest:
                ctx.counts["unchanged"] += 1
                continue
            data = record.data
            image = self.ctx.media.image(data["image"], data["title"]) if "image" in data else None
            value = {
                "icon": "", "image": image.pk if image else None, "title": data["title"],
                "subtitle": data.get("subtitle", ""), "page": None, "url": data["url"],
                "link_text": data.get("link_text") or "Xem chi tiết",
            }
            if record.key in position:
                block = blocks[position[record.key]]
                block["value"] = {**block["value"], **value}
                ctx.counts["updated"] += 1
            else:
                position[record.key] = len(blocks)
                blocks.append({"type": "banner", "value": value})
                ctx.counts["created"] += 1
            if "order" in data:
                orders[record.key] = data["order"]
            written.append((record, settings))
        if not written:
            return
        if orders:
            indexed = list(enumerate(blocks))
            indexed.sort(
                key=lambda item: (orders.get(item[1]["value"].get("url"), item[0]), item[0])
            )
            blocks = [block for _, block in indexed]
        settings.sidebar_banners = blocks
        try:
            settings.full_clean()
        except ValidationError as error:
            raise RecordError(written[0][0], error) from None
        settings.save()
        ctx.remember(written, mappings)
