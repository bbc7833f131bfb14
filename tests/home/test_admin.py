"""The admin screens of the portal's snippets and settings: they open, in Vietnamese, and
refuse bad input with Vietnamese messages."""

from __future__ import annotations

import json
import re

import pytest

from django.urls import reverse

from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.factories import UnitSiteFactory
from home.models import Sector, SiteSettings, UnitSite


@pytest.mark.parametrize(
    ("model", "labels"),
    [
        ("sector", ["Tên", "Mã trên địa chỉ (slug)", "Thứ tự"]),
        ("agency", ["Tên", "Thứ tự"]),
        ("unitsite", ["Tên đơn vị", "Địa chỉ trang web", "Loại", "Hiển thị"]),
    ],
)
def test_snippet_add_views_open_in_vietnamese(admin_client, model, labels):
    response = admin_client.get(reverse(f"wagtailsnippets_home_{model}:add"))
    assert response.status_code == 200
    html = response.content.decode()
    for label in labels:
        assert label in html


def test_unit_site_refuses_a_duplicate_url_and_a_bad_url(admin_client):
    UnitSiteFactory(url="https://vibm.vn")
    url = reverse("wagtailsnippets_home_unitsite:add")
    data = {"name": "Viện Vật liệu xây dựng", "url": "https://vibm.vn", "kind": "unit",
            "order": "1", "visible": "on"}
    response = admin_client.post(url, data)
    assert "Địa chỉ này đã có trong danh sách." in response.content.decode()
    response = admin_client.post(url, {**data, "url": "không phải địa chỉ"})
    assert response.status_code == 200
    assert UnitSite.objects.count() == 1
    # Units have drafts (DraftStateMixin): a required field is required when publishing.
    response = admin_client.post(
        url, {**data, "url": "https://ibst.vn", "name": "", "action-publish": "action-publish"}
    )
    assert "Trường này là bắt buộc." in response.content.decode()


def test_sector_slug_is_folded_from_the_name(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_home_sector:add"),
        {"name": "Đô thị và hạ tầng", "slug": "", "order": "0"},
    )
    assert response.status_code == 302
    assert Sector.objects.get().slug == "do-thi-va-ha-tang"


def test_site_settings_edit_view_opens_and_saves(admin_client, home_page):
    site = Site.objects.get(root_page=home_page)
    url = reverse("wagtailsettings:edit", args=("home", "sitesettings", site.pk))
    html = admin_client.get(url).content.decode()
    for label in ("Tên cơ quan", "Địa chỉ", "Điện thoại", "Thư điện tử",
                  "Cổng dịch vụ công Quốc gia", "Chân trang", "Banner cột bên"):
        assert label in html, label
    data = {
        "ministry_name": "Bộ Xây dựng", "emblem": "", "address": "37 Lê Đại Hành",
        "phone": "024 3821 5137", "email": "sai-dia-chi",
        "national_portal_url": "https://dichvucong.gov.vn", "footer_text": rich_text(""),
        "footer_text_en": rich_text(""), "sidebar_banners": streamfield([]),
        "sidebar_banners_en": streamfield([]),
    }
    response = admin_client.post(url, nested_form_data(data))
    assert response.status_code == 200
    errors = re.findall(r'class="error-message">\s*(.*?)\s*</p>', response.content.decode())
    assert any("email" in error and "Nhập" in error for error in errors), errors
    assert not SiteSettings.objects.filter(address="37 Lê Đại Hành").exists()
    banner = {"icon": "", "image": "", "title": "Cổng", "subtitle": "", "page": "", "url": "",
              "link_text": "Xem chi tiết"}
    data.update(email="lienhe@example.vn", sidebar_banners=streamfield([("banner", banner)]))
    response = admin_client.post(url, nested_form_data(data))
    assert response.status_code == 200
    # Stream block errors travel to the admin's JS as JSON (ASCII-escaped) in a data attribute.
    message = json.dumps("Cần một liên kết: chọn một trang trong cổng")[1:-1]
    assert message in response.content.decode()
    data.update(sidebar_banners=streamfield([("banner", {**banner, "url": "https://a.vn"})]))
    response = admin_client.post(url, nested_form_data(data))
    assert response.status_code == 302
    saved = SiteSettings.objects.get(site=site)
    assert saved.address == "37 Lê Đại Hành"
    assert saved.sidebar_banners[0].value["url"] == "https://a.vn"
