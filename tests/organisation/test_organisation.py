"""/gioi-thieu/: the organisation chart from the one unit model, its JSON-LD, the directory built
from the same units, focal points; editing with revisions."""

from __future__ import annotations

import json
import re

import pytest

from django.core.cache import cache
from django.core.exceptions import ValidationError

from home.factories import FocalPointFactory, UnitSiteFactory, UnitSitesPageFactory
from home.models import UnitSite


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def organisation_ld(html: str) -> dict:
    found = [d for d in json_ld(html) if d.get("subOrganization") is not None]
    assert len(found) == 1, json_ld(html)
    return found[0]


def test_chart_nests_units_and_hides_drafts_and_hidden_ones(client, organisation):
    agency = UnitSiteFactory(name="Cục Quản lý hoạt động xây dựng", url=None, category="cuc",
                             head="Cục trưởng (dữ liệu mẫu)", phone="024 3974 0107")
    UnitSiteFactory(name="Phòng Quản lý năng lực", url=None, parent=agency, category="khac")
    UnitSiteFactory(name="Viện Kiến trúc Quốc gia", url="https://viar.vn", category="vien")
    UnitSiteFactory(name="Đơn vị ẩn", visible=False)
    UnitSiteFactory(name="Đơn vị bản nháp", live=False)

    html = client.get("/gioi-thieu/").content.decode()

    chart = html[html.index('class="org-chart"'):]
    assert "Đơn vị ẩn" not in html and "Đơn vị bản nháp" not in html
    # The child is in a list nested inside its parent's item, one level down.
    parent_item = chart[chart.index("Cục Quản lý hoạt động xây dựng"):]
    nested = parent_item[: parent_item.index("</li>\n</ul>")]
    assert "org-chart__level--2" in nested and "Phòng Quản lý năng lực" in nested
    assert "Cục trưởng (dữ liệu mẫu)" in chart and 'href="tel:02439740107"' in chart
    assert '<span class="org-unit__category">Cục</span>' in chart


def test_json_ld_is_a_government_organization_with_nested_sub_organizations(
    client, organisation
):
    parent = UnitSiteFactory(name="Cục Phát triển đô thị", url=None, email="ptdt@moc.gov.vn")
    UnitSiteFactory(name="Trung tâm Đô thị", url="https://td.example.vn", parent=parent)
    FocalPointFactory(name="Người phát ngôn (dữ liệu mẫu)")

    data = organisation_ld(client.get("/gioi-thieu/").content.decode())

    assert data["@type"] == "GovernmentOrganization" and data["name"] == "Bộ Xây dựng"
    (unit,) = data["subOrganization"]
    assert unit == {
        "@type": "GovernmentOrganization",
        "name": "Cục Phát triển đô thị",
        "email": "ptdt@moc.gov.vn",
        "subOrganization": [{
            "@type": "GovernmentOrganization", "name": "Trung tâm Đô thị",
            "url": "https://td.example.vn",
        }],
    }
    assert data["contactPoint"][0]["name"] == "Người phát ngôn (dữ liệu mẫu)"
    assert data["contactPoint"][0]["contactType"] == "Cổng thông tin điện tử"


def test_focal_points_are_listed_with_their_contacts(client, organisation):
    FocalPointFactory(name="Nguyễn Thị Mẫu", title="Chánh Văn phòng",
                      responsibility="Phát ngôn", email="vp@moc.gov.vn")
    html = client.get("/gioi-thieu/").content.decode()
    section = html[html.index('id="lien-he"'):]
    assert "Nguyễn Thị Mẫu</strong>, Chánh Văn phòng" in section
    assert 'href="mailto:vp@moc.gov.vn"' in section and "Phát ngôn" in section


def test_directory_lists_the_units_with_a_website_from_the_same_records(client, home_page):
    UnitSitesPageFactory(parent=home_page)
    UnitSiteFactory(name="Vụ Pháp chế", url=None, category="vu")
    site = UnitSiteFactory(name="Báo Xây dựng", url="https://baoxaydung.com.vn")
    html = client.get("/don-vi-truc-thuoc/").content.decode()
    assert "Báo Xây dựng" in html and "Vụ Pháp chế" not in html
    site.name = "Báo Xây dựng điện tử"
    site.save()
    assert "Báo Xây dựng điện tử" in client.get("/don-vi-truc-thuoc/").content.decode()


def test_units_without_a_website_may_be_many(db):
    UnitSiteFactory(url="")
    UnitSiteFactory(url=None)
    assert UnitSite.objects.filter(url=None).count() == 2


def test_a_unit_cannot_be_under_itself(db):
    top = UnitSiteFactory(url=None)
    child = UnitSiteFactory(url=None, parent=top)
    top.parent = child
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "parent" in error.value.message_dict


# Measured 2026-12-04: routing and the shared layout as every page (with i18n on: the site
# root's translations in the cold site root paths, the page's translations for the language links),
# and the page's own part: its child pages for the table of contents (1), the units (1), the
# focal points (1).
ORGANISATION_QUERIES = 15


@pytest.mark.parametrize("n", [2, 12])
def test_organisation_page_costs_a_fixed_number_of_queries(
    client, organisation, django_assert_num_queries, n
):
    top = None
    for i in range(n):
        top = UnitSiteFactory(url=None, parent=top if i % 3 else None)
        FocalPointFactory()
    assert client.get("/gioi-thieu/").status_code == 200
    cache.clear()
    with django_assert_num_queries(ORGANISATION_QUERIES):
        response = client.get("/gioi-thieu/")
    assert response.content.decode().count('class="org-unit"') == n

