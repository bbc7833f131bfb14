"""The dashboard's other panels: the latest imports and the procedure statistics."""

from __future__ import annotations

import pytest
from lxml import html

from django.utils import timezone

from cms.models import ImportRun
from home.factories import ProcedurePageFactory

pytestmark = pytest.mark.django_db


def panel(client, panel_id: str) -> str:
    response = client.get("/admin/")
    assert response.status_code == 200
    found = html.fromstring(response.content).xpath(f'//section[starts-with(@id, "{panel_id}")]')
    return " ".join(found[0].text_content().split()) if found else ""


def test_latest_imports_for_the_portal_administrators(users, login, sections):
    ImportRun.objects.create(
        started_at=timezone.now(), finished_at=timezone.now(), user=users["admin"],
        files="/srv/import/tin-tuc-2020.jsonl", status="ok", created=1250, updated=3, unchanged=7,
    )
    ImportRun.objects.create(
        started_at=timezone.now(), files="/srv/import/loi.jsonl", status="refused",
        errors="line 3: title: thiếu",
    )
    text = panel(login(users["admin"]), "nhap-du-lieu")
    assert "Các lần nhập dữ liệu gần nhất" in text
    assert "tin-tuc-2020.jsonl" in text
    assert "1.250" in text  # Vietnamese thousands separator
    assert "Bị từ chối" in text
    assert "Dòng lệnh" in text  # run from the command line, no user
    # Editors do not run imports: the panel is not theirs.
    assert panel(login(users["news"]), "nhap-du-lieu") == ""


def test_procedure_statistics_reuse_the_catalogue_function(users, login, sections):
    parent = sections["procedures"]
    for level in (4, 4, 3):
        ProcedurePageFactory(parent=parent, level=level)
    draft = ProcedurePageFactory(parent=parent, level=4)
    draft.unpublish()
    text = panel(login(users["procedures"]), "thong-ke-thu-tuc")
    assert "Tổng số thủ tục đang công khai: 3" in text
    assert "2 dịch vụ toàn trình, 66,67%" in text
    assert "1 dịch vụ một phần, 33,33%" in text


def test_empty_panels_say_so_in_vietnamese(users, login, sections):
    client = login(users["admin"])
    assert "Chưa có lần nhập dữ liệu nào." in panel(client, "nhap-du-lieu")
    assert "Chưa có thủ tục hành chính nào được xuất bản." in panel(client, "thong-ke-thu-tuc")
    assert "Bạn không có bản nháp nào chưa xuất bản." in panel(client, "ban-nhap-cua-toi")
    assert "Không có nội dung nào đang chờ bạn duyệt." in panel(client, "cho-duyet")
