"""RSS 2.0 feeds of the news index: all articles, or one category. Served by the index's routes.

The index page imports this module; the models appear here only as type hints (no import at
run time), so the two modules do not import each other.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.functional import cached_property
from django.utils.translation import gettext

from cms.templatetags import navigation

if TYPE_CHECKING:
    from .models import NewsArticlePage, NewsCategory, NewsIndexPage

FEED_LIMIT = 20


class NewsFeed(Feed):
    """The newest ``FEED_LIMIT`` live articles; one query for the items, none per item."""

    feed_type = Rss201rev2Feed
    language = "vi"

    def __init__(self, index: NewsIndexPage, category: NewsCategory | None = None) -> None:
        super().__init__()
        self.index = index
        self.category = category
        self.request: HttpRequest | None = None

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.request = request
        return super().__call__(request, *args, **kwargs)

    @cached_property
    def site_name(self) -> str:
        """The ministry's name in the feed's language (the site settings', as pages show it)."""
        return navigation.site_name(self.request)

    def title(self) -> str:
        name = f"{self.site_name} – {self.index.title}"
        return f"{name}: {self.category.display_name}" if self.category else name

    def link(self) -> str:
        url = self.index.get_url(self.request)
        if self.category:
            url += self.index.reverse_subpage("category", args=[self.category.slug])
        return url

    def description(self) -> str:
        if self.category and self.category.display_description:
            return self.category.display_description
        return gettext("Tin tức mới nhất của %(site)s.") % {"site": self.site_name}

    def items(self) -> list[NewsArticlePage]:
        articles = self.index.articles()
        if self.category:
            articles = articles.filter(category=self.category)
        return list(articles[:FEED_LIMIT])

    def item_title(self, item: NewsArticlePage) -> str:
        return item.title

    def item_description(self, item: NewsArticlePage) -> str:
        return item.lead

    def item_link(self, item: NewsArticlePage) -> str:
        return item.get_url(self.request)

    def item_pubdate(self, item: NewsArticlePage) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: NewsArticlePage) -> dt.datetime | None:
        return item.last_published_at

    def item_author_name(self, item: NewsArticlePage) -> str | None:
        return item.author or None

    def item_categories(self, item: NewsArticlePage) -> list[str]:
        return [item.category.display_name] if item.category else []
