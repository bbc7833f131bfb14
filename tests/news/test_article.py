"""What a reader sees on an article page: dateline, lead, body, photos, related, share, print."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

import pytest

from django.core.exceptions import ValidationError

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from cms import text
from news.factories import DocumentFactory, ImageFactory, NewsArticlePageFactory, image_block
from news.models import NewsArticlePage

DATELINE = dt.datetime(2020, 9, 21, 9, 7, tzinfo=text.TIME_ZONE)


@pytest.fixture
def article(news_index, category):
    photo = ImageFactory(title="20200423-pg1.jpg")
    document = DocumentFactory(title="QD-danh-muc")
    return NewsArticlePageFactory(
        parent=news_index,
        title="Bộ Xây dựng sẽ cung cấp 20 dịch vụ công trực tuyến mức 4 trong năm 2020",
        lead="Dự kiến đến cuối năm 2020, số dịch vụ công trực tuyến mức 4 đạt 40,81%.",
        body=[
            ("paragraph", RichText("<p>Bộ Xây dựng vừa ra quyết định ban hành danh mục.</p>")),
            image_block(photo, caption="Từ nay đến cuối năm 2020", credit="Ảnh: Bộ Xây dựng"),
            ("quote", {"text": "Phải đạt chỉ tiêu đặt ra.", "attribution": "Cục Tin học hóa"}),
            ("document", {"document": document, "title": "Quyết định ban hành danh mục"}),
        ],
        published_at=DATELINE,
        category=category,
        tags=["dịch vụ công trực tuyến", "Chính phủ điện tử"],
        author="Minh Anh",
        source="Báo Xây dựng",
    )


def test_article_shows_dateline_lead_body_caption_and_credit(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<time datetime="2020-09-21T09:07:00+07:00">Thứ hai, 21/09/2020 09:07</time>' in html
    assert "<h1" in html and article.title in html
    assert "số dịch vụ công trực tuyến mức 4 đạt 40,81%" in html
    assert "<p>Bộ Xây dựng vừa ra quyết định ban hành danh mục.</p>" in html
    assert "<figcaption>" in html and "Từ nay đến cuối năm 2020" in html
    assert "Ảnh: Bộ Xây dựng" in html
    assert "<blockquote><p>Phải đạt chỉ tiêu đặt ra.</p></blockquote>" in html
    assert "— Cục Tin học hóa" in html
    assert "Minh Anh – Báo Xây dựng" in html
    document = article.body[3].value["document"]
    assert f'<a href="{document.url}" download>Quyết định ban hành danh mục</a>' in html
    assert "(PDF)" in html  # size only when Wagtail measured it (admin upload)
    assert 'rel="tag">dịch vụ công trực tuyến</a>' in html
    assert f'href="/tin-tuc/chuyen-muc/{article.category.slug}/"' in html


def test_body_image_is_a_rendition_with_size_and_alt(client, article):
    html = client.get(article.url).content.decode()
    figure = re.search(r'<figure class="article-figure">.*?</figure>', html, re.S).group(0)
    img = re.search(r"<img [^>]*>", figure).group(0)
    assert 'height="270"' in img and 'width="480"' in img and 'loading="lazy"' in img
    assert 'alt="Từ nay đến cuối năm 2020"' in img
    # width-800 and width-1200 never upscale the 640px original: one 640w candidate, not two.
    assert re.search(r'srcset="[^"]+\.jpg 480w, [^"]+\.jpg 640w"', img)


def test_share_links_are_plain_links_and_print_button_is_present(client, article):
    html = client.get(article.url).content.decode()
    full_url = article.get_full_url()
    assert f"https://www.facebook.com/sharer/sharer.php?u={quote(full_url, safe='')}" in html
    assert f"https://sp.zalo.me/share?url={quote(full_url, safe='')}" in html
    assert "https://twitter.com/intent/tweet?url=" in html
    assert "mailto:?subject=" in html
    assert f'data-copy-link="{full_url}"' in html
    # Shown from the first paint, not unhidden by the script later (a layout shift); site.css
    # hides it where scripts do not run (base.html's inline script marks <html class="js">).
    assert '<button type="button" class="print-button" data-print>In bài viết</button>' in html
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html
    # No third-party script: the only scripts are our own static files.
    for line in html.splitlines():
        if "<script" in line and "src=" in line:
            assert 'src="/static/' in line, line


def test_related_articles_chosen_by_editor_come_first_in_their_order(client, news_index, article):
    first = NewsArticlePageFactory(parent=news_index, title="Bài được chọn thứ nhất")
    second = NewsArticlePageFactory(parent=news_index, title="Bài được chọn thứ hai")
    NewsArticlePageFactory(
        parent=news_index, title="Bài cùng chuyên mục", category=article.category
    )
    page = NewsArticlePageFactory(
        parent=news_index, title="Bài có tin liên quan", related=[second, first],
        category=article.category,
    )
    related = page.related_articles()
    assert [a.title for a in related] == ["Bài được chọn thứ hai", "Bài được chọn thứ nhất"]
    html = client.get(page.url).content.decode()
    assert html.index("Bài được chọn thứ hai") < html.index("Bài được chọn thứ nhất")
    assert "Bài cùng chuyên mục" not in html


def test_related_articles_computed_by_shared_tags_then_category(
    news_index, article, other_category
):
    two_tags = NewsArticlePageFactory(
        parent=news_index, title="Hai thẻ chung", category=other_category,
        tags=["dịch vụ công trực tuyến", "Chính phủ điện tử"],
    )
    one_tag = NewsArticlePageFactory(
        parent=news_index, title="Một thẻ chung", category=other_category,
        tags=["Chính phủ điện tử"],
    )
    same_category = NewsArticlePageFactory(
        parent=news_index, title="Cùng chuyên mục", category=article.category
    )
    NewsArticlePageFactory(parent=news_index, title="Không liên quan", category=other_category)
    draft = NewsArticlePageFactory(
        parent=news_index, title="Bản nháp", live=False, tags=["Chính phủ điện tử"]
    )
    private = NewsArticlePageFactory(
        parent=news_index, title="Riêng tư", tags=["Chính phủ điện tử"]
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    related = article.related_articles()
    assert related == [two_tags, one_tag, same_category]
    assert draft not in related


def test_dateline_defaults_to_first_publication(news_index, category):
    page = NewsArticlePage(
        title="Bản tin chưa có ngày", lead="Sapo.", category=category, live=False
    )
    news_index.add_child(instance=page)
    assert page.published_at is None
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.published_at is not None
    assert page.published_at == page.first_published_at
    # The editor's next draft (saved before publication) still shows the dateline.
    editing = page.get_latest_revision_as_object()
    assert editing.published_at == page.published_at


def test_editor_dateline_is_kept_on_publish(news_index, category):
    page = NewsArticlePage(
        title="Bản tin có ngày", lead="Sapo.", category=category, live=False, published_at=DATELINE
    )
    news_index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.published_at == DATELINE


@pytest.mark.parametrize("slug", ["rss", "chuyen-muc", "2020"])
def test_slugs_taken_by_the_index_routes_are_refused(news_index, category, slug):
    page = NewsArticlePage(title="Tin", slug=slug, lead="Sapo.", category=category)
    with pytest.raises(ValidationError) as excinfo:
        news_index.add_child(instance=page)
    assert "slug" in excinfo.value.message_dict


def test_slug_made_in_code_is_folded(news_index, category):
    page = news_index.add_child(
        instance=NewsArticlePage(title="Đường đô thị Đà Nẵng được đầu tư", lead="Sapo.",
                                 category=category)
    )
    assert page.slug == "duong-do-thi-da-nang-duoc-dau-tu"
    assert page.slug == text.slugify(page.title)


def test_unpublished_article_is_not_served(client, news_index):
    page = NewsArticlePageFactory(parent=news_index, title="Chưa đăng", live=False)
    assert client.get("/tin-tuc/" + page.slug + "/").status_code == 404
