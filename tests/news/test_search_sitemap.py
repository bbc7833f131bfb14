"""The search fields the search part builds on, and category listings in the sitemap."""

from __future__ import annotations

from wagtail.rich_text import RichText

from news.factories import NewsArticlePageFactory, NewsCategoryFactory
from news.models import NewsArticlePage


def found(query: str) -> list[str]:
    return [p.title for p in NewsArticlePage.objects.live().search(query)]


def test_article_is_found_by_body_lead_tag_and_category(news_index):
    category = NewsCategoryFactory(name="Hatangkythuat")
    page = NewsArticlePageFactory(
        parent=news_index,
        title="Tin có nội dung riêng",
        lead="Sapo nhắc leadkeyword.",
        body=[("paragraph", RichText("<p>Đoạn có bodykeyword ở giữa.</p>"))],
        category=category,
        tags=["tagkeyword"],
    )
    page.save_revision().publish()
    NewsArticlePageFactory(parent=news_index, title="Tin khác")
    for query in ("bodykeyword", "leadkeyword", "tagkeyword", "Hatangkythuat"):
        assert found(query) == ["Tin có nội dung riêng"], query


def test_tags_changed_at_publication_are_searchable(news_index):
    page = NewsArticlePageFactory(parent=news_index, title="Tin đổi thẻ", tags=["oldtagword"])
    page.save_revision().publish()
    editing = page.get_latest_revision_as_object()
    editing.tags.set(["newtagword"])
    editing.save_revision().publish()
    assert found("newtagword") == ["Tin đổi thẻ"]
    assert found("oldtagword") == []


def test_category_listings_are_in_the_sitemap(client, news_index, category, other_category):
    NewsArticlePageFactory(parent=news_index, category=category)
    urls = news_index.get_sitemap_urls()
    locations = [u["location"] for u in urls]
    assert locations[0].endswith("/tin-tuc/")
    assert any(loc.endswith("/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/") for loc in locations)
    assert any(loc.endswith("/tin-tuc/chuyen-muc/quy-hoach-kien-truc/") for loc in locations)
