"""``manage.py export_content OUT.jsonl``: the site's content in the import contract's format.

Every live and draft record (legal documents, procedures, articles, unit sites, banners) is
written one JSON object a line, in a stable order (by natural key), with its images and
attachments copied next to the file under names made of their content hash. Importing the
result into an empty site and exporting again gives the same bytes (tests/importer proves it).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils.html import escape

from wagtail.rich_text import expand_db_html

from cms import text
from cms.importer.articles import rich_text
from cms.models import ImportedRecord

__all__ = ["Exporter", "export_content"]


class Exporter:
    """Writes records to ``out`` and their files to ``files_dir`` (paths relative to ``out``)."""

    def __init__(self, out: Path, files_dir: Path | None = None) -> None:
        self.out = out
        self.files_dir = files_dir or out.parent / f"{out.stem}-files"
        self.counts: dict[str, int] = {}
        self._copied: dict[str, str] = {}
        self._legacy: dict[str, dict[str, str]] = {}

    # --- helpers ---------------------------------------------------------------------

    def legacy_ids(self, kind: str) -> dict[str, str]:
        """object id → legacy id of records imported with one (one query per type)."""
        if kind not in self._legacy:
            self._legacy[kind] = dict(
                ImportedRecord.objects.filter(kind=kind).exclude(legacy_id="")
                .values_list("object_id", "legacy_id")
            )
        return self._legacy[kind]

    def file(self, item) -> str:
        """Copy an image/document file once; its path relative to the JSONL file."""
        file_hash = item.get_file_hash()
        if file_hash not in self._copied:
            suffix = Path(item.file.name).suffix.lower()
            self.files_dir.mkdir(parents=True, exist_ok=True)
            target = self.files_dir / f"{file_hash}{suffix}"
            with item.open_file() as source, open(target, "wb") as handle:
                shutil.copyfileobj(source, handle)
            relative = os.path.relpath(target, self.out.parent)
            self._copied[file_hash] = Path(relative).as_posix()
        return self._copied[file_hash]

    @staticmethod
    def html(source: str, features: list[str] | None = None) -> str:
        """Stored rich text → portable HTML (real link URLs), through the import's whitelist."""
        return rich_text(expand_db_html(source), features) if source else ""

    # --- records ---------------------------------------------------------------------

    def documents(self) -> Iterator[dict[str, Any]]:
        from home.models.policies import DOC_TYPE_CHOICES, STATUS_CHOICES, PolicyPage

        doc_types, statuses = dict(DOC_TYPE_CHOICES), dict(STATUS_CHOICES)
        legacy = self.legacy_ids("legal_document")
        pages = (
            PolicyPage.objects.select_related("issuer", "sector")
            .prefetch_related("attachments__document").order_by("number")
        )
        for page in pages.iterator(chunk_size=500):
            attachment = next(iter(page.attachments.all()), None)
            yield _compact({
                "type": "legal_document", "legacy_id": legacy.get(str(page.pk)),
                "number": page.number, "doc_type": doc_types[page.doc_type],
                "issuer": page.issuer.name if page.issuer else None,
                "issued": page.issued_on.isoformat() if page.issued_on else None,
                "summary": page.summary, "signer": page.signer,
                "effective": page.effective_from.isoformat() if page.effective_from else None,
                "status": statuses[page.status],
                "field": page.sector.name if page.sector else None,
                "body": self.html(page.body),
                "attachment": self.file(attachment.document) if attachment else None,
            })

    def procedures(self) -> Iterator[dict[str, Any]]:
        from home.models.procedures import ProcedurePage

        legacy = self.legacy_ids("procedure")
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
            yield _compact({
                "type": "procedure", "legacy_id": legacy.get(str(page.pk)),
                "code": page.code, "name": page.title,
                "field": page.sector.name if page.sector else None, "level": page.level,
                "agency": agency.name if agency else None, "applicant": page.applicants,
                "processing_time": method.processing_time if method else None,
                "fee": method.fee if method else None,
                "documents": [item.name for item in page.dossier_items.all()],
                "steps": self.html(page.steps), "result": page.result,
                "legal_basis": "\n".join(b for b in bases if b),
                "requirements": self.html(page.requirements),
                "portal_url": page.portal_url,
                "status": "live" if page.live else "draft",
            })

    def articles(self) -> Iterator[dict[str, Any]]:
        from news.blocks import RICH_TEXT_FEATURES
        from news.models import NewsArticlePage

        legacy = self.legacy_ids("article")
        pages = (
            NewsArticlePage.objects.select_related("category", "main_image")
            .prefetch_related("tags")
            .order_by("published_at", "slug")
        )
        for page in pages.iterator(chunk_size=500):
            paragraphs, images = [], []
            if page.main_image:
                images.append({"file": self.file(page.main_image),
                               "caption": page.main_image_caption})
            for block in page.body:
                if block.block_type == "paragraph":
                    paragraphs.append(self.html(block.value.source, RICH_TEXT_FEATURES))
                elif block.block_type == "image" and block.value.get("image"):
                    images.append({"file": self.file(block.value["image"]),
                                   "caption": block.value.get("caption") or ""})
                elif block.block_type == "quote":
                    who = block.value.get("attribution")
                    quote = f"“{escape(block.value['text'])}”"
                    quote += f" — {escape(who)}" if who else ""
                    paragraphs.append(f"<p>{quote}</p>")
                elif block.block_type == "document" and block.value.get("document"):
                    document = block.value["document"]
                    title = escape(block.value.get("title") or document.title)
                    paragraphs.append(f'<p><a href="{escape(document.url)}">{title}</a></p>')
            for image in images:
                if not image["caption"]:
                    del image["caption"]
            yield _compact({
                "type": "article", "legacy_id": legacy.get(str(page.pk)),
                "title": page.title, "slug": page.slug, "lead": page.lead,
                "body": "".join(paragraphs) or "<p></p>",
                "published_at": page.published_at.astimezone(text.TIME_ZONE).isoformat()
                if page.published_at else None,
                "category": page.category.name if page.category else None,
                "tags": sorted(tag.name for tag in page.tags.all()),
                "source": page.source, "author": page.author,
                "status": "live" if page.live else "draft",
                "images": images,
            })

    def units(self) -> Iterator[dict[str, Any]]:
        from home.models.units import UnitSite

        for unit in UnitSite.objects.order_by("url").iterator():
            yield {"type": "unit", "name": unit.name, "url": unit.url, "kind": unit.kind,
                   "order": unit.order}

    def banners(self) -> Iterator[dict[str, Any]]:
        from wagtail.models import Site

        from home.models.settings import SiteSettings

        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return
        settings = SiteSettings.for_site(site)
        for order, block in enumerate(settings.sidebar_banners):
            value = block.value
            page = value.get("page")
            url = value.get("url") or (page.specific.url if page else "") or ""
            if not url.startswith(("http://", "https://")):
                url = site.root_url + url
            yield _compact({
                "type": "banner", "title": value.get("title"), "url": url,
                "subtitle": value.get("subtitle"), "link_text": value.get("link_text"),
                "image": self.file(value["image"]) if value.get("image") else None,
                "order": order,
            })

    def write(self) -> dict[str, int]:
        """Write every record; return the count per type."""
        self.out.parent.mkdir(parents=True, exist_ok=True)
        with open(self.out, "w", encoding="utf-8", newline="\n") as handle:
            for source in (self.documents, self.procedures, self.articles, self.units,
                           self.banners):
                for record in source():
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                    self.counts[record["type"]] = self.counts.get(record["type"], 0) + 1
        return self.counts


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty optional values, as a hand-written file would."""
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def export_content(out: Path, files_dir: Path | None = None) -> dict[str, int]:
    return Exporter(out, files_dir).write()
