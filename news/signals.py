"""Keep an article's tags in the search index.

Wagtail's search update runs in ``post_save``, inside ``Page.save()``, before modelcluster
commits the page's tags; the index would hold the tags of the previous publication. Once
publishing is over (tags committed), index the page again.
"""

from __future__ import annotations

from django.dispatch import receiver

from wagtail.search import index
from wagtail.signals import page_published

from .models import NewsArticlePage


@receiver(page_published, sender=NewsArticlePage)
def reindex_published_article(sender, instance: NewsArticlePage, **kwargs) -> None:
    index.insert_or_update_object(instance)
