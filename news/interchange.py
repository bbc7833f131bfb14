"""The ``article`` record of the JSON Lines format (DESIGN.md): its fields, how it is written
(``NewsArticlePage`` under the news section, new pages in bulk) and how it is exported.

Registered with the import pipeline (``cms.importer.registry``) from ``NewsConfig.ready()``.
Format field → model: every field keeps its model name, except ``body`` (→ the ``paragraph``
and ``image`` blocks of ``NewsArticlePage.body``), ``images`` (the first → ``main_image`` and
``main_image_caption``, the others → ``image`` blocks) and ``status`` (``live``/``draft`` →
``Page.live``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.utils.html import escape

from taggit.models import Tag

from cms import text
from cms.exporter import Exporter, compact
from cms.importer import registry, schema
from cms.importer.pages import BulkPageWriter
from cms.importer.richtext import rich_text
from cms.importer.schema import Record

from .blocks import RICH_TEXT_FEATURES
from .models import RESERVED_SLUGS, NewsArticlePage, NewsCategory, NewsIndexPage

__all__ = ["ARTICLE", "ArticleWriter", "register"]

SECTION = registry.Section(NewsIndexPage, "Tin tức", "tin-tuc")


def _finish(data: dict[str, Any]) -> list[tuple[str, str]]:
    """An article without ``slug`` takes its title's."""
    if "title" in data and "slug" not in data:
        slug = text.slugify(data["title"])
        if not slug:
            return [("slug", "không tạo được đường dẫn (slug) từ tiêu đề; hãy thêm slug")]
        data["slug"] = slug
    return []


SPEC = schema.Spec(
    required={
        "title": schema.short(255), "lead": schema.text_field, "body": schema.html,
        "published_at": schema.datetime_field, "category": schema.short(255),
    },
    optional={
        "slug": schema.slug, "tags": schema.tags, "source": schema.short(255),
        "author": schema.short(255), "status": schema.status, "images": schema.IMAGES,
    },
    key_field=lambda data: "legacy_id" if "legacy_id" in data else "slug",
    finish=_finish,
    translatable=True,
)


class ArticleWriter(BulkPageWriter):
    """Writes batches of article records; new pages in bulk, changed ones through revisions."""

    kind = "article"
    model = NewsArticlePage
    section = NewsIndexPage

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.categories: dict[str, NewsCategory] = {}
        self.tags: dict[str, Tag] = {}

    def reserved(self, slug: str) -> bool:
        return slug in RESERVED_SLUGS or slug.isdigit()

    def category(self, name: str) -> NewsCategory:
        slug = text.slugify(name, max_length=150)
        if slug not in self.categories:
            category = NewsCategory.objects.filter(slug=slug).first()
            if category is None:
                category = NewsCategory.objects.create(name=name, slug=slug)
            self.categories[slug] = category
        return self.categories[slug]

    def prepare(self, records: list[Record]) -> None:
        self.load_tags({name for r in records for name in r.data.get("tags", [])})

    def load_tags(self, names: set[str]) -> None:
        """Fetch or create every tag the batch names, in two queries plus one insert."""
        missing = names - self.tags.keys()
        if not missing:
            return
        for tag in Tag.objects.filter(name__in=missing):
            self.tags[tag.name] = tag
        to_create = [name for name in missing if name not in self.tags]
        if not to_create:
            return
        wanted = {name: text.slugify(name, max_length=100) or "the" for name in to_create}
        taken = set(Tag.objects.filter(slug__in=wanted.values()).values_list("slug", flat=True))
        new = []
        for name, base in sorted(wanted.items()):
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            new.append(Tag(name=name, slug=slug))
        for tag in Tag.objects.bulk_create(new):
            self.tags[tag.name] = tag
        if any(tag.pk is None for tag in new):  # backends that return no ids
            for tag in Tag.objects.filter(name__in=[t.name for t in new]):
                self.tags[tag.name] = tag

    def apply(self, page: NewsArticlePage, record: Record) -> None:
        data = record.data
        media = self.ctx.media
        page.title = data["title"]
        page.draft_title = data["title"]
        page.lead = data["lead"]
        page.published_at = dt.datetime.fromisoformat(data["published_at"])
        page.category = self.category(data["category"])
        page.source = data.get("source", "")
        page.author = data.get("author", "")
        images = data.get("images", [])
        if images:
            first = images[0]
            page.main_image = media.image(first["file"], first["caption"])
            page.main_image_caption = first["caption"]
        else:
            page.main_image = None
            page.main_image_caption = ""
        stream: list[dict[str, Any]] = [
            {"type": "paragraph", "value": rich_text(data["body"], RICH_TEXT_FEATURES)}
        ]
        for image in images[1:]:
            stream.append({
                "type": "image",
                "value": {
                    "image": media.image(image["file"], image["caption"]).pk,
                    "caption": image["caption"], "credit": "", "alt_text": "",
                },
            })
        page.body = stream
        # The through rows directly: what ``page.tags.set`` makes, without its queries.
        through = NewsArticlePage.tags.through
        page.tagged_items = [
            through(tag=self.tags[name], content_object=page) for name in data.get("tags", [])
        ]


def export(exporter: Exporter) -> Iterator[dict[str, Any]]:
    legacy = exporter.legacy_ids("article")
    pages = (
        NewsArticlePage.objects.select_related("category", "main_image")
        .prefetch_related("tags")
        .order_by("published_at", "slug", "locale__language_code")
    )
    for page in pages.iterator(chunk_size=500):
        paragraphs, images = [], []
        if page.main_image:
            images.append({"file": exporter.file(page.main_image),
                           "caption": page.main_image_caption})
        for block in page.body:
            if block.block_type == "paragraph":
                paragraphs.append(exporter.html(block.value.source, RICH_TEXT_FEATURES))
            elif block.block_type == "image" and block.value.get("image"):
                images.append({"file": exporter.file(block.value["image"]),
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
        locale, original = exporter.language("article", page, lambda p: p.slug)
        yield compact({
            "type": "article", "legacy_id": legacy.get(str(page.pk)),
            "locale": locale, "translation_of": original,
            "title": page.title, "slug": page.slug, "lead": page.lead,
            "body": "".join(paragraphs) or "<p></p>",
            "published_at": page.published_at.astimezone(text.TIME_ZONE).isoformat()
            if page.published_at else None,
            "category": page.category.name if page.category else None,
            "tags": sorted(tag.name for tag in page.tags.all()),
            "source": page.source, "author": page.author,
            "status": schema.LIVE if page.live else schema.DRAFT,
            "images": images,
        })


ARTICLE = registry.RecordType(
    name="article", spec=SPEC, writer=ArticleWriter, export=export,
    write_order=50, export_order=30,
)


def register() -> None:
    """Called from ``NewsConfig.ready()``."""
    registry.register_section(SECTION)
    registry.register(ARTICLE)
