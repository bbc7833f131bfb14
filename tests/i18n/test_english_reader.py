"""An English reader meets English: the main menu lists the English tree's sections (also when
the page cache kept the Vietnamese menu), the sidebar shows the settings' English banners (none
if editors wrote none), the footer its English text; news pages, search, the "was this useful?"
form and its answer, and the 404 page speak English; ``load_demo`` gives /en/ an English menu,
banners and the seed article in English. Vietnamese letters left on an English page are only
names (the address, the language switcher's "Tiếng Việt")."""

from __future__ import annotations

import re
from html import unescape

import pytest

from django.core.management import call_command

from wagtail.models import Site
from wagtail.rich_text import RichText

from home.models import SiteSettings
from news.factories import NewsArticlePageFactory, NewsCategoryFactory, NewsIndexPageFactory

from .conftest import translate

pytestmark = pytest.mark.django_db


def menu(html: str) -> list[str]:
    """The main menu's item labels, in order."""
    found = re.search(r'<ul class="main-nav__list" id="main-menu">(.*?)</ul>', html, re.S)
    return [label.strip() for label in re.findall(r"<a [^>]*>([^<]+)</a>", found.group(1))]


def sidebar_banners(html: str) -> list[str]:
    """Titles of the banners of a page (the home page's own first, then the sidebar's)."""
    titles = re.findall(r"<h3 class=\"banner__title\">([^<]+)</h3>", html)
    return [unescape(title) for title in titles]


VIETNAMESE_LETTERS = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I
)
NAMES = {"Tiếng Việt", "37 Lê Đại Hành, Hai Bà Trưng, Hà Nội"}


def vietnamese_words(html: str) -> set[str]:
    """Runs of Vietnamese words in a page's text (scripts aside), but for the known names."""
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    found = set()
    for chunk in re.findall(r">([^<>]+)<", html):
        chunk = unescape(chunk).replace("Address: ", "").strip()
        if chunk in NAMES:
            continue
        words = [word for word in re.findall(r"[\w’']+", chunk) if VIETNAMESE_LETTERS.search(word)]
        if words:
            found.add(" ".join(words))
    return found


def banner(title: str, url: str, **more) -> tuple[str, dict]:
    return ("banner", {"icon": "lien-ket", "title": title, "url": url, **more})


@pytest.fixture
def site_settings(home_page) -> SiteSettings:
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.mark.parametrize("page_cache", [False, True])
def test_the_english_menu_lists_the_english_sections(client, settings, home_page, en_home,
                                                     page_cache):
    settings.PAGE_CACHE_ENABLED = page_cache
    news = NewsIndexPageFactory(parent=home_page, title="Tin tức", slug="tin-tuc",
                                show_in_menus=True)
    translate(news, "News", "news")

    # The Vietnamese page first: with the page cache on, its menu is what a shared fragment
    # would have kept for every language.
    assert menu(client.get("/").content.decode()) == ["Trang chủ", "Tin tức"]
    assert menu(client.get("/en/").content.decode()) == ["Home", "News"]
    assert menu(client.get("/en/news/").content.decode()) == ["Home", "News"]
    assert menu(client.get("/").content.decode()) == ["Trang chủ", "Tin tức"]


def test_english_pages_show_the_english_banners_and_footer(client, en_home, site_settings):
    site_settings.sidebar_banners = [banner("Cổng dịch vụ công Quốc gia", "https://dichvucong.gov.vn")]
    site_settings.sidebar_banners_en = [
        banner("National Public Service Portal", "https://dichvucong.gov.vn"),
        banner("Legal documents", "https://vbpl.vn", link_text="Search the database"),
    ]
    site_settings.footer_text = "<p>Cơ quan chủ quản: Bộ Xây dựng.</p>"
    site_settings.footer_text_en = "<p>Governing body: Ministry of Construction.</p>"
    site_settings.save()

    english = client.get("/en/").content.decode()
    assert sidebar_banners(english) == ["National Public Service Portal", "Legal documents"]
    assert ">Learn more<span" in english and ">Search the database<span" in english
    assert "Governing body: Ministry of Construction." in english
    assert "Cổng dịch vụ công" not in english and "Xem chi tiết" not in english
    assert "Cơ quan chủ quản" not in english

    vietnamese = client.get("/").content.decode()
    assert sidebar_banners(vietnamese) == ["Cổng dịch vụ công Quốc gia"]
    assert ">Xem chi tiết<span" in vietnamese and "Cơ quan chủ quản: Bộ Xây dựng." in vietnamese
    assert "National Public Service Portal" not in vietnamese and "Governing body" not in vietnamese


