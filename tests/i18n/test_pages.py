"""The English version: Vietnamese URLs as they were, English under /en/, <html lang>, the
language switcher and the hreflang links."""

from __future__ import annotations

import re

from home.factories import UnitSiteFactory, UnitSitesPageFactory

from .conftest import translate


def lang_of(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def switcher(html: str) -> list[tuple[str, str]]:
    return re.findall(r'class="language-switcher__link" href="([^"]+)" hreflang="([^"]+)"', html)


def hreflangs(html: str) -> dict[str, str]:
    found = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    return dict(found)


def test_vietnamese_urls_stay_and_english_pages_live_under_en(client, en_organisation):
    vi = client.get("/gioi-thieu/")
    en = client.get("/en/about/")
    assert (vi.status_code, en.status_code) == (200, 200)
    assert lang_of(vi.content.decode()) == "vi" and lang_of(en.content.decode()) == "en"
    assert lang_of(client.get("/").content.decode()) == "vi"
    assert lang_of(client.get("/en/").content.decode()) == "en"
    # No Vietnamese page is reachable under /en/ nor is the English one without the prefix.
    assert client.get("/en/gioi-thieu/").status_code == 404
    assert client.get("/about/").status_code == 404


def test_english_page_speaks_english(client, en_organisation):
    UnitSiteFactory(name="Vụ Pháp chế", name_en="Department of Legal Affairs", category="vu",
                    url=None, phone="024 3821 5137")
    UnitSiteFactory(name="Báo Xây dựng", url="https://baoxaydung.com.vn", category="bao-tap-chi")
    html = client.get("/en/about/").content.decode()
    assert "<h2 id=\"chuc-nang-h\">Functions and tasks</h2>" in html
    assert "Department of Legal Affairs" in html and "Vụ Pháp chế" not in html
    assert "Báo Xây dựng" in html  # no English name given: the Vietnamese one
    assert '<span class="org-unit__category">Department</span>' in html
    assert '<p class="org-chart__root">Ministry of Construction</p>' in html
    assert "<title>About the Ministry – Ministry of Construction</title>" in html
    assert 'content="en_GB"' in html
    assert 'action="/en/search/"' in html
    assert '<a class="main-nav__link" href="/en/">Home</a>' in html


def test_switcher_goes_to_the_translation_else_to_the_other_home(client, en_organisation):
    UnitSitesPageFactory(parent=en_organisation.get_parent().get_translation(
        en_organisation.get_parent().locale.__class__.objects.get(language_code="vi")))
    vi_html = client.get("/gioi-thieu/").content.decode()
    assert switcher(vi_html) == [("http://testserver/en/about/", "en")]
    en_html = client.get("/en/about/").content.decode()
    assert switcher(en_html) == [("http://testserver/gioi-thieu/", "vi")]
    # Not translated: the English home.
    assert switcher(client.get("/don-vi-truc-thuoc/").content.decode()) == [
        ("/en/", "en")
    ]


def test_no_switcher_to_a_language_without_a_home(client, organisation):
    assert switcher(client.get("/gioi-thieu/").content.decode()) == []


def test_hreflang_on_translated_pages_only(client, en_organisation, home_page):
    expected = {
        "vi": "http://testserver/gioi-thieu/",
        "en": "http://testserver/en/about/",
        "x-default": "http://testserver/gioi-thieu/",
    }
    assert hreflangs(client.get("/gioi-thieu/").content.decode()) == expected
    assert hreflangs(client.get("/en/about/").content.decode()) == expected
    UnitSitesPageFactory(parent=home_page)
    assert hreflangs(client.get("/don-vi-truc-thuoc/").content.decode()) == {}


def test_a_draft_translation_is_not_linked(client, en_home, organisation):
    from wagtail.models import Locale

    draft = organisation.copy_for_translation(Locale.objects.get(language_code="en"))
    assert not draft.live
    html = client.get("/gioi-thieu/").content.decode()
    assert hreflangs(html) == {} and switcher(html) == [("/en/", "en")]


def test_english_leaders_page(client, en_organisation, leaders_page):
    from home.factories import LeaderFactory

    LeaderFactory(name="Lãnh đạo A (dữ liệu mẫu)", title="Bộ trưởng", title_en="Minister", rank=1)
    translate(leaders_page, "Leadership", "leadership")
    html = client.get("/en/about/leadership/").content.decode()
    assert lang_of(html) == "en" and "Minister" in html and "Bộ trưởng" not in html


def test_publishing_a_translation_purges_the_cached_original(client, en_home, organisation):
    first = client.get("/gioi-thieu/").content.decode()
    assert switcher(first) == [("/en/", "en")] and hreflangs(first) == {}
    translate(organisation, "About the Ministry", "about")
    again = client.get("/gioi-thieu/").content.decode()
    assert switcher(again) == [("http://testserver/en/about/", "en")]
    assert hreflangs(again)["en"] == "http://testserver/en/about/"
