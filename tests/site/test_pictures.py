"""Pictures as the pages render them: responsive renditions (AVIF and WebP sources, a JPEG or
PNG fallback, widths in ``srcset``), explicit width and height, lazy below the fold and the one
picture above it eager with a high fetch priority."""

from __future__ import annotations

import re

import pytest

from django.template import Context, Template

from wagtail.rich_text import RichText

from home.models import HomeFeaturedArticle
from news.factories import ImageFactory, NewsArticlePageFactory, NewsIndexPageFactory, image_block

pytestmark = pytest.mark.django_db

HERO_WIDTHS = [480, 800, 1200]
CARD_WIDTHS = [416, 832]


def _attrs(tag: str) -> dict[str, str]:
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


def _widths(srcset: str) -> list[int]:
    return [int(width) for width in re.findall(r" (\d+)w(?:,|$)", srcset)]


def pictures(html: str) -> list[dict]:
    """Every ``<picture>``: its sources by type, its ``<img>``'s attributes."""
    found = []
    for markup in re.findall(r"<picture>.*?</picture>", html, re.S):
        sources = {}
        for tag in re.findall(r"<source [^>]*>", markup):
            attrs = _attrs(tag)
            sources[attrs["type"]] = attrs
        found.append({"sources": sources, "img": _attrs(re.search(r"<img [^>]*>", markup)[0])})
    return found


def assert_responsive(picture: dict, widths: list[int], fallback: str = ".jpg") -> None:
    assert list(picture["sources"]) == ["image/avif", "image/webp"]
    for mime, source in picture["sources"].items():
        assert _widths(source["srcset"]) == widths, mime
        assert source["sizes"] == picture["img"]["sizes"]
    img = picture["img"]
    assert img["src"].endswith(fallback) and _widths(img["srcset"]) == widths
    assert int(img["width"]) == widths[0] and int(img["height"]) > 0
    assert img["decoding"] == "async"


def assert_lazy(picture: dict) -> None:
    assert picture["img"]["loading"] == "lazy" and "fetchpriority" not in picture["img"]


def photo(**kwargs):
    return ImageFactory(file__width=1600, file__height=900, **kwargs)


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


def test_article_main_image_is_eager_the_rest_lazy(client, news_index):
    related = [NewsArticlePageFactory(parent=news_index, main_image=photo()) for _ in range(2)]
    article = NewsArticlePageFactory(
        parent=news_index,
        main_image=photo(description="Toàn cảnh công trường"),
        main_image_caption="Công trường cầu Thủ Thiêm 2",
        body=[("paragraph", RichText("<p>Đoạn mở đầu.</p>")),
              image_block(photo(), caption="Lễ khởi công", credit="Ảnh: Bộ Xây dựng")],
        related=related,
    )
    html = client.get(article.url).content.decode()
    main, body, *cards = pictures(html)
    assert html.index('class="article-figure article-figure--main"') < html.index("<picture>")
    assert_responsive(main, HERO_WIDTHS)
    assert main["img"]["loading"] == "eager" and main["img"]["fetchpriority"] == "high"
    assert main["img"]["alt"] == "Công trường cầu Thủ Thiêm 2"  # the caption, as before
    assert (main["img"]["width"], main["img"]["height"]) == ("480", "270")
    assert_responsive(body, HERO_WIDTHS)
    assert_lazy(body)
    assert body["img"]["alt"] == "Lễ khởi công"
    assert len(cards) == 2
    for card in cards:  # related articles: decorative thumbnails beside the linked title
        assert_responsive(card, CARD_WIDTHS)
        assert_lazy(card)
        assert card["img"]["alt"] == ""
        assert (card["img"]["width"], card["img"]["height"]) == ("416", "234")
    assert html.count('fetchpriority="high"') == 1


def test_main_image_falls_back_to_its_description_for_alt(client, news_index):
    article = NewsArticlePageFactory(parent=news_index,
                                     main_image=photo(description="Cầu Nhật Tân"))
    (main,) = pictures(client.get(article.url).content.decode())
    assert main["img"]["alt"] == "Cầu Nhật Tân"


def test_listing_cards_are_lazy_16_by_9_renditions(client, news_index):
    for _ in range(3):
        NewsArticlePageFactory(parent=news_index, main_image=photo())
    NewsArticlePageFactory(parent=news_index, main_image=None)
    html = client.get(news_index.url).content.decode()
    cards = pictures(html)
    assert len(cards) == 3 and html.count('class="news-card"') == 4
    for card in cards:
        assert_responsive(card, CARD_WIDTHS)
        assert_lazy(card)
        assert card["img"]["alt"] == ""
        assert card["img"]["sizes"] == "(min-width: 36rem) 13rem, 100vw"
    # The thumbnail's link repeats the title's: hidden from assistive technology and Tab.
    assert html.count('tabindex="-1" aria-hidden="true"><picture>') == 3


def test_home_lead_story_is_the_eager_picture_other_cards_lazy(client, home_page, news_index):
    articles = [NewsArticlePageFactory(parent=news_index, main_image=photo()) for _ in range(4)]
    for article in articles[:2]:
        home_page.featured_articles.add(HomeFeaturedArticle(page=article))
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    lead, *cards = pictures(html)
    assert html.index('id="home-featured-title"') < html.index("<picture>")
    assert_responsive(lead, HERO_WIDTHS)  # it spans the main column
    assert lead["img"]["loading"] == "eager" and lead["img"]["fetchpriority"] == "high"
    assert lead["img"]["alt"] == ""
    assert len(cards) == 3  # the other featured one, then the two latest not featured
    for card in cards:
        assert_responsive(card, CARD_WIDTHS)
        assert_lazy(card)
    assert html.count('fetchpriority="high"') == 1


def test_home_banner_image_is_a_small_picture_with_png_fallback(client, home_page):
    icon = ImageFactory(file__width=200, file__height=200)
    home_page.banners = [("banner", {"title": "Cổng dịch vụ công Quốc gia", "image": icon,
                                     "url": "https://dichvucong.gov.vn",
                                     "link_text": "Xem chi tiết"})]
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    (banner,) = pictures(html)
    assert_responsive(banner, [48, 96], fallback=".png")
    assert_lazy(banner)
    # Shown 3rem tall (site.css): the 48px rendition at 1x, the 96px one for dense screens.
    assert banner["img"]["sizes"] == "48px" and banner["img"]["height"] == "48"
    assert banner["img"]["alt"] == ""
    assert '<span class="banner__icon" aria-hidden="true"><picture>' in html


def _render(source: str, **context) -> str:
    return Template("{% load responsive %}" + source).render(Context(context))


def test_small_original_gives_each_width_once_and_no_sizes_without_srcset():
    small = ImageFactory(file__width=400, file__height=300)
    html = _render('{% responsive_image image "hero" %}', image=small)
    (picture,) = pictures(html)
    img = picture["img"]
    assert "srcset" not in img and "sizes" not in img  # one 400px rendition per format
    assert (img["width"], img["height"]) == ("400", "300")
    assert all(" " not in source["srcset"] for source in picture["sources"].values())
    assert "sizes" not in html
