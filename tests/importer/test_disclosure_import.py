"""The ``disclosure`` record: import (bulk for new items, a file each), idempotence, refusals as
``line N: field: problem``, a draft that unpublishes, export → import of the same content."""

from __future__ import annotations

import json

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Revision

from home.models import DisclosurePage

pytestmark = pytest.mark.django_db

REPORT = {
    "type": "disclosure", "legacy_id": "ck-2024-01",
    "title": "Báo cáo tài chính năm 2024", "category": "Báo cáo tài chính",
    "issued": "2025-03-31", "summary": "Tình hình tài chính năm 2024.", "number": "12/BC-VP",
    "period": "Năm 2024", "body": "<p>Thuyết minh.</p>",
    "attachment": "files/nghi-quyet-17-nq-cp.pdf",
}
PLAN = {
    "type": "disclosure", "title": "Quy hoạch hệ thống đô thị", "category": "quy-hoach",
    "issued": "2024-08-22", "summary": "Quy hoạch thời kỳ 2021–2030.",
}


def test_import_creates_items_with_their_files_and_again_changes_nothing(
    jsonl, run_import, client
):
    path = jsonl(REPORT, PLAN)
    run_import(path)
    report = DisclosurePage.objects.get(number="12/BC-VP")
    assert (report.category, report.issued_on.isoformat(), report.period, report.live) == (
        "bao-cao-tai-chinh", "2025-03-31", "Năm 2024", True
    )
    assert report.url == "/cong-khai-thong-tin/bao-cao-tai-chinh-nam-2024/"
    assert report.attachments.get().document.file_extension == "pdf"
    plan = DisclosurePage.objects.get(category="quy-hoach")
    assert plan.slug == "quy-hoach-he-thong-do-thi" and plan.filter_text
    html = client.get("/cong-khai-thong-tin/?category=quy-hoach&q=do+thi").content.decode()
    assert "Quy hoạch hệ thống đô thị" in html and "Báo cáo tài chính năm 2024" not in html
    revisions = Revision.objects.count()
    run_import(path)
    assert DisclosurePage.objects.count() == 2 and Revision.objects.count() == revisions


def test_a_changed_record_updates_and_a_draft_unpublishes(jsonl, run_import):
    run_import(jsonl(REPORT))
    page = DisclosurePage.objects.get()
    run_import(jsonl({**REPORT, "summary": "Đã sửa.", "status": "draft"}, name="two.jsonl"))
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision_as_object().summary == "Đã sửa."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"category": "Báo cáo mật"}, "line 2: category: không rõ loại thông tin"),
        ({"issued": "31/03/2025"}, "line 2: issued:"),
        ({"summary": ""}, "line 2: summary:"),
        ({"attachment": "files/khong-co.pdf"}, "line 2: attachment:"),
    ],
)
def test_a_bad_line_refuses_the_whole_file(jsonl, run_import, capsys, change, message):
    path = jsonl(PLAN, {**REPORT, **change})
    with pytest.raises(CommandError) as error:
        run_import(path)
    assert error.value.returncode == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("line ")]
    assert len(lines) == 1 and lines[0].startswith(message), lines
    assert not DisclosurePage.objects.exists()


def test_export_gives_records_that_import_back_to_the_same_pages(jsonl, run_import, tmp_path):
    run_import(jsonl(REPORT, PLAN))
    out = tmp_path / "out" / "site.jsonl"
    call_command("export_content", str(out))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    exported = {r.get("legacy_id", r["slug"]): r for r in records if r["type"] == "disclosure"}
    report = exported["ck-2024-01"]
    assert {k: v for k, v in report.items() if k != "attachment"} == {
        **{k: v for k, v in REPORT.items() if k != "attachment"},
        "slug": "bao-cao-tai-chinh-nam-2024", "status": "live",
    }
    assert (out.parent / report["attachment"]).is_file()
    assert exported["quy-hoach-he-thong-do-thi"]["category"] == "Quy hoạch"
    before = list(DisclosurePage.objects.order_by("pk").values_list(
        "pk", "title", "category", "issued_on", "summary", "number", "period", "live"))
    call_command("import_content", str(out))
    after = list(DisclosurePage.objects.order_by("pk").values_list(
        "pk", "title", "category", "issued_on", "summary", "number", "period", "live"))
    assert after == before
