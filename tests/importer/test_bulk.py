"""The bulk path leaves what Wagtail's public API leaves: same rows, revisions, history,
references, search entries and a sound tree — in a fixed number of queries per batch."""

from __future__ import annotations

import datetime as dt

import pytest

from django.core.management import call_command
from django.utils import timezone

from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from cms.importer import bulk, slow

pytestmark = pytest.mark.django_db

# What legitimately differs between two pages: identity, position, clock.
VARIABLE = {
    "id", "page_ptr", "path", "slug", "url_path", "translation_key", "latest_revision",
    "live_revision", "first_published_at", "last_published_at", "latest_revision_created_at",
}


@pytest.fixture
def news_index(home_page):
    from news.factories import NewsIndexPageFactory

    return NewsIndexPageFactory(parent=home_page, title="Tin tức", slug="tin-tuc")


@pytest.fixture
def make_article(db):
    from news.factories import NewsCategoryFactory
    from news.models import NewsArticlePage

    category = NewsCategoryFactory(name="Hoạt động của Bộ")
    tag = Tag.objects.create(name="nhà ở xã hội", slug="nha-o-xa-hoi")
    image = get_image_model().objects.create(
        title="Ảnh", file=_image_file(), width=16, height=16
    )

    def make(slug: str, live: bool = True) -> NewsArticlePage:
        page = NewsArticlePage(
            title="Nhà ở xã hội cho công nhân", slug=slug, live=live,
            lead="Sapo về nhà ở xã hội.", category=category, main_image=image,
            published_at=dt.datetime(2021, 5, 4, 9, 0, tzinfo=dt.UTC), source="Báo Xây dựng",
            body=[{"type": "paragraph", "value": "<p>Nội dung về nhà ở xã hội.</p>"}],
        )
        page.tagged_items = [NewsArticlePage.tags.through(tag=tag, content_object=page)]
        return page

    return make


def _image_file():
    import io

    from PIL import Image

    from django.core.files.images import ImageFile

    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 20, 30)).save(buffer, "PNG")
    return ImageFile(buffer, name="anh.png")


def _row(page) -> dict:
    return {
        f.name: f.value_from_object(page)
        for f in type(page)._meta.concrete_fields
        if f.name not in VARIABLE and f.name != "body"
    }


def _references(page) -> set:
    rows = ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list(
        "content_type", "base_content_type", "to_content_type", "to_object_id", "model_path"
    )
    return set(rows)


@pytest.mark.parametrize("live", [True, False])
def test_bulk_pages_equal_slow_pages(news_index, make_article, client, live):
    from news.models import NewsArticlePage

    slow_page = slow.create_page(news_index, make_article("cham", live=live))
    bulk.bulk_create_pages(news_index, [make_article("nhanh", live=live)], now=timezone.now())
    fast = NewsArticlePage.objects.get(slug="nhanh")
    slow_page = NewsArticlePage.objects.get(pk=slow_page.pk)

    assert _row(fast) == _row(slow_page)
    assert [b.block_type for b in fast.body] == [b.block_type for b in slow_page.body]
    assert fast.url_path == "/trang-chu/tin-tuc/nhanh/"
    assert fast.get_parent().specific == news_index
    assert [t.name for t in fast.tags.all()] == ["nhà ở xã hội"]
    assert (fast.first_published_at is None) == (slow_page.first_published_at is None)

    for page in (fast, slow_page):
        revision = Revision.objects.get(object_id=str(page.pk))
        assert page.latest_revision == revision
        assert page.live_revision == (revision if live else None)
        assert revision.as_object().title == "Nhà ở xã hội cho công nhân"
    fast_revision = Revision.objects.get(object_id=str(fast.pk))
    slow_revision = Revision.objects.get(object_id=str(slow_page.pk))
    assert fast_revision.content.keys() == slow_revision.content.keys()
    assert fast_revision.content_type == slow_revision.content_type
    assert fast_revision.base_content_type == slow_revision.base_content_type

    def actions(page):
        return sorted(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))

    assert actions(fast) == actions(slow_page)
    fast_refs = {(ct, base, to_ct, to_id if path != "tagged_items.item.tag" else "tag", path)
                 for ct, base, to_ct, to_id, path in _references(fast)}
    slow_refs = {(ct, base, to_ct, to_id if path != "tagged_items.item.tag" else "tag", path)
                 for ct, base, to_ct, to_id, path in _references(slow_page)}
    assert fast_refs == slow_refs and len(fast_refs) == 3  # category, main image, tag

    assert Page.find_problems() == ([], [], [], [], [])
    assert Page.objects.get(pk=news_index.pk).numchild == 2
    expected = 200 if live else 404
    assert client.get(fast.url or "/trang-chu/tin-tuc/nhanh/").status_code == expected
    found = {p.pk for p in NewsArticlePage.objects.search("nhà ở xã hội công nhân")}
    assert found == {fast.pk, slow_page.pk}


def test_fixtree_is_clean_after_a_bulk_batch(news_index, make_article, capsys):
    bulk.bulk_create_pages(
        news_index, [make_article(f"bai-{n}") for n in range(40)], now=timezone.now()
    )
    bulk.bulk_create_pages(news_index, [make_article("bai-cuoi")], now=timezone.now())
    call_command("fixtree")
    assert "No problems found" in capsys.readouterr().out
    parent = Page.objects.get(pk=news_index.pk)
    paths = list(parent.get_children().values_list("path", flat=True))
    assert paths == sorted(paths) and len(set(paths)) == 41


@pytest.mark.parametrize("size", [5, 25])
def test_a_batch_costs_the_same_queries_whatever_its_size(
    news_index, make_article, django_assert_num_queries, size
):
    from django.contrib.contenttypes.models import ContentType

    from news.models import NewsArticlePage

    pages = [make_article(f"bai-{n}") for n in range(size)]
    ContentType.objects.get_for_models(Page, NewsArticlePage)  # cached for the process
    with django_assert_num_queries(11):
        bulk.bulk_create_pages(news_index, pages, now=timezone.now(), index=False)
