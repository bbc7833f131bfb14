"""The ``unit`` record ↔ ``UnitSite`` and the ``banner`` record ↔ a ``banner`` block of the
default site's ``SiteSettings.sidebar_banners`` (the name table: ``home.interchange``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError

from wagtail.models import Site

from cms.exporter import Exporter, compact
from cms.importer import registry, schema
from cms.importer.context import RecordError
from cms.importer.schema import Record
from cms.importer.sync import Writer
from cms.models import ImportedRecord

from ..models.settings import SiteSettings
from ..models.units import UnitKind, UnitSite
from ..structure import ensure_home

__all__ = ["BANNER", "UNIT", "BannerWriter", "UnitWriter"]

UNIT_SPEC = schema.Spec(
    required={"name": schema.short(255), "url": schema.url},
    optional={"kind": schema.choice(*UnitKind.values), "order": schema.order},
    key_field=lambda data: "url",
)

BANNER_SPEC = schema.Spec(
    required={"title": schema.short(255), "url": schema.url},
    optional={
        "subtitle": schema.short(255), "link_text": schema.short(100), "image": schema.IMAGE,
        "order": schema.order,
    },
    key_field=lambda data: "url",
)

#: A banner's link text when the record gives none.
DEFAULT_LINK_TEXT = "Xem chi tiết"


class UnitWriter(Writer):
    """Unit and enterprise sites (a snippet), matched by URL."""

    kind = "unit"

    def find(self, records: list[Record], mappings: dict[str, ImportedRecord]) -> dict[str, Any]:
        return {u.url: u for u in UnitSite.objects.filter(url__in=[r.key for r in records])}

    def update(self, unit: UnitSite, record: Record) -> None:
        unit.name = record.data["name"]
        unit.kind = record.data.get("kind", UnitKind.UNIT)
        unit.order = record.data.get("order", 0)
        try:
            unit.full_clean(validate_unique=False)
        except ValidationError as error:
            raise RecordError(record, error) from None
        unit.save()

    def create(self, records: list[Record]) -> list[UnitSite]:
        units = []
        for record in records:
            unit = UnitSite(url=record.key)
            self.update(unit, record)
            units.append(unit)
        return units


class BannerWriter(Writer):
    """Sidebar banners of the default site's settings, matched by URL; ``order`` is the position.

    A banner is a block of the settings row: the sync loop is handed that row, the blocks are
    changed in memory and the row is saved once per batch (``finish``)."""

    kind = "banner"

    def find(self, records: list[Record], mappings: dict[str, ImportedRecord]) -> dict[str, Any]:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            ensure_home()
            site = Site.objects.get(is_default_site=True)
        self.settings = SiteSettings.for_site(site)
        self.blocks: list[dict[str, Any]] = list(self.settings.sidebar_banners.raw_data)
        self.position = {block["value"].get("url"): i for i, block in enumerate(self.blocks)}
        self.orders: dict[str, int] = {}
        return dict.fromkeys(self.position, self.settings)

    def value(self, record: Record) -> dict[str, Any]:
        data = record.data
        image = self.ctx.media.image(data["image"], data["title"]) if "image" in data else None
        if "order" in data:
            self.orders[record.key] = data["order"]
        return {
            "icon": "", "image": image.pk if image else None, "title": data["title"],
            "subtitle": data.get("subtitle", ""), "page": None, "url": data["url"],
            "link_text": data.get("link_text") or DEFAULT_LINK_TEXT,
        }

    def update(self, settings: SiteSettings, record: Record) -> None:
        block = self.blocks[self.position[record.key]]
        block["value"] = {**block["value"], **self.value(record)}

    def create(self, records: list[Record]) -> list[SiteSettings]:
        for record in records:
            self.position[record.key] = len(self.blocks)
            self.blocks.append({"type": "banner", "value": self.value(record)})
        return [self.settings] * len(records)

    def finish(self, written: list[tuple[Record, Any]]) -> None:
        blocks = self.blocks
        if self.orders:
            indexed = list(enumerate(blocks))
            indexed.sort(
                key=lambda item: (self.orders.get(item[1]["value"].get("url"), item[0]), item[0])
            )
            blocks = [block for _, block in indexed]
        self.settings.sidebar_banners = blocks
        try:
            self.settings.full_clean()
        except ValidationError as error:
            raise RecordError(written[0][0], error) from None
        self.settings.save()


def export_units(exporter: Exporter) -> Iterator[dict[str, Any]]:
    for unit in UnitSite.objects.order_by("url").iterator():
        yield {"type": "unit", "name": unit.name, "url": unit.url, "kind": unit.kind,
               "order": unit.order}


def export_banners(exporter: Exporter) -> Iterator[dict[str, Any]]:
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
        yield compact({
            "type": "banner", "title": value.get("title"), "url": url,
            "subtitle": value.get("subtitle"), "link_text": value.get("link_text"),
            "image": exporter.file(value["image"]) if value.get("image") else None,
            "order": order,
        })


UNIT = registry.RecordType(
    name="unit", spec=UNIT_SPEC, writer=UnitWriter, export=export_units,
    write_order=10, export_order=40,
)
BANNER = registry.RecordType(
    name="banner", spec=BANNER_SPEC, writer=BannerWriter, export=export_banners,
    write_order=20, export_order=50,
)
