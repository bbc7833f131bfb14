"""Keep an article's tags in the search index, and tell the page cache what shows an article.

Wagtail's search update runs in ``post_save``, inside ``Page.save()``, before modelcluster
commits the page's tags; the index would hold the tags of the previous publication. Once
publishing is over (tags committed), index the page again.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.dispatch import receiver

from wagtail.search import index
from wagtail.signals import page_published

from cms import text
from cms.cache import purge

from .models import NewsArticlePage, NewsArticleRelatedLink, NewsIndexPage


@receiver(page_published, sender=NewsArticlePage)
def reindex_published_article(sender, instance: NewsArticlePage, **kwargs) -> None:
    index.insert_or_update_object(instance)


def article_listings(article: NewsArticlePage) -> Iterator[str]:
    """The index's listings and feeds that show ``article``: its category (and feed), its
    archive year and month, the main feed; and the articles whose editors chose it as related.

    (Articles that show it as an automatic "Tin liên quan" are not known without scoring every
    article: those keep it at most ``PAGE_CACHE_TIMEOUT``; see the README.)
    """
    parent = article.get_parent()
    index_page = parent.specific if parent else None
    if isinstance(index_page, NewsIndexPage):
        base = index_page.get_url()
        if base:
            yield base + index_page.reverse_subpage("feed")
            if article.category_id:
                slug = article.category.slug
                yield base + index_page.reverse_subpage("category", args=[slug])
                yield base + index_page.reverse_subpage("category_feed", args=[slug])
            if article.published_at:
                local = article.published_at.astimezone(text.TIME_ZONE)
                yield base + index_page.reverse_subpage("year", args=[local.year])
                for month in (str(local.month), f"{local.month:02d}"):
                    yield base + index_page.reverse_subpage("month", args=[local.year, month])
    for link in NewsArticleRelatedLink.objects.filter(related=article).select_related("page"):
        url = link.page.get_url()
        if url:
            yield url


purge.register(NewsArticlePage, article_listings)
