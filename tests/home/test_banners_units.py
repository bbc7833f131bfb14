"""Sidebar banners, unit/enterprise menus and the footer contact: on every page, cached."""

from __future__ import annotations

import pytest

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory

from wagtail.blocks import StreamValue
from wagtail.models import Site

from home.blocks import BannerBlock, BannerStreamBlock
from home.chrome import chrome
from home.factories import UnitSiteFactory
from home.models import SiteSettings, UnitSite
from news.factories import ImageFactory, NewsArticlePageFactory, NewsIndexPageFactory

from .helpers import visible_text


def stream(*banners: dict) -> list[tuple[str, dict]]:
    return [("banner", {"link_text": "Xem chi tiết", **banner}) for banner in banners]


@pytest.fixture
def site(home_page) -> Site:
    return Site.objects.get(root_page=home_page)


@pytest.fixture
def portal(site, policy_index, units_page):
    settings = SiteSettings.objects.create(
        site=site,
        ministry_name="Bộ Xây dựng",
        address="37 Lê Đại Hành, Hà Nội",
        phone="024 3821 5137",
        email="lienhe@example.gov.vn",
        footer_text="<p>Cơ quan chủ quản: Bộ Xây dựng.</p>",
        sidebar_banners=stream(
            {"icon": "dich-vu-cong", "title": "Cổng dịch vụ công Quốc gia",
             "subtitle": "Những thông tin thủ tục hành chính khai báo online tại đây",
             "url": "https://dichvucong.gov.vn"},
            {"icon": "phap-luat", "title": "Chính sách pháp luật Việt Nam",
             "subtitle": "Cập nhật thông tin, chính sách pháp luật Việt Nam",
             "page": policy_index},
            {"icon": "don-vi", "title": "Đơn vị trực thuộc", "page": units_page},
        ),
    )
    UnitSiteFactory(name="Viện Vật liệu xây dựng", url="https://vibm.vn", order=2)
    UnitSiteFactory(name="Báo Xây dựng", url="https://baoxaydung.com.vn", order=1)
    UnitSiteFactory(name="Tổng công ty Viglacera", url="https://viglacera.com.vn",
                    kind="enterprise")
    UnitSiteFactory(name="Đơn vị đã giải thể", url="https://cu.example.vn", visible=False)
    return settings


@pytest.fixture
def article(home_page):
    index = NewsIndexPageFactory(parent=home_page)
    return NewsArticlePageFactory(parent=index, title="Bộ Xây dựng công bố danh mục dịch vụ")


def test_banners_and_unit_menus_are_on_a_news_article(client, portal, article, policy_index):
    html = client.get(article.url).content.decode()
    assert '<aside class="sidebar"' in html
    assert ('<a class="banner__link" href="https://dichvucong.gov.vn" rel="noopener external">'
            "Xem chi tiết") in html
    assert f'<a class="banner__link" href="{policy_index.url}">Xem chi tiết' in html
    shown = visible_text(html)
    assert "Cổng dịch vụ công Quốc gia Những thông tin thủ tục hành chính khai báo online" in shown
    assert "Chính sách pháp luật Việt Nam" in shown
    assert "Cổng thông tin điện tử của các đơn vị thuộc Bộ Báo Xây dựng Viện Vật liệu" in shown
    assert "Doanh nghiệp Tổng công ty Viglacera" in shown
    assert '<a href="https://vibm.vn" rel="noopener external">Viện Vật liệu xây dựng</a>' in html
    assert "Đơn vị đã giải thể" not in html
    assert 'class="icon icon--dich-vu-cong"' in html


def test_footer_contact_comes_from_site_settings(client, portal, article):
    html = client.get(article.url).content.decode()
    assert "Địa chỉ: 37 Lê Đại Hành, Hà Nội" in html
    assert '<a href="tel:02438215137">024 3821 5137</a>' in html
    assert '<a href="mailto:lienhe@example.gov.vn">' in html
    assert "Cơ quan chủ quản: Bộ Xây dựng." in html
    portal.ministry_name = "Bộ Xây dựng (thử)"
    portal.address = "Địa chỉ mới"
    portal.save()
    html = client.get(article.url).content.decode()
    assert "Địa chỉ: Địa chỉ mới" in html and "Bộ Xây dựng (thử)" in html


def test_sidebar_costs_nothing_when_warm(
    rf: RequestFactory, portal, site, django_assert_num_queries
):
    template = Template(
        "{% include 'includes/sidebar.html' %}{% include 'includes/footer_contact.html' %}"
    )
    request = rf.get("/")
    request._wagtail_site = site
    # Cold: the settings, the pages banners link to (one query) and the unit sites. (Wagtail's
    # site root paths, a fourth until 2026-12-04, are cached already: publishing the fixture's
    # pages computed them to purge their URLs from the page cache.)
    with django_assert_num_queries(3):
        cold = template.render(Context({"request": request}))
    request = rf.get("/")
    request._wagtail_site = site
    with django_assert_num_queries(0):
        warm = template.render(Context({"request": request}))
    assert cold == warm
    assert "Viện Vật liệu xây dựng" in warm