def test_without_english_banners_english_pages_show_none(client, en_home, site_settings):
    site_settings.sidebar_banners = [banner("Cổng dịch vụ công Quốc gia", "https://dichvucong.gov.vn")]
    site_settings.save()

    english = client.get("/en/").content.decode()
    assert sidebar_banners(english) == []
    assert 'id="sidebar-banners-title"' not in english
    assert sidebar_banners(client.get("/").content.decode()) == ["Cổng dịch vụ công Quốc gia"]


def test_the_english_banners_are_edited_in_the_settings_form(admin_client, site_settings):
    html = admin_client.get(f"/admin/settings/home/sitesettings/{site_settings.site_id}/")
    html = html.content.decode()
    assert "Banner cột bên (tiếng Anh)" in html and "Chân trang (tiếng Anh)" in html


def test_load_demo_gives_the_english_site_english_news_menu_and_banners(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115  (idempotent)

    home = client.get("/en/").content.decode()
    assert menu(home) == ["Home", "News", "About the Ministry", "Affiliated units"]
    assert sidebar_banners(home) == [
        "About the Ministry", "Leadership",
        "National Public Service Portal", "Viet Nam's legal documents", "Affiliated units",
    ]
    assert "Ministry of Construction to provide 20 full online public services in 2020" in home
    assert "No news yet." not in home and "Xem chi tiết" not in home

    news = client.get("/en/news/")
    assert news.status_code == 200
    category = client.get("/en/news/chuyen-muc/cai-cach-hanh-chinh/").content.decode()
    assert "<h1 id=\"news-title\">Administrative reform</h1>" in category
    assert "Reform of administrative procedures and online public services." in category
    assert vietnamese_words(category) == set()
    article = client.get(
        "/en/news/ministry-of-construction-to-provide-20-full-online-public-services-in-2020/"
    )
    assert article.status_code == 200
    html = article.content.decode()
    assert '<html lang="en"' in html and "40.81% of its administrative procedures" in html
    assert vietnamese_words(html) == {"Nguyễn Xuân Phúc"}  # the Prime Minister's name
    assert "Monday, 21 September 2020" in html
    assert ">Administrative reform</a>" in html and "Cải cách hành chính" not in html
    for english in ["Print article", "Share this article", "Copy link", "Tags"]:
        assert english in html, english
    # The Vietnamese original names its translation in the language switcher.
    seed = client.get(
        "/tin-tuc/bo-xay-dung-se-cung-cap-20-dich-vu-cong-truc-tuyen-muc-4-trong-nam-2020/"
    )
    assert seed.status_code == 200
    assert 'hreflang="en"' in seed.content.decode()


def test_english_search_vote_and_404_speak_english(client, home_page, en_home):
    news = NewsIndexPageFactory(parent=home_page, title="Tin tức", slug="tin-tuc")
    english_news = translate(news, "News", "news")
    category = NewsCategoryFactory(name="Nhà ở", name_en="Housing")
    article = NewsArticlePageFactory(parent=english_news, title="Housing policy in 2024",
                                     lead="The Ministry's housing policy.", category=category,
                                     body=[("paragraph", RichText("<p>Homes for all.</p>"))])

    found = client.get("/en/search/?q=housing").content.decode()
    assert "<h1>Search</h1>" in found and "results for “housing”" in found
    assert ">Keywords</label>" in found and "Housing policy in 2024" in found
    assert vietnamese_words(found) == set()
    missing = client.get("/en/search/?q=zzqqxx").content.decode()
    assert "No results for “zzqqxx”." in missing and vietnamese_words(missing) == set()
    assert "Enter keywords to search news" in client.get("/en/search/").content.decode()

    page = client.get(article.url).content.decode()
    assert "Was the information on this page useful?" in page
    assert ">Not the information I need<" in page and ">Housing</a>" in page
    assert vietnamese_words(page) == set()
    answer = client.post(f"/danh-gia-trang/{article.pk}/", {"useful": "yes", "reason": ""})
    assert answer.status_code == 200 and '<html lang="en"' in answer.content.decode()
    assert "Thank you for your rating." in answer.content.decode()
    assert vietnamese_words(answer.content.decode()) == set()
    again = client.post(f"/danh-gia-trang/{article.pk}/", {"useful": "yes", "reason": ""})
    assert "You have already rated this page." in again.content.decode()

    not_found = client.get("/en/no-such-page/")
    assert not_found.status_code == 404
    html = not_found.content.decode()
    assert "<h1>Page not found</h1>" in html and 'action="/en/search/"' in html
    assert vietnamese_words(html) == set()
    # The Vietnamese pages keep their Vietnamese.
    assert "<h1>Không tìm thấy trang</h1>" in client.get("/khong-co-trang-nay/").content.decode()
    # (and the Vietnamese search searches Vietnamese content)
    vietnamese = client.get("/search/?q=housing").content.decode()
    assert "Không tìm thấy kết quả nào cho “housing”" in vietnamese
