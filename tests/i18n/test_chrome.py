"""The chrome of English pages speaks English: skip link, header, search box, menu, home
headings, statistics, sidebar, footer; Vietnamese pages keep their Vietnamese. The English
catalogues (<app>/locale/en of home, news, search) are committed compiled, and each .mo matches
its .po."""

from __future__ import annotations

import gettext
from pathlib import Path

import polib
import pytest

from django.conf import settings

from home.factories import UnitSiteFactory

pytestmark = pytest.mark.django_db

CATALOGUES = [
    Path(settings.BASE_DIR) / app / "locale" / "en" / "LC_MESSAGES" / "django.po"
    for app in ("home", "news", "search")
]

ENGLISH = [
    '<a class="skip-link" href="#main">Skip to main content</a>',
    "Online portal of the Ministry of Construction",
    '<span class="brand__country">Socialist Republic of Viet Nam</span>',
    'aria-label="Text size"',
    '<label class="visually-hidden" for="site-search">Search the portal</label>',
    'placeholder="Search news, procedures, documents…"',
    'type="submit">Search</button>',
    '<h2 id="home-latest-title">Latest news</h2>',
    "<p>No news yet.</p>",
    ">Online public services<",
    "administrative procedures published.",
    "Websites of the Ministry's units",
    ">Department of Legal Affairs</a>",
    'aria-label="Links and units of the Ministry"',
    "Contact the Ministry of Construction",
    "Please cite “Ministry of Construction” as the source when republishing",
    ">Back to top</a>",
]
VIETNAMESE = [
    "Chuyển đến nội dung chính", "Cộng hòa xã hội chủ nghĩa Việt Nam", "Tìm tin tức, thủ tục",
    "Tin mới nhất", "Chưa có tin nào.", "Dịch vụ công trực tuyến", "Lên đầu trang",
    "Cổng thông tin điện tử của các đơn vị thuộc Bộ", "Vụ Pháp chế", "Ghi rõ nguồn",
]


@pytest.fixture
def site_settings(home_page):
    from wagtail.models import Site

    from home.models import SiteSettings

    found = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    found.ministry_name, found.ministry_name_en = "Bộ Xây dựng", "Ministry of Construction"
    found.save()
    return found


def test_english_home_chrome_is_english(client, en_home, site_settings):
    UnitSiteFactory(name="Vụ Pháp chế", name_en="Department of Legal Affairs", category="vu",
                    url="https://phapche.example.vn/")
    english = client.get("/en/").content.decode()
    missing = [snippet for snippet in ENGLISH if snippet not in english]
    assert not missing, missing
    left = [snippet for snippet in VIETNAMESE if snippet in english]
    assert not left, left

    vietnamese = client.get("/").content.decode()
    assert all(snippet in vietnamese for snippet in VIETNAMESE)
    assert "Skip to main content" not in vietnamese and "Latest news" not in vietnamese


def test_english_statistics_use_english_words_and_numbers(
    client, home_page, en_home, site_settings
):
    from home.factories import ProcedureIndexPageFactory, ProcedurePageFactory

    index = ProcedureIndexPageFactory(parent=home_page)
    for n in range(3):
        ProcedurePageFactory(parent=index, code=f"1.00997{n}", level=4 if n else 3)
    english = client.get("/en/").content.decode()
    assert "full online services, <strong class=\"stat__share\">66.67%" in english
    assert "partly online services, <strong" in english
    vietnamese = client.get("/").content.decode()
    assert "dịch vụ toàn trình, <strong class=\"stat__share\">66,67%" in vietnamese


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parts[-5])
def test_the_committed_mo_matches_the_po(tmp_path: Path, catalogue: Path):
    fresh = tmp_path / "fresh.mo"
    polib.pofile(str(catalogue)).save_as_mofile(str(fresh))
    with fresh.open("rb") as expected, catalogue.with_suffix(".mo").open("rb") as actual:
        wanted = dict(gettext.GNUTranslations(expected)._catalog)
        found = dict(gettext.GNUTranslations(actual)._catalog)
    wanted.pop("", None)
    found.pop("", None)
    assert found == wanted


def test_english_home_features_translations_of_the_chosen_articles(client, home_page, en_home):
    """The English home is a copy of the Vietnamese one, with its featured choices: each shows
    as its English translation; a Vietnamese article never appears on it."""
    from home.models.pages import HomeFeaturedArticle
    from news.factories import NewsArticlePageFactory, NewsIndexPageFactory

    from .conftest import translate

    news = NewsIndexPageFactory(parent=home_page)
    translate(news, "News", "news")
    translated = NewsArticlePageFactory(parent=news, title="Bài đã dịch")
    untranslated = NewsArticlePageFactory(parent=news, title="Bài chưa dịch")
    for order, article in enumerate((translated, untranslated)):
        HomeFeaturedArticle.objects.create(home=en_home, sort_order=order, page=article)
    translate(translated, "Translated story", "translated-story", lead="The lead.")
    english = client.get("/en/").content.decode()
    featured = english.split('id="home-featured-title"')[1].split("</section>")[0]
    assert "Translated story" in featured
    assert "Bài đã dịch" not in english and "Bài chưa dịch" not in english


def test_english_breadcrumbs_start_at_home(client, en_organisation):
    english = client.get("/en/about/").content.decode()
    trail = english.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert '<a href="/en/">Home</a>' in trail and "Trang chủ" not in trail
    vietnamese = client.get("/gioi-thieu/").content.decode()
    assert '<a href="/">Trang chủ</a>' in vietnamese.split('class="breadcrumbs"')[1]
