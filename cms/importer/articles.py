"""``article`` records → ``NewsArticlePage`` under the news index (bulk path for new pages)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError

from taggit.models import Tag
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.models import Page

from cms import text

from . import bulk, slow
from .context import Context, RecordError
from .schema import Record

__all__ = ["ArticleWriter", "rich_text"]

_converters: dict[tuple[str, ...], EditorHTMLConverter] = {}


# Tags each rich-text feature lets through unchanged (no attributes), for the fast path below.
_FEATURE_TAGS = {
    "bold": {"b", "strong"}, "italic": {"i", "em"}, "h2": {"h2"}, "h3": {"h3"},
    "ol": {"ol", "li"}, "ul": {"ul", "li"},
}
_TOKEN = re.compile(r"<(/?)([a-z0-9]+)>|<|>|&(?!(?:amp|lt|gt);)")


def _already_clean(html: str, allowed: set[str]) -> bool:
    """True when the whitelist would give ``html`` back unchanged: only allowed tags, without
    attributes, properly nested; no stray ``<``, ``>`` or ``&``. Most imported bodies are."""
    stack: list[str] = []
    for match in _TOKEN.finditer(html):
        closing, tag = match.group(1), match.group(2)
        if tag is None or tag not in allowed:
            return False
        if closing:
            if not stack or stack.pop() != tag:
                return False
        else:
            stack.append(tag)
    return not stack


def rich_text(html: str, features: list[str] | None) -> str:
    """Legacy HTML → Wagtail's rich-text storage, through Wagtail's whitelist (no scripts)."""
    html = text.clean(html)
    key = tuple(features or ())
    if features is not None:
        allowed = {"p"}.union(*(_FEATURE_TAGS.get(f, set()) for f in features))
        if _already_clean(html, allowed):
            return html
    if key not in _converters:
        _converters[key] = EditorHTMLConverter(features=features)
    return text.clean(_converters[key].to_database_format(html))


class ArticleWriter:
    """Writes batches of article records; new pages in bulk, changed ones through revisions."""

    kind = "article"

    def __init__(self, ctx: Context) -> None:
        from news.blocks import RICH_TEXT_FEATURES
        from news.models import NewsArticlePage, NewsCategory

        self.ctx = ctx
        self.model = NewsArticlePage
        self.category_model = NewsCategory
        self.features = RICH_TEXT_FEATURES
        self.categories: dict[str, Any] = {}
        # Tree fields are set by the bulk path; foreign keys point at rows just fetched.
        self.unchecked = ["path", "depth", "slug"] + [
            f.name for f in NewsArticlePage._meta.fields if f.is_relation
        ]
        self.tags: dict[str, Tag] = {}

    @property
    def parent(self) -> Page:
        from .tree import section

        return section("news.NewsIndexPage", self.ctx.cache)

    # --- lookups shared by a batch -------------------------------------------------------

    def category(self, name: str):
        slug = text.slugify(name, max_length=150)
        if slug not in self.categories:
            category = self.category_model.objects.filter(slug=slug).first()
            if category is None:
                category = self.category_model.objects.create(name=name, slug=slug)
            self.categories[slug] = category
        return self.categories[slug]

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

    # --- record → page ------------------------------------------------------------------

    def apply(self, page, record: Record) -> None:
        """Set the page's content from the record (not its slug: URLs stay stable)."""
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
            {"type": "paragraph", "value": rich_text(data["body"], self.features)}
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
        through = self.model.tags.through
        page.tagged_items = [
            through(tag=self.tags[name], content_object=page) for name in data.get("tags", [])
        ]

    def write(self, records: list[Record]) -> None:
        ctx = self.ctx
        mappings = ctx.mappings(self.kind, [r.key for r in records])
        self.load_tags({name for r in records for name in r.data.get("tags", [])})

        # Pages made earlier by this importer, or (slug keys) by an editor or load_demo.
        page_ids = {int(m.object_id) for m in mappings.values()}
        by_id = {p.pk: p for p in self.model.objects.filter(pk__in=page_ids)}
        slug_keys = [r.key for r in records if r.key not in mappings and "legacy_id" not in r.data]
        by_slug = {
            p.slug: p
            for p in self.model.objects.child_of(self.parent).filter(slug__in=slug_keys)
        } if slug_keys else {}

        new, written = [], []
        for record in records:
            mapping = mappings.get(record.key)
            page = by_id.get(int(mapping.object_id)) if mapping else by_slug.get(record.key)
            if page is not None and mapping and mapping.digest == record.digest:
                ctx.counts["unchanged"] += 1
                continue
            if page is None:
                new.append(record)
                continue
            self.apply(page, record)
            try:
                page.full_clean()
            except ValidationError as error:
                raise RecordError(record, error) from None
            slow.update_page(page, user=ctx.user, publish=record.data.get("status") != "draft")
            written.append((record, page))
            ctx.counts["updated"] += 1

        if new:
            written += self.create(new)
        ctx.remember(written, mappings)

    def create(self, records: list[Record]) -> list[tuple[Record, Any]]:
        parent = self.parent
        slugs = self.unique_slugs(parent, [r.data["slug"] for r in records])
        pages = []
        for record, slug in zip(records, slugs, strict=True):
            page = self.model(slug=slug, live=record.data.get("status") != "draft")
            self.apply(page, record)
            try:
                page.clean_fields(exclude=self.unchecked)
            except ValidationError as error:
                raise RecordError(record, error) from None
            pages.append(page)
        bulk.bulk_create_pages(
            parent, pages, user=self.ctx.user, now=self.ctx.now, pool=self.ctx.pool
        )
        self.ctx.counts["created"] += len(pages)
        return list(zip(records, pages, strict=True))

    def unique_slugs(self, parent: Page, wanted: list[str]) -> list[str]:
        """Each wanted slug, or ``slug-2``, ``slug-3``… where a sibling or the URL scheme has it."""
        from news.models import RESERVED_SLUGS

        siblings = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        taken = set(siblings.filter(slug__in=set(wanted)).values_list("slug", flat=True))
        taken |= set(RESERVED_SLUGS)
        result = []
        for base in wanted:
            slug, n = base, 1
            while slug in taken or slug.isdigit():
                n += 1
                slug = f"{base}-{n}"
                if slug not in taken and siblings.filter(slug=slug).exists():
                    taken.add(slug)
            taken.add(slug)
            result.append(slug)
        return result
