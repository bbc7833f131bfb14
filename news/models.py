"""News: categories (snippets), articles and the routable news index with its archives and feeds.

Listings never load what they do not show: ``.live().public()``, ``defer_streamfields()``,
``select_related`` of the category and main image, and renditions prefetched in one query, so a
page of the listing costs the same at 100,000 articles as at 10.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page as PaginatorPage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.text import Truncator

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Orderable
from wagtail.search import index

from cms import metadata, text
from cms.models import BasePage
from cms.pages import ResultType, SitemapSection
from cms.pagination import paginate
from cms.permissions import ArchiveIndexPermissionTester
from cms.templatetags.responsive import prefetch_renditions
from cms.templatetags.vi import iso_local
from cms.visibility import visible

from .blocks import ArticleBodyBlock
from .feeds import NewsFeed

RELATED_LIMIT = 4
# Related articles are scored among at most this many newest candidates of each kind (sharing a
# tag; same category), read from indexes: the cost does not grow with the archive. The scoring
# query reads every candidate row with its page and image (200 of each: 10 ms a view; 40: 2 ms).
RELATED_CANDIDATES = 40
# Of an article's tags, at most this many seed the candidates: one index range each.
RELATED_TAGS = 8
# Route prefixes of the news index: a child article may not take them as its slug.
RESERVED_SLUGS = frozenset({"rss", "chuyen-muc"})
# ``sitemap-tin-tuc.xml``: the news index, its articles.
NEWS_SECTION = SitemapSection("tin-tuc", 10)


class NewsCategoryForm(WagtailAdminModelForm):
    """Accept a slug typed with diacritics or spaces and fold it, as page slugs are."""

    slug = forms.CharField(
        label="Đường dẫn",
        required=False,
        max_length=150,
        help_text="Để trống để tạo tự động từ tên (không dấu, nối bằng gạch ngang).",
    )

    def clean_name(self) -> str:
        return text.clean(self.cleaned_data["name"]).strip()

    def clean_slug(self) -> str:
        return text.slugify(self.cleaned_data.get("slug") or "", max_length=150)


class NewsCategory(models.Model):
    """An editor-managed news section (chuyên mục), shown in the URL as a folded slug."""

    name = models.CharField("Tên chuyên mục", max_length=150, unique=True)
    name_en = models.CharField(
        "Tên tiếng Anh", max_length=150, blank=True,
        help_text="Hiện trên các trang tiếng Anh (/en/); để trống thì hiện tên tiếng Việt.",
    )
    slug = models.SlugField(
        "Đường dẫn",
        max_length=150,
        unique=True,
        blank=True,
        help_text="Để trống để tạo tự động từ tên (không dấu, nối bằng gạch ngang).",
    )
    description = models.TextField("Mô tả", blank=True)
    description_en = models.TextField(
        "Mô tả tiếng Anh", blank=True, help_text="Hiện trên các trang tiếng Anh (/en/)."
    )
    order = models.PositiveIntegerField(
        "Thứ tự", default=0, help_text="Số nhỏ đứng trước trong danh sách chuyên mục."
    )

    base_form_class = NewsCategoryForm
    panels = [
        FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("description"),
        FieldPanel("description_en"), FieldPanel("order"),
    ]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "Chuyên mục tin"
        verbose_name_plural = "Chuyên mục tin"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.slug = text.slugify(self.slug or self.name, max_length=150)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.name = text.clean(self.name or "").strip()
        self.slug = text.slugify(self.slug or self.name, max_length=150)
        if not self.slug:
            raise ValidationError(
                {"name": "Tên chuyên mục phải có ít nhất một chữ cái hoặc chữ số."}
            )

    @property
    def display_name(self) -> str:
        """The name readers see: the English one on English pages where it is given."""
        return text.in_language(self, "name")

    @property
    def display_description(self) -> str:
        """The description in the page's language (none on English pages without one)."""
        return self.description_en if text.language() == "en" else self.description


