"""Two editors save the same page: both saves are kept, and the later one is told."""

from __future__ import annotations

import pytest

from django.test import Client

from home.models import StandardPage
from tests.editorial.forms import form_fields


@pytest.fixture
def editors(django_user_model) -> tuple[Client, Client]:
    clients = []
    # Django's full name is "first last": the family name goes first, as Vietnamese names do.
    for username, family, given in (("lan", "Nguyễn Thị", "Lan"), ("hung", "Trần Văn", "Hùng")):
        user = django_user_model.objects.create_superuser(
            username, f"{username}@example.vn", "mat-khau-12", first_name=family, last_name=given)
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients[0], clients[1]


@pytest.mark.django_db
def test_the_later_save_is_warned_and_the_earlier_one_kept(home_page, editors):
    page = home_page.add_child(instance=StandardPage(title="Giới thiệu chung"))
    page.save_revision().publish()
    lan, hung = editors
    url = f"/admin/pages/{page.pk}/edit/"
    lan_form, hung_form = form_fields(lan.get(url).content), form_fields(hung.get(url).content)
    assert lan_form["loaded_revision_id"] == hung_form["loaded_revision_id"]

    lan_form["title"] = "Giới thiệu chung (bản của Lan)"
    response = lan.post(url, lan_form, follow=True)
    assert "Trong lúc bạn sửa" not in response.content.decode()

    hung_form["title"] = "Giới thiệu chung (bản của Hùng)"
    response = hung.post(url, hung_form, follow=True)
    page_html = response.content.decode()
    assert "Trong lúc bạn sửa, Nguyễn Thị Lan đã lưu trang này" in page_html
    assert f"/admin/pages/{page.pk}/history/" in page_html

    titles = [r.content["title"] for r in page.revisions.order_by("created_at")]
    assert titles[-2:] == ["Giới thiệu chung (bản của Lan)", "Giới thiệu chung (bản của Hùng)"]


@pytest.mark.django_db
def test_an_editor_saving_twice_in_a_row_is_not_warned(home_page, editors):
    page = home_page.add_child(instance=StandardPage(title="Liên hệ"))
    page.save_revision().publish()
    lan, _ = editors
    url = f"/admin/pages/{page.pk}/edit/"
    for title in ("Liên hệ 1", "Liên hệ 2"):
        data = form_fields(lan.get(url).content)
        data["title"] = title
        assert "Trong lúc bạn sửa" not in lan.post(url, data, follow=True).content.decode()
