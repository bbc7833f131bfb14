"""The ``procedure`` record under Nghị định 42: levels in the decree's words (1–4 still mapped),
the national database's other fields, related procedures (also named before they exist), and
the export that gives them back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from django.core.management import call_command

from wagtail.models import Page

from cms.models import ImportedRecord

pytestmark = pytest.mark.django_db


def procedure(code: str, **fields) -> dict:
    return {
        "type": "procedure", "code": code, "name": f"Thủ tục {code}",
        "field": "Hoạt động xây dựng", "level": 4, **fields,
    }


FULL = procedure(
    "1.009972",
    name="Cấp chứng chỉ năng lực hoạt động xây dựng hạng I",
    level="Toàn trình",
    decision_number="1234/QĐ-BXD",
    execution_level="Cấp Bộ",
    procedure_type="TTHC được luật giao quy định chi tiết",
    agency="Cục Quản lý hoạt động xây dựng",
    competent_agency="Bộ Xây dựng",
    authorised_agency=["Sở Xây dựng Hà Nội", "Sở Xây dựng Thành phố Hồ Chí Minh"],
    coordinating_agency="Vụ Pháp chế",
    reception_address="Bộ phận Một cửa, 37 Lê Đại Hành, Hai Bà Trưng, Hà Nội",
    keywords=["chứng chỉ năng lực", "hạng I"],
    description="Tổ chức đề nghị cấp chứng chỉ năng lực hoạt động xây dựng hạng I.",
    related_procedures=["1.009973", "thu-tuc-cu-77"],  # both come later in the file
)


def test_levels_1_to_4_and_the_decree_words_are_accepted_and_mapped(jsonl, run_import):
    from home.models import ProcedurePage

    levels = {
        "1.000001": 4, "1.000002": 3, "1.000003": 2, "1.000004": 1, "1.000005": "4",
        "1.000006": "Toàn trình", "1.000007": "MỘT PHẦN", "1.000008": "cung cap thong tin",
        "1.000009": "Mức 3", "1.000010": "mo\u0323\u0302t pha\u0302\u0300n",  # NFD
        "1.000011": "Dịch vụ công trực tuyến toàn trình",
    }
    out, _ = run_import(jsonl(*[procedure(code, level=level) for code, level in levels.items()]))
    assert "tạo mới 11" in out
    stored = dict(ProcedurePage.objects.values_list("code", "level"))
    assert stored == {
        "1.000001": 4, "1.000002": 3, "1.000003": 1, "1.000004": 1, "1.000005": 4,
        "1.000006": 4, "1.000007": 3, "1.000008": 1, "1.000009": 3, "1.000010": 3,
        "1.000011": 4,
    }
    labels = {p.code: p.get_level_display() for p in ProcedurePage.objects.all()}
    assert labels["1.000003"] == "Cung cấp thông tin" and labels["1.000007"] == "Một phần"


def test_every_national_database_field_is_imported(jsonl, run_import, client):
    from home.models import ProcedurePage

    later = procedure("1.009973", name="Cấp nâng hạng chứng chỉ", level=3)
    legacy = procedure("1.009974", name="Thủ tục có mã cũ", legacy_id="thu-tuc-cu-77")
    out, err = run_import(jsonl(FULL, later, legacy))
    assert "tạo mới 3" in out and err == ""
    page = ProcedurePage.objects.get(code="1.009972")
    assert page.level == 4 and page.live
    assert page.decision_number == "1234/QĐ-BXD"
    assert page.execution_level == "bo"
    assert page.procedure_type == "TTHC được luật giao quy định chi tiết"
    assert [a.name for a in page.competent_agencies.all()] == ["Bộ Xây dựng"]
    assert sorted(a.name for a in page.authorised_agencies.all()) == [
        "Sở Xây dựng Hà Nội", "Sở Xây dựng Thành phố Hồ Chí Minh"]
    assert [a.name for a in page.coordinating_agencies.all()] == ["Vụ Pháp chế"]
    assert page.reception_address.startswith("Bộ phận Một cửa")
    assert page.keywords == "chứng chỉ năng lực, hạng I"
    assert page.description.startswith("Tổ chức đề nghị")
    related = [link.procedure.code for link in page.related_procedures.all()]
    assert related == ["1.009973", "1.009974"]
    # The latest revision (what the admin edits) holds them too, and the page shows them.
    latest = page.get_latest_revision_as_object()
    assert [link.procedure_id for link in latest.related_procedures.all()] == [
        ProcedurePage.objects.get(code=c).pk for c in related]
    assert page.live_revision_id == page.latest_revision_id
    html = client.get(page.url).content.decode()
    assert "Cấp nâng hạng chứng chỉ" in html and "Thủ tục có mã cũ" in html

    # Idempotent: the same file again changes nothing.
    out, _ = run_import(jsonl(FULL, later, legacy))
    assert "tạo mới 0, cập nhật 0, không đổi 3" in out


def test_related_procedures_resolve_across_batches_and_against_the_site(
    jsonl, run_import, home_page
):
    from cms.importer import import_file
    from home.models import ProcedurePage

    # Earlier run: one procedure on the site already.
    run_import(jsonl(procedure("1.000100", legacy_id="cu-100"), name="a.jsonl"))
    # This run, in batches of 2: line 1 names a procedure of the third batch and one on the
    # site by its legacy id; line 4 names line 1 (backwards).
    path = jsonl(
        procedure("1.000101", related_procedures=["1.000105", "cu-100"]),
        procedure("1.000102"), procedure("1.000103"),
        procedure("1.000104", related_procedures="1.000101"),
        procedure("1.000105", status="draft"),
        name="b.jsonl",
    )
    outcome = import_file(path, batch_size=2)
    assert outcome.ok, outcome.errors
    first = ProcedurePage.objects.get(code="1.000101")
    assert [link.procedure.code for link in first.related_procedures.all()] == [
        "1.000105", "1.000100"]
    fourth = ProcedurePage.objects.get(code="1.000104")
    assert [link.procedure.code for link in fourth.related_procedures.all()] == ["1.000101"]


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (procedure("1.000201", level="mức 5"), "line 2: level: mức độ 'mức 5' không hợp lệ"),
        (procedure("1.000201", level="gần toàn trình"), "line 2: level: mức độ"),
        (procedure("1.000201", execution_level="Cấp Trung ương"),
         "line 2: execution_level: cấp thực hiện 'Cấp Trung ương' không hợp lệ"),
        (procedure("1.000201", competent_agency=["Bộ Xây dựng", 7]),
         "line 2: competent_agency: phần tử 1: phải là chuỗi văn bản"),
        (procedure("1.000201", keywords="x" * 501), "line 2: keywords: dài quá 500 ký tự"),
        (procedure("1.000201", decision_number="x" * 256), "line 2: decision_number: "),
        (procedure("1.000201", reception_address=12), "line 2: reception_address: phải là chuỗi"),
        (procedure("1.000201", related_procedures=["1.000201"]),
         "line 2: related_procedures: một thủ tục không thể liên quan đến chính nó"),
        (procedure("1.000201", related_procedures=["1.999999", "khong-co"]),
         "line 2: related_procedures: không tìm thấy thủ tục '1.999999', 'khong-co'"),
    ],
)
def test_a_bad_value_refuses_the_file_and_writes_nothing(jsonl, run_import, capsys, home_page,
                                                         record, expected):
    from django.core.management.base import CommandError

    from home.models import ProcedurePage

    before = Page.objects.count()
    with pytest.raises(CommandError):
        run_import(jsonl(procedure("1.000200"), record))
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("line ")]
    assert any(line.startswith(expected) for line in lines), lines
    assert not ProcedurePage.objects.exists()
    assert Page.objects.count() == before
    assert not ImportedRecord.objects.exists()


def test_export_gives_back_every_field_and_round_trips(jsonl, run_import, tmp_path: Path):
    from home.models import Agency, ProcedurePage, Sector

    later = procedure("1.009973", name="Cấp nâng hạng chứng chỉ", level=3)
    legacy = procedure("1.009974", name="Thủ tục có mã cũ", legacy_id="thu-tuc-cu-77",
                       level=2, execution_level="tỉnh")
    run_import(jsonl(FULL, later, legacy))
    first = tmp_path / "one" / "site.jsonl"
    call_command("export_content", str(first))
    records = {
        r["code"]: r for r in map(json.loads, first.read_text(encoding="utf-8").splitlines())
        if r["type"] == "procedure"
    }
    full = records["1.009972"]
    assert {key: full[key] for key in (
        "level", "decision_number", "execution_level", "procedure_type", "competent_agency",
        "authorised_agency", "coordinating_agency", "reception_address", "keywords",
        "description", "related_procedures",
    )} == {
        "level": "toàn trình",
        "decision_number": "1234/QĐ-BXD",
        "execution_level": "Cấp Bộ",
        "procedure_type": "TTHC được luật giao quy định chi tiết",
        "competent_agency": "Bộ Xây dựng",
        "authorised_agency": ["Sở Xây dựng Hà Nội", "Sở Xây dựng Thành phố Hồ Chí Minh"],
        "coordinating_agency": "Vụ Pháp chế",
        "reception_address": FULL["reception_address"],
        "keywords": ["chứng chỉ năng lực", "hạng I"],
        "description": FULL["description"],
        "related_procedures": ["1.009973", "1.009974"],
    }
    assert records["1.009973"]["level"] == "một phần"
    assert records["1.009974"]["level"] == "cung cấp thông tin"
    assert records["1.009974"]["execution_level"] == "Cấp Tỉnh"

    # Into an empty site: the related procedures come after the one naming them.
    for home in Page.objects.filter(depth=2):
        home.delete()
    for model in (ImportedRecord, Agency, Sector):
        model.objects.all().delete()
    assert not ProcedurePage.objects.exists()
    call_command("import_content", str(first))
    second = tmp_path / "two" / "site.jsonl"
    call_command("export_content", str(second))
    assert second.read_bytes() == first.read_bytes()