class NewsArticleTag(TaggedItemBase):
    """Through model of article tags (modelcluster needs one to edit tags with the page)."""

    content_object = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = "Thẻ của bài viết"
        verbose_name_plural = "Thẻ của bài viết"
        # The newest articles of a tag (related articles' candidates) without a sort.
        indexes = [models.Index(fields=["tag", "content_object"], name="news_tag_object_idx")]


class NewsArticleRelatedLink(Orderable):
    """An article the editor chose to show under this one ("Tin liên quan")."""

    page = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="related_links"
    )
    related = models.ForeignKey(
        "news.NewsArticlePage",
        verbose_name="Bài viết liên quan",
        on_delete=models.CASCADE,
        related_name="related_from",
    )

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = "Bài viết liên quan"
        verbose_name_plural = "Bài viết liên quan"


class NewsArticlePage(BasePage):
    """A news article: sapo, body blocks, photo, dateline, category, tags, related articles."""

    lead = models.TextField(
        "Sapo",
        help_text="Đoạn mở đầu tóm tắt bài viết, hiển thị đậm dưới tiêu đề và trong danh sách.",
    )
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Ảnh đại diện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    main_image_caption = models.CharField("Chú thích ảnh đại diện", max_length=500, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name="Nội dung", blank=True)
    published_at = models.DateTimeField(
        "Thời điểm đăng",
        null=True,
        blank=True,
        help_text="Hiển thị ở dòng ngày tháng của bài. Để trống: lấy thời điểm xuất bản lần đầu.",
    )
    category = models.ForeignKey(
        NewsCategory,
        verbose_name="Chuyên mục",
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    tags = ClusterTaggableManager(
        "Thẻ", through=NewsArticleTag, blank=True, help_text="Các từ khóa, cách nhau bằng dấu phẩy."
    )
    source = models.CharField(
        "Nguồn tin",
        max_length=255,
        blank=True,
        help_text="Ví dụ: Báo Xây dựng; Cổng TTĐT Chính phủ.",
    )
    author = models.CharField("Tác giả", max_length=255, blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("main_image"), FieldPanel("main_image_caption")], heading="Ảnh đại diện"
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("published_at"),
                FieldPanel("category"),
                FieldPanel("tags"),
                FieldPanel("author"),
                FieldPanel("source"),
            ],
            heading="Thông tin bài viết",
        ),
        InlinePanel(
            "related_links",
            heading="Tin liên quan",
            label="Bài viết liên quan",
            help_text="Để trống: tự chọn các bài cùng thẻ, rồi cùng chuyên mục.",
        ),
    ]

    # Later entries win over Page's own (modelsearch de-duplicates by type and name).
    search_fields = BasePage.search_fields + [
        index.SearchField("title", boost=3),
        index.SearchField("lead", boost=2),
        index.SearchField("body"),
        index.SearchField("author"),
        index.RelatedFields("category", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("published_at"),
        index.FilterField("category"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []
    search_result_type = ResultType.ARTICLE
    sitemap_section = NEWS_SECTION
    open_graph_type = "article"
    route_select_related = ("category", "main_image")

    class Meta:
        verbose_name = "Bài viết tin tức"
        verbose_name_plural = "Bài viết tin tức"
        indexes = [
            models.Index(fields=["published_at", "page_ptr"], name="news_article_pub_idx"),
            models.Index(
                fields=["category", "published_at", "page_ptr"], name="news_article_cat_pub_idx"
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.slug in RESERVED_SLUGS or self.slug.isdigit():
            raise ValidationError(
                {"slug": "Đường dẫn này trùng với một địa chỉ của trang tin tức; hãy chọn khác."}
            )

    def save(self, *args, **kwargs):
        # The dateline defaults to the first publication: Wagtail sets first_published_at just
        # before the save that publishes. (A scheduled page gets it when it actually goes live,
        # not when the editor schedules it.)
        if self.published_at is None and self.live and self.first_published_at:
            self.published_at = self.first_published_at
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        # A revision saved before the first publication has no dateline; show the live one
        # in the editor instead of an empty field.
        obj = super().with_content_json(content)
        if obj.published_at is None:
            obj.published_at = self.published_at
        return obj

    @property
    def main_image_in_body(self) -> bool:
        """True when the main photo is also a body block: the article shows it once."""
        return any(
            block.block_type == "image" and block.value["image"] == self.main_image
            for block in self.body
        )

    @property
    def byline(self) -> str:
        """``Tác giả – Nguồn`` as one line, or empty."""
        return " – ".join(part for part in (self.author, self.source) if part)

    def get_meta_description(self) -> str:
        return metadata.describe(self.search_description, self.lead)

    def get_meta_image(self) -> AbstractImage | None:
        return self.main_image

    def get_open_graph_dates(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        return self.published_at, self.last_published_at

    def get_json_ld(self, request: HttpRequest) -> dict[str, Any]:
        """schema.org ``NewsArticle``: headline, dateline, author (else the ministry), photo."""
        url = metadata.canonical_url(request)
        published = self.published_at or self.first_published_at
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": Truncator(self.title).chars(110),
            "description": self.get_meta_description(),
            "datePublished": iso_local(published),
            "dateModified": iso_local(self.last_published_at or published),
            "inLanguage": "vi",
            "mainEntityOfPage": url,
            "url": url,
            "publisher": metadata.organization(request),
        }
        author = text.plain_text(self.author)
        data["author"] = (
            {"@type": "Person", "name": author} if author else metadata.organization(request)
        )
        image_url, _ = metadata.image_url(request, self.main_image)
        if image_url:
            data["image"] = [image_url]
        if self.category:
            data["articleSection"] = text.plain_text(self.category.display_name)
        return data

    @cached_property
    def article_tags(self) -> list:
        """The article's tags, read once for the page and for its related articles."""
        return list(self.tags.all())

    def related_articles(self) -> list[NewsArticlePage]:
        """The editor's choice if any (1 query); else by shared tags, then category (1 more).

        The automatic choice scores a bounded candidate set: the newest ``RELATED_CANDIDATES``
        articles sharing a tag (index ``news_tag_object_idx``) and as many of the category
        (``news_article_cat_pub_idx``), so a category of 100,000 articles costs what one of 100
        does; the newest articles are the ones a reader wants anyway.
        """
        base = (
            # In the article's language: an English reader is not sent to Vietnamese news.
            visible(NewsArticlePage.objects.filter(locale_id=self.locale_id))
            .defer_streamfields()
            .select_related("category", "main_image")
            .exclude(pk=self.pk)
        )
        if self.pk is None:  # preview of a page not saved yet: the editor's choice in memory
            return [link.related for link in self.related_links.all()][:RELATED_LIMIT]
        chosen = list(
            base.filter(related_from__page=self).order_by("related_from__sort_order")[:RELATED_LIMIT]
        )
        if chosen:
            return chosen
        tag_ids = [tag.pk for tag in self.article_tags][:RELATED_TAGS]
        lists = [
            NewsArticleTag.objects.filter(tag_id=tag_id)
            .exclude(content_object_id=self.pk)
            .order_by("-content_object_id")
            .values_list("content_object_id", flat=True)[:RELATED_CANDIDATES]
            for tag_id in tag_ids
        ]
        if self.category_id:
            lists.append(
                NewsArticlePage.objects.filter(category_id=self.category_id)
                .order_by("-published_at", "-page_ptr_id")
                .values_list("page_ptr_id", flat=True)[:RELATED_CANDIDATES]
            )
        if not lists:
            return []
        # One query of index ranges, each bounded: the newest articles of each tag and of the
        # category. (Tags as one ``IN`` range sorted every article of those tags: 4,000 rows at
        # 100,000 articles; IN-subqueries joined by OR scanned every article: 250 ms.) SQLite
        # cannot slice inside a UNION: there the tags are one range, the archive is small.
        if connection.features.supports_slicing_ordering_in_compound:
            ids = set(lists[0].union(*lists[1:], all=True)) if len(lists) > 1 else set(lists[0])
        else:
            by_tag = (
                NewsArticleTag.objects.filter(tag_id__in=tag_ids)
                .exclude(content_object_id=self.pk)
                .order_by("-content_object_id")
                .values_list("content_object_id", flat=True)[:RELATED_CANDIDATES]
            )
            kept = ([by_tag] if tag_ids else []) + lists[len(tag_ids):]
            ids = {pk for candidates in kept for pk in candidates}
        candidates = Q(pk__in=ids)
        shared_count = (
            NewsArticleTag.objects.filter(content_object_id=OuterRef("pk"), tag_id__in=tag_ids)
            .order_by()
            .values("content_object_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        shared = (
            Coalesce(Subquery(shared_count, output_field=IntegerField()), Value(0))
            if tag_ids
            else Value(0)
        )
        same_category = (
            Case(When(category_id=self.category_id, then=Value(1)), default=Value(0))
            if self.category_id
            else Value(0)
        )
        scored = base.filter(candidates).annotate(
            shared_tags=shared,
            same_category=same_category,
        ).filter(Q(shared_tags__gt=0) | Q(same_category=1))
        return list(
            scored.order_by("-shared_tags", "-same_category", "-published_at", "-pk")[
                :RELATED_LIMIT
            ]
        )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        related = self.related_articles()
        body_images = [
            block.value["image"] for block in self.body if block.block_type == "image"
        ]
        prefetch_renditions(
            [self.main_image, *body_images, *(article.main_image for article in related)]
        )
        context["related_articles"] = related
        context["article_tags"] = self.article_tags
        context["share_url"] = self.get_full_url(request)
        if self.category:
            index_url = self.get_parent().get_url(request)
            context["category_url"] = index_url + NewsIndexPage.get_resolver().reverse(
                "category", self.category.slug
            ).lstrip("/")
        return context


class NewsIndexPage(RoutablePageMixin, BasePage):
    """``/tin-tuc/``: the newest live articles, by category and by year/month, with RSS feeds."""

    intro = RichTextField("Giới thiệu", blank=True, features=["bold", "italic", "link"])
    per_page = models.PositiveSmallIntegerField(
        "Số bài mỗi trang",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]

    cache_params = ("page", "nam", "thang")
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsArticlePage"]
    sitemap_section = NEWS_SECTION

    class Meta:
        verbose_name = "Trang tin tức"
        verbose_name_plural = "Trang tin tức"

    def get_meta_description(self) -> str:
        return metadata.describe(self.search_description, self.intro)

    def permissions_for_user(self, user) -> ArchiveIndexPermissionTester:
        # No delete, move or copy of the whole archive in one request (cms.permissions).
        return ArchiveIndexPermissionTester(user, self)

    # Queries -------------------------------------------------------------------------------

    def articles(self) -> models.QuerySet[NewsArticlePage]:
        """Live public articles under this index, newest first, without their bodies."""
        return (
            visible(NewsArticlePage.objects.descendant_of(self))
            .defer_streamfields()
            .select_related("category", "main_image")
            .order_by("-published_at", "-page_ptr_id")
        )

    def paginate(self, request: HttpRequest, queryset: models.QuerySet) -> PaginatorPage:
        """The requested page of ``queryset`` (``cms.pagination``: bounded count, 404 past it)."""
        page = paginate(request, queryset, self.per_page)
        images = (article.main_image for article in page.object_list)
        prefetch_renditions(images)
        return page

    def categories(self) -> list[NewsCategory]:
        return list(NewsCategory.objects.all())

    def get_category(self, slug: str) -> NewsCategory:
        try:
            return NewsCategory.objects.get(slug=slug)
        except NewsCategory.DoesNotExist as exc:
            raise Http404("Chuyên mục không tồn tại.") from exc

    # Views ---------------------------------------------------------------------------------

    def render_listing(
        self, request: HttpRequest, queryset: models.QuerySet, empty_is_404: bool = False, **extra
    ) -> HttpResponse:
        page = self.paginate(request, queryset)
        if empty_is_404 and not page.paginator.count:
            raise Http404("Không có bài viết nào trong thời gian này.")
        context = {
            "articles": page,
            "paginator": page.paginator,
            "categories": self.categories(),
            "months": range(1, 13),
            **extra,
        }
        return self.render(request, context_overrides=context)

    @path("", name="index")
    def index_view(self, request: HttpRequest) -> HttpResponse:
        if "nam" in request.GET:
            return self.archive_redirect(request)
        return self.render_listing(request, self.articles())

    def archive_redirect(self, request: HttpRequest) -> HttpResponse:
        """The archive picker (``?nam=2020&thang=9``) leads to the readable archive URL."""
        form = ArchiveForm(request.GET)
        if not form.is_valid():
            raise Http404("Không có thời điểm này.")
        year, month = form.cleaned_data["nam"], form.cleaned_data.get("thang")
        route = ("month", [year, f"{month:02d}"]) if month else ("year", [year])
        return redirect(self.get_url(request) + self.reverse_subpage(route[0], args=route[1]))

    @path("chuyen-muc/<slug:slug>/", name="category")
    def category_view(self, request: HttpRequest, slug: str) -> HttpResponse:
        category = self.get_category(slug)
        return self.render_listing(
            request,
            self.articles().filter(category=category),
            category=category,
            category_feed_url=self.get_url(request)
            + self.reverse_subpage("category_feed", args=[slug]),
        )

    @path("<int:year>/", name="year")
    def year_view(self, request: HttpRequest, year: int) -> HttpResponse:
        return self.archive(request, year)

    @path("<int:year>/<int:month>/", name="month")
    def month_view(self, request: HttpRequest, year: int, month: int) -> HttpResponse:
        return self.archive(request, year, month)

    def archive(self, request: HttpRequest, year: int, month: int | None = None) -> HttpResponse:
        start, end = archive_range(year, month)
        queryset = self.articles().filter(published_at__gte=start, published_at__lt=end)
        return self.render_listing(
            request,
            queryset,
            empty_is_404=True,
            archive_year=year,
            archive_month=month,
            archive_start=start,
        )

    @path("rss/", name="feed")
    def feed_view(self, request: HttpRequest) -> HttpResponse:
        return NewsFeed(self)(request)

    @path("chuyen-muc/<slug:slug>/rss/", name="category_feed")
    def category_feed_view(self, request: HttpRequest, slug: str) -> HttpResponse:
        return NewsFeed(self, self.get_category(slug))(request)

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict]:
        """The index, then one entry per category listing (one query)."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if urls and base:
            urls += [
                {"location": base + self.reverse_subpage("category", args=[category.slug])}
                for category in NewsCategory.objects.all()
            ]
        return urls

    def feed_url(self, request: HttpRequest | None = None) -> str:
        return self.get_url(request) + self.reverse_subpage("feed")


class ArchiveForm(forms.Form):
    nam = forms.IntegerField(label="Năm", min_value=1900, max_value=9998)
    thang = forms.IntegerField(label="Tháng", min_value=1, max_value=12, required=False)


def archive_range(year: int, month: int | None = None) -> tuple[dt.datetime, dt.datetime]:
    """Start and end (exclusive) of a year or month in Vietnam time; impossible dates → 404."""
    if not 1900 <= year <= 9998 or (month is not None and not 1 <= month <= 12):
        raise Http404("Không có thời điểm này.")
    tz = text.TIME_ZONE
    if month is None:
        return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return dt.datetime(year, month, 1, tzinfo=tz), end

