"""Factories for news tests (wagtail-factories); slugs are made by ``cms.text.slugify``."""

from __future__ import annotations

import datetime as dt

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from wagtail.blocks import StructValue
from wagtail.models import Collection
from wagtail.rich_text import RichText

from cms import text

from .blocks import CaptionedImageBlock
from .models import NewsArticlePage, NewsArticleRelatedLink, NewsCategory, NewsIndexPage


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection (the upstream factory makes a new root per image)."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Ảnh thử {n}")
    file = factory.django.ImageField(width=640, height=360, color="steelblue")


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A PDF in the root collection."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Tài liệu {n}")
    file = factory.django.FileField(filename="van-ban.pdf", data=b"%PDF-1.4\n%%EOF\n")


class NewsCategoryFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Chuyên mục đô thị {n}")
    slug = factory.LazyAttribute(lambda obj: text.slugify(obj.name))
    description = "Tin về phát triển đô thị."

    class Meta:
        model = NewsCategory
        django_get_or_create = ("slug",)


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Tin tức"
    slug = "tin-tuc"

    class Meta:
        model = NewsIndexPage


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bài viết thử số {n} về đô thị")
    slug = factory.LazyAttribute(lambda obj: text.slugify(obj.title))
    lead = factory.LazyAttribute(lambda obj: f"Sapo của bài «{obj.title}».")
    body = factory.LazyAttribute(
        lambda obj: [("paragraph", RichText(f"<p>Nội dung của bài «{obj.title}».</p>"))]
    )
    category = factory.SubFactory(NewsCategoryFactory)
    published_at = factory.Sequence(
        lambda n: dt.datetime(2024, 1, 1, 8, 0, tzinfo=text.TIME_ZONE) + dt.timedelta(days=n)
    )
    live = True

    class Meta:
        model = NewsArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(obj: NewsArticlePage, create: bool, extracted: list[str] | None, **kwargs) -> None:
        if extracted:
            obj.tags.add(*extracted)
            if create:
                obj.save()

    @factory.post_generation
    def related(
        obj: NewsArticlePage, create: bool, extracted: list[NewsArticlePage] | None, **kwargs
    ) -> None:
        if extracted and create:
            for order, article in enumerate(extracted):
                NewsArticleRelatedLink.objects.create(page=obj, related=article, sort_order=order)


def image_block(image, caption: str = "", credit: str = "", alt_text: str = "") -> tuple:
    """A ``("image", value)`` body item, as the StreamField stores it."""
    value: StructValue = CaptionedImageBlock().to_python(
        {"image": image.pk, "caption": caption, "credit": credit, "alt_text": alt_text}
    )
    return ("image", value)
