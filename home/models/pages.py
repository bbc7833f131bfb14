"""The home page and plain content pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms import metadata
from cms.models import BasePage
from cms.templatetags.responsive import prefetch_renditions
from cms.visibility import visible
from home.blocks import BannerStreamBlock
from home.chrome import page_banners

LATEST_NEWS = 6


class HomePage(BasePage):
    """The portal's root page: latest and featured news, procedure statistics, banners, units."""

    intro = RichTextField("Giới thiệu", blank=True, help_text="Đoạn giới thiệu ngắn đầu trang.")
    banners = StreamField(
        BannerStreamBlock(),
        blank=True,
        verbose_name="Banner trang chủ",
        help_text="Banner riêng của trang chủ (cột bên có banner chung trong Cài đặt).",
    )
    latest_count = models.PositiveSmallIntegerField(
        "Số tin mới nhất",
        default=LATEST_NEWS,
        help_text="Số bài mới nhất hiện trên trang chủ (1–20).",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [InlinePanel("featured_articles", label="Tin nổi bật", max_num=5),
             FieldPanel("latest_count")],
            heading="Tin tức",
        ),
        FieldPanel("banners"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "Trang chủ"
        verbose_name_plural = "Trang chủ"

    def get_meta_description(self) -> str:
        return metadata.describe(self.search_description, self.intro)

    def clean(self) -> None:
        super().clean()
        if not 1 <= (self.latest_count or 0) <= 20:
            raise ValidationError({"latest_count": "Số tin mới nhất phải từ 1 đến 20."})

    # Each section is a fixed number of queries, whatever the number of articles or procedures.

    def featured_news(self) -> list:
        """Editor-chosen live articles in this home's language, in order: one query (plus one
        for their renditions). The English home, a copy of the Vietnamese one, keeps its
        Vietnamese choices: each shows as its English translation, or not at all."""
        from news.models import NewsArticlePage

        ids = [row.page_id for row in self.featured_articles.all() if row.page_id]
        if not ids:
            return []
        chosen = NewsArticlePage.objects.filter(pk__in=ids).values("translation_key")
        found = visible(
            NewsArticlePage.objects.filter(locale_id=self.locale_id).filter(
                models.Q(pk__in=ids) | models.Q(translation_key__in=chosen)
            )
        ).defer_streamfields()
        found = list(found.select_related("category", "main_image"))
        by_id = {article.pk: article for article in found}
        articles = [by_id[pk] for pk in ids if pk in by_id]
        # Translations of the choices, newest first (their order is not known without a query).
        articles += sorted((a for a in found if a.pk not in ids),
                           key=lambda a: a.published_at, reverse=True)
        prefetch_renditions(a.main_image for a in articles)
        return articles

    def latest_news(self, exclude: list | None = None) -> list:
        """The newest live articles not already featured: one query (+ one for renditions)."""
        from news.models import NewsArticlePage

        queryset = (
            # The English home lists English articles.
            visible(NewsArticlePage.objects.filter(locale_id=self.locale_id))
            .defer_streamfields()
            .select_related("category", "main_image")
            .order_by("-published_at", "-pk")
        )
        if exclude:
            queryset = queryset.exclude(pk__in=[a.pk for a in exclude])
        articles = list(queryset[: self.latest_count or LATEST_NEWS])
        prefetch_renditions(a.main_image for a in articles)
        return articles

    def quick_links(self) -> list[Page]:
        """The live catalogue, document list and unit directory under this page: one query."""
        from .policies import PolicyIndexPage
        from .procedures import ProcedureIndexPage
        from .units import UnitSitesPage

        order = [ProcedureIndexPage, PolicyIndexPage, UnitSitesPage]
        pages = list(
            visible(Page.objects.child_of(self))
            .type(*order)
            .select_related("content_type")
            .order_by("path")
        )
        rank = {model._meta.model_name: i for i, model in enumerate(order)}
        return sorted(pages, key=lambda p: rank.get(p.content_type.model, 99))

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from .procedures import level_statistics

        context = super().get_context(request, *args, **kwargs)
        featured = self.featured_news()
        links = self.quick_links()
        catalogue = next(
            (p for p in links if p.content_type.model == "procedureindexpage"), None
        )
        context.update(
            featured_news=featured,
            latest_news=self.latest_news(exclude=featured),
            statistics=level_statistics(),
            home_banners=page_banners(
                self, self.get_site(), preview=getattr(request, "is_preview", False)
            ),
            quick_links=links,
            catalogue_url=catalogue.get_url(request) if catalogue else "",
        )
        return context


class HomeFeaturedArticle(Orderable):
    """Tin nổi bật: an article the editors pin to the top of the home page."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_articles")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Bài viết",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Chọn một bài tin tức.",
    )

    panels = [PageChooserPanel("page", "news.NewsArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = "Tin nổi bật"
        verbose_name_plural = "Tin nổi bật"

    def clean(self) -> None:
        super().clean()
        if self.page_id and self.page.specific_class.__name__ != "NewsArticlePage":
            raise ValidationError({"page": "Chỉ chọn được bài viết tin tức."})


class StandardPage(BasePage):
    """A plain page of text (giới thiệu, liên hệ…)."""

    body = RichTextField("Nội dung", blank=True, help_text="Nội dung của trang.")

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = "Trang nội dung"
        verbose_name_plural = "Trang nội dung"
