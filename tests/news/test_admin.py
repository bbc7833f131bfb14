"""Slugs from the admin forms (page and category) are folded Vietnamese, as cms.text says."""

from __future__ import annotations

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms import text
from news.factories import NewsArticlePageFactory
from news.models import NewsArticlePage, NewsCategory

TITLE = "Đẩy mạnh đào tạo đội ngũ quản lý đô thị"


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("bientap", "bientap@example.vn", "mat-khau-1")
    client.force_login(user)
    return client


def form_errors(response) -> str:
    form = response.context and response.context.get("form")
    if not form:
        return response.content.decode()[:500]
    formsets = {name: fs.errors for name, fs in getattr(form, "formsets", {}).items()}
    return f"{form.errors.as_data()} {formsets}"


def add_article(admin_client, news_index, category_pk, **fields):
    url = reverse("wagtailadmin_pages:add", args=("news", "newsarticlepage", news_index.pk))
    data = nested_form_data(
        {
            "title": TITLE,
            "slug": "",
            "lead": "Sapo của bài viết.",
            "main_image": "",
            "main_image_caption": "",
            "body": streamfield([]),
            "published_at": "",
            "category": category_pk,
            "tags": "đô thị, đào tạo",
            "author": "",
            "source": "",
            "related_links": inline_formset([]),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "action-publish": "action-publish",
            **fields,
        }
    )
    return admin_client.post(url, data)


def test_add_form_renders_in_vietnamese(admin_client, news_index):
    url = reverse("wagtailadmin_pages:add", args=("news", "newsarticlepage", news_index.pk))
    html = admin_client.get(url).content.decode()
    for label in ("Sapo", "Chuyên mục", "Thời điểm đăng", "Ảnh đại diện", "Tin liên quan"):
        assert label in html


def test_admin_slug_from_title_with_d_is_folded(admin_client, news_index, category):
    response = add_article(admin_client, news_index, category.pk)
    assert response.status_code == 302, form_errors(response)
    page = NewsArticlePage.objects.get(title=TITLE)
    assert page.slug == "day-manh-dao-tao-doi-ngu-quan-ly-do-thi" == text.slugify(TITLE)
    assert page.live and page.published_at == page.first_published_at
    assert sorted(t.name for t in page.tags.all()) == ["đào tạo", "đô thị"]
    assert admin_client.get("/tin-tuc/day-manh-dao-tao-doi-ngu-quan-ly-do-thi/").status_code == 200


def test_admin_slug_typed_with_diacritics_is_folded(admin_client, news_index, category):
    response = add_article(admin_client, news_index, category.pk, slug="đô-thị-xanh-đà-lạt")
    assert response.status_code == 302, form_errors(response)
    assert NewsArticlePage.objects.get(title=TITLE).slug == "do-thi-xanh-da-lat"


def test_admin_refuses_article_without_category(admin_client, news_index, category):
    response = add_article(admin_client, news_index, "")
    assert response.status_code == 200
    assert not NewsArticlePage.objects.filter(title=TITLE).exists()


def test_category_snippet_slug_typed_with_diacritics_and_spaces(admin_client):
    url = reverse("wagtailsnippets_news_newscategory:add")
    response = admin_client.post(
        url, {"name": "Hạ tầng kỹ thuật", "slug": "Đô thị & hạ tầng", "description": "", "order": 3}
    )
    assert response.status_code == 302, form_errors(response)
    assert NewsCategory.objects.get(name="Hạ tầng kỹ thuật").slug == "do-thi-ha-tang"


def test_category_snippet_empty_slug_comes_from_name(admin_client):
    url = reverse("wagtailsnippets_news_newscategory:add")
    response = admin_client.post(
        url, {"name": "Đầu tư xây dựng", "slug": "", "description": "", "order": 1}
    )
    assert response.status_code == 302
    assert NewsCategory.objects.get(name="Đầu tư xây dựng").slug == "dau-tu-xay-dung"


def test_category_snippet_duplicate_folded_slug_is_a_form_error(admin_client, category):
    url = reverse("wagtailsnippets_news_newscategory:add")
    response = admin_client.post(
        url, {"name": "Cai cach hanh chinh", "slug": "", "description": "", "order": 1}
    )
    assert response.status_code == 200
    assert NewsCategory.objects.filter(slug="cai-cach-hanh-chinh").count() == 1


def test_preview_of_an_unsaved_article_with_related_links(admin_client, news_index, category):
    chosen = NewsArticlePageFactory(parent=news_index, title="Bài liên quan được chọn")
    args = ("news", "newsarticlepage", news_index.pk)
    url = reverse("wagtailadmin_pages:preview_on_add", args=args)
    data = nested_form_data(
        {
            "title": TITLE, "slug": "", "lead": "Sapo xem trước.", "main_image": "",
            "main_image_caption": "", "body": streamfield([]), "published_at": "",
            "category": category.pk, "tags": "", "author": "", "source": "",
            "related_links": inline_formset([{"related": chosen.pk}]),
            "comments": inline_formset([]), "seo_title": "", "search_description": "",
        }
    )
    response = admin_client.post(url, data)
    assert response.json()["is_valid"] is True
    html = admin_client.get(url).content.decode()
    assert "Sapo xem trước." in html and "Bài liên quan được chọn" in html
