"""Demo news content: the index ``/tin-tuc/``, categories, the seed article and a few more.

Idempotent: what exists (matched by slug, or by title for images) is left untouched, so running
``load_demo`` twice adds no page, no revision and no image.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TextIO

from django.core.files.images import ImageFile
from django.utils.html import escape

from wagtail.blocks import StructValue
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page
from wagtail.rich_text import RichText

from cms import text

from .blocks import CaptionedImageBlock, QuoteBlock
from .demo_data.articles import ARTICLES, CATEGORIES, CATEGORY_NAMES_EN, DEMO_SOURCE
from .models import NewsArticlePage, NewsCategory, NewsIndexPage

INDEX_TITLE = "Tin tức"
INDEX_SLUG = "tin-tuc"
SEED_FILE = Path(__file__).parent / "demo_data" / "seed_article.txt"
# The seed article in English (our translation), for the English news under /en/news/.
SEED_FILE_EN = Path(__file__).parent / "demo_data" / "seed_article_en.txt"
INDEX_EN = ("News", "news", "<p>News of the Ministry of Construction in English.</p>")
SEED_TAGS_EN = ["online public services", "administrative reform", "e-Government"]
SEED_PHOTO = "20200423-pg1.jpg"
SEED_DATELINE = dt.datetime(2020, 9, 21, 9, 7, tzinfo=text.TIME_ZONE)
SEED_CATEGORY = "Cải cách hành chính"
SEED_TAGS = ["dịch vụ công trực tuyến", "cải cách hành chính", "Chính phủ điện tử"]
# Slips in the seed text, corrected in the demo (see /work/shared/seed/README.md).
SEED_CORRECTIONS = {"4-,81%": "40,81%", "gấp đô ": "gấp đôi "}


def load(home: Page, stdout: TextIO) -> None:
    """Create the news index, categories, the seed article and the demo articles if missing."""
    index = ensure_index(home, stdout)
    if index is None:
        return
    categories = {
        name: ensure_category(name, description, order)
        for order, (name, description) in enumerate(CATEGORIES, start=1)
    }
    created = 0
    seed = parse_seed(SEED_FILE.read_text(encoding="utf-8"))
    photo = ensure_image(f"Ảnh minh họa {SEED_PHOTO}", SEED_PHOTO, hue=0)
    body = [("paragraph", paragraph(p)) for p in seed["before_photo"]]
    body.append(
        ("image", image_value(photo, seed["caption"], "Ảnh minh họa (tạo tự động)"))
    )
    body += [("paragraph", paragraph(p)) for p in seed["after_photo"]]
    created += ensure_article(
        index,
        title=seed["title"],
        lead=seed["lead"],
        body=body,
        published_at=SEED_DATELINE,
        category=categories[SEED_CATEGORY],
        tags=SEED_TAGS,
        main_image=photo,
        main_image_caption=seed["caption"],
    )
    for number, (title, published, category, tags, lead, paragraphs, quote) in enumerate(
        ARTICLES, start=1
    ):
        image = ensure_image(
            f"Ảnh minh họa tin tức {number}", f"tin-tuc-minh-hoa-{number}.jpg", hue=number
        )
        body = [("paragraph", paragraph(p)) for p in paragraphs[:1]]
        if quote:
            body.append(("quote", quote_value(*quote)))
        body += [("paragraph", paragraph(p)) for p in paragraphs[1:]]
        created += ensure_article(
            index,
            title=title,
            lead=lead,
            body=body,
            published_at=dt.datetime.fromisoformat(published),
            category=categories[category],
            tags=tags,
            main_image=image,
            main_image_caption="Ảnh minh họa",
            source=DEMO_SOURCE,
        )
    stdout.write(f"Tin tức: {created} bài viết mới, {1 + len(ARTICLES) - created} đã có.")


def load_english(home: Page, stdout: TextIO) -> None:
    """The English news (``/en/news/``) with the seed article's English translation, made as
    the admin's "Dịch" action makes them (Wagtail's copy for translation) and published.

    Runs after the English home exists; does nothing without it or the Vietnamese seed article.
    """
    english = Locale.objects.filter(language_code="en").first()
    index = NewsIndexPage.objects.child_of(home).filter(slug=INDEX_SLUG).first()
    if english is None or index is None or home.get_translation_or_none(english) is None:
        return
    seed = parse_seed(SEED_FILE.read_text(encoding="utf-8"))
    article = index.get_children().filter(slug=text.slugify(seed["title"])).specific().first()
    if article is None:
        return
    title, slug, intro = INDEX_EN
    index_en = index.get_translation_or_none(english)
    if index_en is None:
        index_en = index.copy_for_translation(english).specific
        index_en.title, index_en.slug, index_en.intro = title, slug, intro
        index_en.show_in_menus = True
        index_en.save_revision().publish()
        # First among the English sections, as "Tin tức" is among the Vietnamese ones.
        index_en.move(home.get_translation(english), pos="first-child")
    if article.get_translation_or_none(english) is not None:
        return
    seed_en = parse_seed(SEED_FILE_EN.read_text(encoding="utf-8"))
    translated = article.copy_for_translation(english).specific
    photo = article.main_image
    body = [("paragraph", paragraph(p)) for p in seed_en["before_photo"]]
    body.append(("image", image_value(photo, seed_en["caption"], "Illustration (generated)")))
    body += [("paragraph", paragraph(p)) for p in seed_en["after_photo"]]
    translated.title, translated.slug = seed_en["title"], text.slugify(seed_en["title"])
    translated.lead, translated.body = seed_en["lead"], body
    translated.main_image_caption = seed_en["caption"]
    translated.tags.set(SEED_TAGS_EN)
    translated.save_revision().publish()
    stdout.write(f"News (English): {translated.title}.")


def ensure_index(home: Page, stdout: TextIO) -> NewsIndexPage | None:
    existing = home.get_children().filter(slug=INDEX_SLUG).first()
    if existing is not None:
        specific = existing.specific
        if isinstance(specific, NewsIndexPage):
            return specific
        stdout.write(f"Bỏ qua tin tức: /{INDEX_SLUG}/ đã là một trang khác loại.")
        return None
    index = home.add_child(instance=NewsIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG))
    index.save_revision().publish()
    return index


def ensure_category(name: str, description: str, order: int) -> NewsCategory:
    category, _ = NewsCategory.objects.get_or_create(
        slug=text.slugify(name),
        defaults={"name": name, "description": description, "order": order},
    )
    if not category.name_en and name in CATEGORY_NAMES_EN:
        category.name_en, category.description_en = CATEGORY_NAMES_EN[name]
        category.save(update_fields=["name_en", "description_en"])
    return category


def parse_seed(raw: str) -> dict:
    """Title, lead, body paragraphs around the photo, and its caption, from the seed text."""
    for slip, fix in SEED_CORRECTIONS.items():
        raw = raw.replace(slip, fix)
    lines = [text.clean(line).strip() for line in raw.splitlines()]
    lines = [line for line in lines if line and line != "\xa0"]
    title, _dateline, lead, *rest = lines
    photo_at = rest.index(SEED_PHOTO)
    return {
        "title": title,
        "lead": lead,
        "before_photo": rest[:photo_at],
        "caption": rest[photo_at + 1],
        "after_photo": rest[photo_at + 2 :],
    }


def paragraph(value: str) -> RichText:
    return RichText(f"<p>{escape(value)}</p>")


def image_value(image, caption: str, credit: str) -> StructValue:
    return CaptionedImageBlock().to_python(
        {"image": image.pk, "caption": caption, "credit": credit, "alt_text": ""}
    )


def quote_value(quote: str, attribution: str) -> StructValue:
    return QuoteBlock().to_python({"text": quote, "attribution": attribution})


def ensure_article(index: NewsIndexPage, **fields) -> int:
    """Publish the article once (one revision); 0 if a page with its slug is already there."""
    slug = text.slugify(fields["title"])
    if index.get_children().filter(slug=slug).exists():
        return 0
    tags = fields.pop("tags")
    article = NewsArticlePage(slug=slug, first_published_at=fields["published_at"], **fields)
    article.tags.add(*tags)
    index.add_child(instance=article)
    article.save_revision().publish()
    return 1


def ensure_image(title: str, filename: str, hue: int):
    """A placeholder photo drawn with Pillow (nothing is downloaded), created once."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    data = placeholder_jpeg(hue)
    image = image_model(
        title=title,
        collection=Collection.get_first_root_node(),
        file=ImageFile(io.BytesIO(data), name=filename),
    )
    image.save()
    return image


def placeholder_jpeg(hue: int, size: tuple[int, int] = (1200, 800)) -> bytes:
    """A city skyline at dusk in a hue of the ministry's blue: plainly a placeholder."""
    from PIL import Image, ImageDraw

    width, height = size
    shift = (hue * 23) % 60
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=(int(20 + 60 * t + shift), int(70 + 80 * t), int(140 + 70 * t - shift // 2)),
        )
    x = 0
    step = 0
    while x < width:
        w = 80 + (step * 37 + hue * 11) % 90
        h = 220 + (step * 53 + hue * 29) % 380
        top = height - h
        draw.rectangle([x, top, x + w - 8, height], fill=(18 + shift // 3, 38, 66))
        for wy in range(top + 20, height - 20, 36):
            for wx in range(x + 12, x + w - 24, 24):
                lit = (wx * 7 + wy * 3 + step) % 5 == 0
                colour = (250, 214, 120) if lit else (40, 64, 98)
                draw.rectangle([wx, wy, wx + 10, wy + 16], fill=colour)
        x += w
        step += 1
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=82)
    return out.getvalue()
