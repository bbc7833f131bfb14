"""Two editors save the same page: both saves are kept, and the later one is told."""

from __future__ import annotations

import pytest

from home.models import StandardPage
from tests.editorial.forms import form_fields


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


@pytest.mark.django_db
def test_both_editors_publish_the_later_is_warned_and_live(home_page, editors, client):
    """Both click "Xuất bản" on forms loaded before either saved: the later publish is what
    readers see, its editor is told whose publish it replaced, the earlier one is a revision."""
    page = home_page.add_child(instance=StandardPage(title="Chức năng nhiệm vụ"))
    page.save_revision().publish()
    lan, hung = editors
    url = f"/admin/pages/{page.pk}/edit/"
    lan_form, hung_form = form_fields(lan.get(url).content), form_fields(hung.get(url).content)

    lan_form.update(title="Chức năng nhiệm vụ (Lan)", **{"action-publish": "action-publish"})
    response = lan.post(url, lan_form, follow=True)
    assert response.status_code == 200 and "Trong lúc bạn sửa" not in response.content.decode()
    assert client.get(page.url).content.decode().count("Chức năng nhiệm vụ (Lan)") >= 1

    hung_form.update(title="Chức năng nhiệm vụ (Hùng)", **{"action-publish": "action-publish"})
    response = hung.post(url, hung_form, follow=True)
    assert response.status_code == 200
    assert "Trong lúc bạn sửa, Nguyễn Thị Lan đã lưu trang này" in response.content.decode()

    page.refresh_from_db()
    assert page.live and page.title == "Chức năng nhiệm vụ (Hùng)"
    public = client.get(page.url).content.decode()
    assert "Chức năng nhiệm vụ (Hùng)" in public and "Chức năng nhiệm vụ (Lan)" not in public
    titles = [r.content["title"] for r in page.revisions.order_by("created_at")]
    assert titles[-2:] == ["Chức năng nhiệm vụ (Lan)", "Chức năng nhiệm vụ (Hùng)"]
