"""Import is a sync: a draft withdraws a live page; slugs taken under other legacy ids are
numbered for a whole batch in a fixed number of queries."""

from __future__ import annotations

import pytest

from wagtail.models import PageLogEntry

from cms.importer.sync import free_slugs

from .conftest import ARTICLE

pytestmark = pytest.mark.django_db


def test_a_draft_record_unpublishes_a_live_page(run_import, jsonl, client):
    from news.models import NewsArticlePage

    run_import(jsonl({**ARTICLE, "legacy_id": "a1"}))
    page = NewsArticlePage.objects.get()
    assert client.get(page.url).status_code == 200

    out, _ = run_import(jsonl({**ARTICLE, "legacy_id": "a1", "status": "draft",
                               "title": "Bài đã rút"}, name="withdrawn.jsonl"))
    assert "cập nhật 1" in out
    page.refresh_from_db()
    assert not page.live and page.live_revision is None and page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "Bài đã rút"
    assert client.get("/trang-chu/tin-tuc/" + page.slug + "/").status_code == 404
    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish").count() == 1

    # Published again when the legacy system publishes it again.
    run_import(jsonl({**ARTICLE, "legacy_id": "a1"}, name="again.jsonl"))
    page.refresh_from_db()
    assert page.live and page.title == ARTICLE["title"]


def test_a_draft_procedure_unpublishes_it(run_import, jsonl):
    from home.models import ProcedurePage

    procedure = {"type": "procedure", "code": "1.000001", "name": "Cấp giấy phép xây dựng",
                 "field": "Xây dựng", "level": 4}
    run_import(jsonl(procedure))
    assert ProcedurePage.objects.get().live
    run_import(jsonl({**procedure, "status": "draft"}, name="draft.jsonl"))
    assert not ProcedurePage.objects.get().live


def test_free_slugs_of_a_clashing_batch_cost_two_queries(
    home_page, django_assert_num_queries
):
    from news.factories import NewsArticlePageFactory, NewsIndexPageFactory

    index = NewsIndexPageFactory(parent=home_page, title="Tin tức", slug="tin-tuc")
    for slug in ("tin", "tin-2", "tin-3", "khac", "tin-khac"):
        NewsArticlePageFactory(parent=index, slug=slug)
    with django_assert_num_queries(2):
        slugs = free_slugs(index, ["tin", "tin", "khac", "moi", "tin-2"],
                           reserved=lambda s: s == "moi")
    assert slugs == ["tin-4", "tin-5", "khac-2", "moi-2", "tin-2-2"]
