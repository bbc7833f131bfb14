"""Each page model says what it is (cms.pages): search, the sitemap and the SEO tags read it."""

from __future__ import annotations

from wagtail.models import get_page_models

from cms.models import BasePage
from cms.pages import OTHER_PAGES, PageKind, ResultType, result_type_models, sitemap_sections
from home.models import (
    DisclosureIndexPage,
    DisclosurePage,
    HomePage,
    PolicyIndexPage,
    PolicyPage,
    ProcedureIndexPage,
    ProcedurePage,
    QuestionPage,
    StandardPage,
    UnitSitesPage,
)
from news.models import NewsArticlePage, NewsIndexPage


def test_every_page_type_of_the_portal_declares_its_kind() -> None:
    ours = [model for model in get_page_models() if model._meta.app_label in ("home", "news")]
    assert ours and all(issubclass(model, BasePage) and issubclass(model, PageKind)
                        for model in ours)
    for model in ours:
        assert model.search_result_type in ResultType.values


def test_search_result_types_come_from_the_page_models() -> None:
    assert result_type_models() == {
        "article": [NewsArticlePage],
        "procedure": [ProcedurePage],
        "document": [PolicyPage],
        "disclosure": [DisclosurePage],
        "question": [QuestionPage],
    }
    for model in (HomePage, StandardPage, UnitSitesPage, NewsIndexPage, ProcedureIndexPage):
        assert model.search_result_type == ResultType.PAGE


def test_sitemap_sections_come_from_the_page_models_in_index_order() -> None:
    assert list(sitemap_sections()) == [
        "tin-tuc", "thu-tuc", "van-ban", "cong-khai", "hoi-dap", "du-thao",
    ]
    assert NewsIndexPage.sitemap_section == NewsArticlePage.sitemap_section
    assert ProcedureIndexPage.sitemap_section == ProcedurePage.sitemap_section
    assert PolicyIndexPage.sitemap_section == PolicyPage.sitemap_section
    assert DisclosureIndexPage.sitemap_section == DisclosurePage.sitemap_section
    for model in (HomePage, StandardPage, UnitSitesPage):
        assert model.sitemap_section == OTHER_PAGES


def test_a_plain_page_has_no_structured_data_and_its_own_description(db) -> None:
    page = StandardPage(title="Giới thiệu", search_description="Giới thiệu <b>Bộ</b> Xây dựng")
    assert page.get_json_ld(request=None) is None
    assert page.get_meta_image() is None
    assert page.get_meta_description() == "Giới thiệu Bộ Xây dựng"
    assert page.open_graph_type == "website"
