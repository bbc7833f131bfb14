"""``load_demo``: the portal part of the seed, and a second run that changes nothing."""

from __future__ import annotations

import io

from django.core.management import call_command

from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from home.models import (
    Agency,
    PolicyPage,
    ProcedurePage,
    Sector,
    SiteSettings,
    UnitSite,
    level_statistics,
)

from .helpers import visible_text


def snapshot() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "units": UnitSite.objects.count(),
        "documents": get_document_model().objects.count(),
        "sectors": Sector.objects.count(),
        "agencies": Agency.objects.count(),
        "settings": SiteSettings.objects.count(),
    }


def test_load_demo_builds_the_portal_and_is_idempotent(db, client):
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first

    stats = level_statistics()
    assert (stats.for_level(4).count, stats.for_level(3).count, stats.total) == (5, 4, 9)
    assert ProcedurePage.objects.filter(code="1.000948.H38").exists()
    nq17 = PolicyPage.objects.get(number="17/NQ-CP")
    assert (nq17.issued_on.isoformat(), nq17.issuer.name) == ("2019-03-07", "Chính phủ")
    cv929 = PolicyPage.objects.get(number="929/BTTTT-THH")
    assert (cv929.issued_on.isoformat(), cv929.issuer.name) == (
        "2020-03-19", "Bộ Thông tin và Truyền thông"
    )
    banners = list(SiteSettings.objects.get().sidebar_banners)
    assert [b.value["title"] for b in banners] == [
        "Cổng dịch vụ công Quốc gia", "Chính sách pháp luật Việt Nam",
        "Giới thiệu sản phẩm dịch vụ",
    ]
    assert banners[0].value["url"] == "https://dichvucong.gov.vn"
    assert UnitSite.objects.filter(kind="enterprise").count() >= 3

    for url in ("/", "/thu-tuc-hanh-chinh/", "/chinh-sach-phap-luat/", "/don-vi-truc-thuoc/",
                "/thu-tuc-hanh-chinh/?level=toan-trinh", "/thu-tuc-hanh-chinh/?level=4", nq17.url):
        assert client.get(url).status_code == 200, url
    shown = visible_text(client.get("/thu-tuc-hanh-chinh/").content.decode())
    assert "5 dịch vụ toàn trình, 55,56%" in shown
    assert "4 dịch vụ một phần, 44,44%" in shown
