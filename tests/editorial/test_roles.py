"""Each team can do its work in the real admin and gets a 403 (or no button) for the rest."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images.models import Image
from wagtail.models import Collection, Page, WorkflowState

from news.models import NewsArticlePage

from .forms import form_errors, form_fields, write_article

pytestmark = pytest.mark.django_db


def add_url(parent, model="news/newsarticlepage") -> str:
    return f"/admin/pages/add/{model}/{parent.pk}/"


def assert_denied(client, url: str) -> None:
    """Refused as Wagtail refuses: 403, or back to the dashboard with an error message."""
    response = client.get(url)
    if response.status_code == 302:
        assert response["Location"] == "/admin/", response["Location"]
        messages = [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
        assert messages, f"{url}: redirected without a reason"
    else:
        assert response.status_code == 403, f"{url}: {response.status_code}"


@pytest.fixture
def article(sections, category):
    page = NewsArticlePage(
        title="Hội nghị tổng kết công tác năm", lead="Sapo.", category=category
    )
    sections["news"].add_child(instance=page)
    page.save_revision().publish()
    return page


def test_outsider_without_a_team_cannot_enter_the_admin(users, login):
    response = login(users["outsider"]).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("role", ["news", "procedures", "documents", "reviewer", "admin"])
def test_every_team_reaches_its_dashboard(users, login, sections, role):
    response = login(users[role]).get("/admin/")
    assert response.status_code == 200


def test_news_editor_writes_and_submits_but_cannot_publish(users, login, sections, category):
    client = login(users["news"])
    response = write_article(client, sections["news"], category, "Đô thị thông minh")
    assert response.status_code == 302, form_errors(response)
    page = NewsArticlePage.objects.get(title="Đô thị thông minh")
    assert page.slug == "do-thi-thong-minh"
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == users["news"]

    # Pressing "publish" without the right is refused, and nothing goes live.
    response = write_article(
        client, sections["news"], category, "Bài tự xuất bản", action="action-publish"
    )
    assert response.status_code in (302, 403)
    assert not NewsArticlePage.objects.filter(title="Bài tự xuất bản", live=True).exists()

    # The editor's form offers "submit for review", never "publish".
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in html


def test_news_editor_is_kept_out_of_other_sections(users, login, sections, article):
    client = login(users["news"])
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    procedures, policies = sections["procedures"], sections["policies"]
    assert_denied(client, f"/admin/pages/{procedures.pk}/edit/")
    assert_denied(client, f"/admin/pages/{policies.pk}/edit/")
    assert_denied(client, add_url(procedures, "home/procedurepage"))
    assert_denied(client, add_url(policies, "home/policypage"))
    assert_denied(client, f"/admin/pages/{sections['home'].pk}/edit/")
    assert_denied(client, f"/admin/pages/{article.pk}/delete/")
    # The explorer takes them straight to their own section: they never see the others.
    response = client.get(f"/admin/pages/{sections['home'].pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{sections['news'].pk}/"


def test_procedure_manager_edits_procedures_only(users, login, sections, article):
    client = login(users["procedures"])
    procedures = sections["procedures"]
    assert client.get(f"/admin/pages/{procedures.pk}/edit/").status_code == 200
    assert client.get(add_url(procedures, "home/procedurepage")).status_code == 200
    assert_denied(client, f"/admin/pages/{article.pk}/edit/")
    assert_denied(client, add_url(sections["news"]))


def test_document_manager_edits_policies_only(users, login, sections, article):
    client = login(users["documents"])
    policies = sections["policies"]
    assert client.get(f"/admin/pages/{policies.pk}/edit/").status_code == 200
    assert client.get(add_url(policies, "home/policypage")).status_code == 200
    assert_denied(client, f"/admin/pages/{sections['procedures'].pk}/edit/")
    assert_denied(client, f"/admin/pages/{article.pk}/edit/")


def test_reviewer_reviews_but_does_not_write(users, login, sections, article):
    client = login(users["reviewer"])
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    assert_denied(client, add_url(sections["news"]))
    assert_denied(client, f"/admin/pages/{sections['home'].pk}/edit/")


def test_portal_admin_edits_the_home_page_and_publishes(users, login, sections):
    client = login(users["admin"])
    home = sections["home"]
    url = f"/admin/pages/{home.pk}/edit/"
    data = form_fields(client.get(url).content)
    data["title"] = "Bộ Xây dựng – Cổng thông tin điện tử"
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302
    assert Page.objects.get(pk=home.pk).title == "Bộ Xây dựng – Cổng thông tin điện tử"


def png(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (32, 24), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_team_uploads_go_to_its_own_collection(users, login, sections):
    client = login(users["news"])
    response = client.post(
        "/admin/images/add/",
        {"title": "Ảnh hội nghị", "description": "Toàn cảnh hội nghị", "file": png("a.png")},
    )
    assert response.status_code == 302
    assert Image.objects.get(title="Ảnh hội nghị").collection.name == "Tin tức"

    theirs = Image.objects.create(
        title="Sơ đồ quy trình",
        file=png("b.png"),
        collection=Collection.objects.get(name="Thủ tục hành chính"),
    )
    assert_denied(client, f"/admin/images/{theirs.pk}/")
    assert login(users["procedures"]).get(f"/admin/images/{theirs.pk}/").status_code == 200


def test_news_editor_manages_categories_but_not_procedure_lists(users, login, sections):
    client = login(users["news"])
    assert client.get("/admin/snippets/news/newscategory/add/").status_code == 200
    assert_denied(client, "/admin/snippets/home/sector/add/")
    client = login(users["procedures"])
    assert client.get("/admin/snippets/home/sector/add/").status_code == 200