def test_sidebar_cost_does_not_grow_with_banners_and_units(
    rf: RequestFactory, portal, site, policy_index, django_assert_num_queries
):
    portal.sidebar_banners = stream(
        *[{"title": f"Banner {n}", "page": policy_index} for n in range(8)]
    )
    portal.save()
    UnitSiteFactory.create_batch(10)
    with django_assert_num_queries(3):  # 4 until 2026-12-04: site root paths now warm
        data = chrome(site)
    assert len(data["banners"]) == 8
    assert len(data["unit_groups"][0]["sites"]) == 12



@pytest.mark.parametrize("count", [2, 8])
def test_sidebar_cost_does_not_grow_with_banner_images(
    portal, site, count, django_assert_num_queries
):
    portal.sidebar_banners = stream(
        *[{"title": f"Banner {n}", "url": f"https://{n}.example.vn", "image": ImageFactory()}
          for n in range(count)]
    )
    portal.save()
    chrome(site)  # the first view makes the renditions
    cache.clear()  # Wagtail's rendition cache too
    # Cold: the settings, the banners' images (one query), their renditions (one), unit sites.
    with django_assert_num_queries(4):
        data = chrome(site)
    assert len(data["banners"]) == count
    assert all(b["image"].startswith("<picture><source") for b in data["banners"])

def test_sidebar_follows_changes_at_once(client, portal, article, policy_index, units_page):
    client.get(article.url)  # cache it
    UnitSite.objects.create(name="Tạp chí Xây dựng", url="https://tapchixaydung.vn")
    assert "Tạp chí Xây dựng" in client.get(article.url).content.decode()
    policy_index.unpublish()
    assert f'href="{policy_index.url}"' not in client.get(article.url).content.decode()
    units_page.slug = "don-vi-thuoc-bo"
    units_page.save_revision().publish()
    assert 'href="/don-vi-thuoc-bo/"' in client.get(article.url).content.decode()
    portal.sidebar_banners = stream({"title": "Banner mới", "url": "https://example.vn"})
    portal.save()
    html = client.get(article.url).content.decode()
    assert "Banner mới" in html and "khai báo online tại đây" not in html


def test_publishing_an_unrelated_page_keeps_the_cache(portal, site, article, policy_index):
    from home import chrome as page_chrome

    chrome(site)
    version = page_chrome.version()
    article.title = "Tiêu đề mới"
    article.save_revision().publish()
    assert page_chrome.version() == version  # the article is not linked from a banner
    policy_index.save_revision().publish()
    assert page_chrome.version() == version + 1  # the policy index is


@pytest.mark.parametrize(
    ("value", "field", "message"),
    [
        ({"title": "A", "url": "https://a.vn", "page": "PAGE"}, "url", "Chỉ chọn một liên kết"),
        ({"title": "A"}, "page", "Cần một liên kết"),
        ({"title": "A", "url": "https://a.vn", "icon": "phap-luat", "image": "IMAGE"}, "image",
         "Chỉ dùng biểu tượng hoặc ảnh"),
        ({"title": "", "url": "https://a.vn"}, "title", "Trường này là bắt buộc."),
    ],
)
def test_banner_block_validation(home_page, value, field, message):
    from news.factories import ImageFactory

    block = BannerBlock()
    raw = {"icon": "", "image": None, "subtitle": "", "page": None, "url": "",
           "link_text": "Xem chi tiết", **value}
    if raw["page"] == "PAGE":
        raw["page"] = home_page.pk
    if raw["image"] == "IMAGE":
        raw["image"] = ImageFactory().pk
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python(raw))
    assert message in str(error.value.block_errors[field])


def test_banner_block_defaults_and_valid_values(home_page):
    block = BannerBlock()
    # No default text stored: an empty one reads "Xem chi tiết" (or "Learn more") when shown.
    assert not block.get_default()["link_text"]
    value = block.to_python({"title": "Trang chủ", "page": home_page.pk, "link_text": "Xem"})
    assert block.clean(value)["page"].pk == home_page.pk
    assert BannerStreamBlock().child_blocks["banner"].meta.template == "home/blocks/banner.html"


def test_banner_block_renders_itself(home_page, rf):
    block = BannerBlock()
    value = block.to_python({"title": "Cổng dịch vụ công", "url": "https://dichvucong.gov.vn",
                             "icon": "dich-vu-cong", "link_text": "Xem chi tiết"})
    html = block.render(value, context={"request": rf.get("/")})
    assert 'href="https://dichvucong.gov.vn" rel="noopener external">Xem chi tiết' in html


def test_unit_sites_page_groups_by_kind(client, portal, units_page):
    html = client.get(units_page.url).content.decode()
    shown = visible_text(html)
    assert "Đơn vị thuộc Bộ Báo Xây dựng https://baoxaydung.com.vn Viện Vật liệu" in shown
    assert "Doanh nghiệp Tổng công ty Viglacera" in shown
    assert '<h2 id="group-enterprise">Doanh nghiệp</h2>' in html
    assert html.count('rel="noopener external"') >= 3
    assert "Đơn vị đã giải thể" not in html


def test_home_page_banner_stream_renders(client, home_page, portal, policy_index):
    home_page.banners = StreamValue(
        home_page.banners.stream_block,
        stream({"title": "Văn bản mới", "page": policy_index, "icon": "phap-luat"}),
    )
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Văn bản mới" in html
    assert f'<a class="banner__link" href="{policy_index.url}">Xem chi tiết' in html
