"""The ``unit`` record ↔ ``UnitSite`` and the ``banner`` record ↔ a ``banner`` block of the
default site's ``SiteSettings.sidebar_banners`` (the name table: ``home.interchange``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError

from wagtail.models import Site
from wagtail.search.backends import get_search_backends

from cms.exporter import Exporter, compact
from cms.importer import registry, schema
from cms.importer.context import RecordError
from cms.importer.schema import Record
from cms.importer.sync import Writer
from cms.models import ImportedRecord

from ..blocks import DEFAULT_LINK_TEXT
from ..models.settings import SiteSettings
from ..models.units import Category, UnitKind, UnitSite
from ..structure import ensure_home

__all__ = ["BANNER", "UNIT", "BannerWriter", "UnitWriter"]

# The organisation chart's fields are optional: a file of the old format (name, url, kind,
# order) imports as before. ``parent`` is the parent unit's ``url`` (its natural key), a unit
# already in the database or on an earlier line.
UNIT_DETAILS = {
    "name_en": schema.short(255),
    "category": schema.choice(*Category.values),
    "functions": schema.html,
    "functions_en": schema.html,
    "head": schema.short(255),
    "address": schema.short(500),
    "phone": schema.short(64),
    "email": schema.short(254),
}
UNIT_SPEC = schema.Spec(
    required={"name": schema.short(255), "url": schema.url},
    optional={
        "kind": schema.choice(*UnitKind.values), "order": schema.order, "parent": schema.url,
        **UNIT_DETAILS,
    },
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


class UnitWriter(Writer):
    """Unit and enterprise sites (a snippet), matched by URL; new ones in one insert, then
    indexed in one call (``bulk_create`` sends no ``post_save``, which would index them)."""

    kind = "unit"

    def find(self, records: list[Record], mappings: dict[str, ImportedRecord]) -> dict[str, Any]:
        return {u.url: u for u in UnitSite.objects.filter(url__in=[r.key for r in records])}

    def fill(self, unit: UnitSite, record: Record, made: dict[str, UnitSite] | None = None) -> None:
        unit.name = record.data["name"]  # already ``text.clean``ed: what ``save()`` does
        unit.kind = record.data.get("kind", UnitKind.UNIT)
        unit.order = record.data.get("order", 0)
        for field in UNIT_DETAILS:
            if field in record.data:
                setattr(unit, field, record.data[field])
        if "parent" in record.data:
            parent_url = record.data["parent"]
            unit.parent = (made or {}).get(parent_url) or UnitSite.objects.filter(
                url=parent_url
            ).first()
            if unit.parent is None:
                raise RecordError(record, ValidationError(
                    {"parent": "Không có đơn vị nào có địa chỉ này (đơn vị cha phải có trước)."}
                ))
        try:
            unit.full_clean(validate_unique=False)
        except ValidationError as error:
            raise RecordError(record, error) from None

    def update(self, unit: UnitSite, record: Record) -> None:
        self.fill(unit, record)
        unit.save()

    def create(self, records: list[Record]) -> list[UnitSite]:
        """Insert the batch top down: a unit whose parent is new in this batch waits for it (one
        insert per level of the chart), so that a file may list a parent and its children."""
        pending = {record.key: record for record in records}
        made: dict[str, UnitSite] = {}
        units: list[UnitSite] = []
        while pending:
            wave = [r for r in pending.values() if r.data.get("parent") not in pending]
            if not wave:  # parents that name each other: ``fill`` reports the first
                wave = list(pending.values())
            level = []
            for record in wave:
                unit = UnitSite(url=record.key)
                self.fill(unit, record, made)
                level.append(unit)
                del pending[record.key]
            UnitSite.objects.bulk_create(level)  # URLs: new (``find``) and unique in the file
            made.update((unit.url, unit) for unit in level)
            units += level
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(UnitSite, units)
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
    """Units with a website (``url`` is the record's key), parents first so that a re-import
    finds each parent; the chart's fields where filled."""
    units = list(UnitSite.objects.exclude(url=None).select_related("parent"))
    by_depth: list[tuple[int, str, UnitSite]] = []
    for unit in units:
        depth, ancestor = 0, unit.parent
        while ancestor is not None and depth < len(units):
            depth, ancestor = depth + 1, ancestor.parent
        by_depth.append((depth, unit.url, unit))
    for _, _, unit in sorted(by_depth, key=lambda item: item[:2]):
        yield compact({
            "type": "unit", "name": unit.name, "url": unit.url, "kind": unit.kind,
            "order": unit.order, "parent": unit.parent.url if unit.parent else None,
            **{field: getattr(unit, field) for field in UNIT_DETAILS},
        })


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
