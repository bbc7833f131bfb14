"""load_demo's news half (seed article, idempotent) and Wagtail's page-type checks."""

from __future__ import annotations

import io

import pytest

from django.core.management import call_command

from wagtail.models import Page, Revision
from wagtail.test.utils import WagtailPageTestCase

from home.demo import ensure_home
from home.models import HomePage
from news.factories import NewsArticlePageFactory, NewsCategoryFactory, NewsIndexPageFactory
from news.models import NewsArticlePage, NewsCategory, NewsIndexPage

SEED_SLUG = "bo-xay-dung-se-cung-cap-20-dich-vu-cong-truc-tuyen-muc-4-trong-nam-2020"


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing_and_publishes_the_seed(client):
    call_command("load_demo", stdout=io.StringIO())
    counts = (Page.objects.count(), Revision.objects.count(), NewsCategory.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Page.objects.count(), Revision.objects.count(), NewsCategory.objects.count()) == counts

    index = NewsIndexPage.objects.get(locale__language_code="vi")
    assert index.url == "/tin-tuc/" and index.live
    articles = NewsArticlePage.objects.live().child_of(index)
    assert articles.count() >= 9
    assert articles.values("category").distinct().count() == 4
    assert {c.slug for c in NewsCategory.objects.all()} >= {
        "cai-cach-hanh-chinh", "hoat-dong-cua-bo", "quy-hoach-kien-truc",
        "nha-o-thi-truong-bat-dong-san",
    }

    response = client.get(f"/tin-tuc/{SEED_SLUG}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<time datetime="2020-09-21T09:07:00+07:00">Thứ hai, 21/09/2020 09:07</time>' in html
    assert "đạt 40,81% số thủ tục hành chính" in html  # the lead
    assert "4-,81%" not in html and "đạt 40,81% tổng số thủ tục hành chính" in html
    assert "gấp đôi so với" in html and "gấp đô " not in html
    assert "Bộ Xây dựng vừa ra quyết định ban hành danh mục dịch vụ công" in html
    assert "<figcaption>" in html and "cung cấp thêm 14 dịch vụ công trực tuyến" in html
    assert 'href="/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/"' in html
    seed = articles.get(slug=SEED_SLUG)
    assert seed.revisions.count() == 1
    assert seed.main_image.file.name.endswith(".jpg") and seed.main_image.width == 1200

    listing = client.get("/tin-tuc/").content.decode()
    assert listing.index("Bộ Xây dựng triển khai nhiệm vụ năm 2021") < listing.index(
        "Bộ Xây dựng sẽ cung cấp 20 dịch vụ công"
    )
    assert client.get("/tin-tuc/2020/09/").status_code == 200


class NewsPageTypesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.home = ensure_home()
        cls.index = NewsIndexPageFactory(parent=cls.home)
        cls.category = NewsCategoryFactory(name="Hoạt động của Bộ")
        cls.article = NewsArticlePageFactory(parent=cls.index, category=cls.category)

    def test_tree_rules(self) -> None:
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanCreateAt(NewsIndexPage, NewsArticlePage)
        self.assertCanNotCreateAt(HomePage, NewsArticlePage)
        self.assertCanNotCreateAt(NewsArticlePage, NewsArticlePage)
        self.assertAllowedParentPageTypes(NewsArticlePage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsArticlePage})

    def test_routes_are_routable_and_renderable(self) -> None:
        routes = ("", "chuyen-muc/hoat-dong-cua-bo/", "rss/", "chuyen-muc/hoat-dong-cua-bo/rss/")
        for route in routes:
            self.assertPageIsRoutable(self.index, route)
            self.assertPageIsRenderable(self.index, route)
        self.assertPageIsRoutable(self.article)
        self.assertPageIsRenderable(self.article)
