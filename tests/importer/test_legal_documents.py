"""``legal_document`` records: the legal database's status words and legacy spellings, the
optional end date, relations (forward references included), treaties, and the round trip."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Page

from cms.models import ImportRun

from ..home.helpers import visible_text

pytestmark = pytest.mark.django_db

DOCUMENT = {
    "type": "legal_document", "doc_type": "Nghị quyết", "issuer": "Chính phủ",
    "issued": "2019-03-07", "summary": "Trích yếu",
}


def document(number: str, **fields) -> dict:
    return {**DOCUMENT, "number": number, **fields}


def pages() -> dict:
    from home.models import PolicyPage

    return {page.number: page for page in PolicyPage.objects.all()}


def relations(page) -> list[tuple[str, str]]:
    return [(r.kind, r.target.number) for r in page.relations.select_related("target")]


# --- status words -------------------------------------------------------------------------

SPELLINGS = [
    ("Còn hiệu lực", "con-hieu-luc"),
    ("Hết hiệu lực một phần", "het-hieu-luc-mot-phan"),
    ("Hết hiệu lực toàn bộ", "het-hieu-luc-toan-bo"),
    ("Chưa có hiệu lực", "chua-co-hieu-luc"),
    ("Ngưng hiệu lực một phần", "ngung-hieu-luc-mot-phan"),
    ("Ngưng hiệu lực toàn bộ", "ngung-hieu-luc-toan-bo"),
    # What legacy portals write.
    ("Hết hiệu lực", "het-hieu-luc-toan-bo"),
    ("HẾT HIỆU LỰC", "het-hieu-luc-toan-bo"),
    ("het hieu luc", "het-hieu-luc-toan-bo"),
    (unicodedata.normalize("NFD", "Hết hiệu lực"), "het-hieu-luc-toan-bo"),
    (unicodedata.normalize("NFD", "Hết hiệu lực một phần"), "het-hieu-luc-mot-phan"),
    ("Đã hết hiệu lực", "het-hieu-luc-toan-bo"),
    ("Ngừng hiệu lực", "ngung-hieu-luc-toan-bo"),
    ("còn hiệu lực", "con-hieu-luc"),
    ("con hieu luc", "con-hieu-luc"),
    ("chua-co-hieu-luc", "chua-co-hieu-luc"),
]


def test_every_status_spelling_imports(run_import, jsonl):
    path = jsonl(*[
        document(f"{n}/NQ-CP", status=spelling) for n, (spelling, _) in enumerate(SPELLINGS, 1)
    ])
    out, err = run_import(path)
    assert err == ""
    found = pages()
    for n, (spelling, status) in enumerate(SPELLINGS, 1):
        assert found[f"{n}/NQ-CP"].status == status, spelling


def test_an_unknown_status_names_the_accepted_words_and_writes_nothing(run_import, jsonl,
                                                                       capsys):
    path = jsonl(document("1/NQ-CP"), document("2/NQ-CP", status="Sắp hết hiệu lực"),
                 document("3/NQ-CP", status="hieu luc"))
    with pytest.raises(CommandError):
        run_import(path)
    err = capsys.readouterr().err.splitlines()
    words = (
        "Còn hiệu lực, Hết hiệu lực một phần, Hết hiệu lực toàn bộ, Chưa có hiệu lực, "
        "Ngưng hiệu lực một phần, Ngưng hiệu lực toàn bộ; Hết hiệu lực = Hết hiệu lực toàn bộ, "
        "Đã hết hiệu lực = Hết hiệu lực toàn bộ, Ngưng hiệu lực = Ngưng hiệu lực toàn bộ, "
        "Đang có hiệu lực = Còn hiệu lực"
    )
    assert err[:2] == [
        f"line 2: status: không rõ tình trạng 'Sắp hết hiệu lực' (chọn một trong: {words})",
        f"line 3: status: không rõ tình trạng 'hieu luc' (chọn một trong: {words})",
    ]
    assert not pages()


def test_an_expired_document_without_end_date_imports_and_shows_expired(run_import, jsonl,
                                                                        client):
    run_import(jsonl(document("36a/NQ-CP", status="Hết hiệu lực")))
    page = pages()["36a/NQ-CP"]
    assert page.status == "het-hieu-luc-toan-bo" and page.effective_until is None
    shown = visible_text(client.get(page.url).content.decode())
    assert "Văn bản này đã hết hiệu lực toàn bộ." in shown
    assert "Tình trạng hiệu lực Hết hiệu lực toàn bộ" in shown
    assert "Ngày hết hiệu lực" not in shown
    listing = client.get("/chinh-sach-phap-luat/?status=het-hieu-luc-toan-bo").content.decode()
    assert '<span class="badge badge--out">Hết hiệu lực toàn bộ</span>' in listing


def test_the_end_date_imports_and_must_follow_the_start(run_import, jsonl, client, capsys):
    run_import(jsonl(document("36a/NQ-CP", effective="2019-04-01", effective_until="2021-07-01",
                              status="Hết hiệu lực toàn bộ"),
                     document("1/2021/KH-BXD", doc_type="Kế hoạch", effective_until="2025-12-31")))
    found = pages()
    assert found["36a/NQ-CP"].effective_until.isoformat() == "2021-07-01"
    assert found["1/2021/KH-BXD"].status == "con-hieu-luc"  # a fixed-term plan, in force
    shown = visible_text(client.get(found["36a/NQ-CP"].url).content.decode())
    assert "Văn bản này đã hết hiệu lực toàn bộ từ ngày 01/07/2021." in shown
    assert "Ngày hết hiệu lực 01/07/2021" in shown

    path = jsonl(document("2/NQ-CP", effective_until="2019-01-01"),
                 document("3/NQ-CP", effective="2019-06-01", effective_until="2019-05-01"),
                 document("4/NQ-CP", effective_until="07/03/2020"), name="bad.jsonl")
    with pytest.raises(CommandError):
        run_import(path)
    assert capsys.readouterr().err.splitlines()[:3] == [
        "line 1: effective_until: ngày hết hiệu lực trước ngày ban hành",
        "line 2: effective_until: ngày hết hiệu lực trước ngày có hiệu lực",
        "line 3: effective_until: ngày không hợp lệ: '07/03/2020' (cần YYYY-MM-DD, "
        "ví dụ 2019-03-07)",
    ]


@pytest.mark.parametrize(
    ("doc_type", "value"),
    [("Điều ước quốc tế", "dieu-uoc-quoc-te"), ("dieu uoc quoc te", "dieu-uoc-quoc-te"),
     ("Thoả thuận quốc tế", "thoa-thuan-quoc-te"), ("THỎA THUẬN QUỐC TẾ", "thoa-thuan-quoc-te")],
)
def test_treaties_import(run_import, jsonl, doc_type, value):
    run_import(jsonl(document("12/2020/LPQT", doc_type=doc_type)))
    page = pages()["12/2020/LPQT"]
    assert page.doc_type == value
    assert page.title.endswith("quốc tế 12/2020/LPQT")


# --- relations ------------------------------------------------------------------------------

def test_relations_link_backwards_forwards_and_by_legacy_id(run_import, jsonl, client):
    from home.models import PolicyPage

    run_import(jsonl(document("36a/NQ-CP", status="Hết hiệu lực"), name="old.jsonl"))
    path = jsonl(
        # Line 1 names a document of line 3 (forward) and one already on the site.
        document("17/NQ-CP", relations=[
            {"kind": "Thay thế", "target": "36a/nq-cp"},
            {"kind": "huong-dan", "target": "vb-2020-0001"},
        ]),
        document("929/BTTTT-THH", doc_type="Công văn", relations=[
            {"kind": "liên quan", "target": "17/NQ-CP"},  # written earlier in this file
            {"kind": "Sửa đổi, bổ sung", "target": "01/2021/TT-BXD"},  # forward, by number
        ]),
        document("1/2020/ND-CP", doc_type="Nghị định", legacy_id="vb-2020-0001"),
        document("01/2021/TT-BXD", doc_type="Thông tư"),
    )
    out, err = run_import(path, batch_size=2)  # forward references across batches too
    assert err == ""
    found = pages()
    assert relations(found["17/NQ-CP"]) == [("thay-the", "36a/NQ-CP"),
                                             ("huong-dan", "1/2020/ND-CP")]
    assert relations(found["929/BTTTT-THH"]) == [("lien-quan", "17/NQ-CP"),
                                                 ("sua-doi", "01/2021/TT-BXD")]
    # The revision (what an editor opens) holds the same relations as the live page.
    for number in ("17/NQ-CP", "929/BTTTT-THH"):
        draft = found[number].latest_revision.as_object()
        assert [(r.kind, r.target_id) for r in draft.relations.all()] == [
            (r.kind, r.target_id) for r in found[number].relations.all()
        ]
    shown = visible_text(client.get(found["17/NQ-CP"].url).content.decode())
    assert "Thay thế: 36a/NQ-CP – Nghị quyết 36a/NQ-CP" in shown
    assert "Hướng dẫn thi hành: 1/2020/ND-CP – Nghị định 1/2020/ND-CP" in shown
    old = visible_text(client.get(found["36a/NQ-CP"].url).content.decode())
    assert "Bị thay thế bởi: 17/NQ-CP – Nghị quyết 17/NQ-CP" in old
    assert "Văn bản này đã hết hiệu lực toàn bộ." in old

    # The same file again changes nothing; a changed list replaces the old one.
    out, _ = run_import(path)
    assert "tạo mới 0, cập nhật 0, không đổi 4" in out
    changed = document("17/NQ-CP", relations=[{"kind": "Sửa đổi", "target": "36a/NQ-CP"}])
    run_import(jsonl(changed, name="changed.jsonl"))
    assert relations(PolicyPage.objects.get(number="17/NQ-CP")) == [("sua-doi", "36a/NQ-CP")]


def test_an_unknown_related_document_refuses_the_file_and_changes_nothing(run_import, jsonl,
                                                                          capsys):
    from home.models import PolicyRelation

    run_import(jsonl(document("36a/NQ-CP"), name="old.jsonl"))
    runs = ImportRun.objects.count()
    path = jsonl(
        document("17/NQ-CP", relations=[{"kind": "Thay thế", "target": "36a/NQ-CP"}]),
        document("18/NQ-CP", relations=[{"kind": "Thay thế", "target": "99/NQ-CP"},
                                        {"kind": "Liên quan", "target": "vb-khong-co"}]),
        document("19/NQ-CP", relations=[{"kind": "Liên quan", "target": "18/NQ-CP"},
                                        {"kind": "Liên quan", "target": "20/NQ-CP"}]),
    )
    with pytest.raises(CommandError):
        run_import(path)
    assert capsys.readouterr().err.splitlines()[:2] == [
        "line 2: relations: không tìm thấy văn bản '99/NQ-CP', 'vb-khong-co' theo số ký hiệu "
        "hay legacy_id, trên trang hay trong tệp",
        "line 3: relations: không tìm thấy văn bản '20/NQ-CP' theo số ký hiệu hay legacy_id, "
        "trên trang hay trong tệp",
    ]
    assert list(pages()) == ["36a/NQ-CP"]
    assert not PolicyRelation.objects.exists()
    assert Page.objects.filter(depth__gt=3).count() == 1
    assert ImportRun.objects.count() == runs + 1
    assert ImportRun.objects.latest("pk").status == "refused"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"kind": "Thay thế"}, "relations: phần tử 0: target: phải là chuỗi văn bản"),
        ([{"kind": "bãi bỏ", "target": "36a/NQ-CP"}],
         "relations: phần tử 0: kind: không rõ quan hệ 'bãi bỏ' (chọn một trong: "
         "thay-the (Thay thế), sua-doi (Sửa đổi, bổ sung), huong-dan (Hướng dẫn thi hành), "
         "lien-quan (Liên quan))"),
        ([{"target": "36a/NQ-CP"}], "relations: phần tử 0: kind: phải là chuỗi văn bản"),
        (["36a/NQ-CP"], 'relations: phần tử 0: cần một đối tượng {"kind": …, "target": …}'),
        ([{"kind": "Liên quan", "target": "17/nq-cp"}],
         "relations: văn bản không thể liên quan đến chính nó ('17/nq-cp')"),
        ([{"kind": "Liên quan", "target": "vb-17"}],
         "relations: văn bản không thể liên quan đến chính nó ('vb-17')"),
    ],
)
def test_bad_relations_are_refused_before_anything_is_written(run_import, jsonl, capsys, value,
                                                              problem):
    if isinstance(value, dict):
        value = [value]
    path = jsonl(document("17/NQ-CP", legacy_id="vb-17", relations=value))
    with pytest.raises(CommandError):
        run_import(path)
    assert capsys.readouterr().err.splitlines()[0] == f"line 1: {problem}"
    assert not pages()


# --- export ---------------------------------------------------------------------------------

def test_round_trip_keeps_status_end_date_field_type_and_relations(run_import, jsonl,
                                                                   tmp_path: Path):
    from .test_export import _empty_site

    path = jsonl(
        document("17/NQ-CP", field="Chính phủ điện tử", legacy_id="vb-17", relations=[
            {"kind": "Thay thế", "target": "36a/NQ-CP"},
            {"kind": "Liên quan", "target": "vb-lpqt"},
        ]),
        document("36a/NQ-CP", status="het hieu luc", effective="2015-10-14",
                 issued="2015-10-14"),
        document("12/2020/LPQT", doc_type="Điều ước quốc tế", status="Chưa có hiệu lực",
                 legacy_id="vb-lpqt"),
        document("2/2019/KH-BXD", doc_type="Kế hoạch", effective_until="2025-12-31",
                 status="Ngưng hiệu lực một phần",
                 relations=[{"kind": "huong-dan", "target": "17/NQ-CP"}]),
    )
    run_import(path)
    first = tmp_path / "one.jsonl"
    call_command("export_content", str(first))
    records = {
        r["number"]: r
        for r in map(json.loads, first.read_text(encoding="utf-8").splitlines())
        if r["type"] == "legal_document"
    }
    assert records["17/NQ-CP"]["relations"] == [
        {"kind": "Thay thế", "target": "36a/NQ-CP"},
        {"kind": "Liên quan", "target": "12/2020/LPQT"},
    ]
    assert records["17/NQ-CP"]["field"] == "Chính phủ điện tử"
    assert records["36a/NQ-CP"]["status"] == "Hết hiệu lực toàn bộ"
    assert "effective_until" not in records["36a/NQ-CP"]
    assert records["12/2020/LPQT"]["doc_type"] == "Điều ước quốc tế"
    assert records["2/2019/KH-BXD"]["effective_until"] == "2025-12-31"
    assert records["2/2019/KH-BXD"]["status"] == "Ngưng hiệu lực một phần"

    _empty_site()
    call_command("import_content", str(first))
    second = tmp_path / "two.jsonl"
    call_command("export_content", str(second))
    assert second.read_bytes() == first.read_bytes()
    assert relations(pages()["17/NQ-CP"]) == [("thay-the", "36a/NQ-CP"),
                                              ("lien-quan", "12/2020/LPQT")]


def test_a_relation_to_itself_by_an_older_legacy_id_is_refused(run_import, jsonl, capsys):
    run_import(jsonl(document("17/NQ-CP", legacy_id="vb-17"), name="first.jsonl"))
    path = jsonl(document("17/NQ-CP", legacy_id="vb-2019-17", summary="Trích yếu mới",
                          relations=[{"kind": "Liên quan", "target": "vb-17"}]))
    with pytest.raises(CommandError):
        run_import(path)
    assert capsys.readouterr().err.splitlines()[0] == (
        "line 1: relations: văn bản không thể liên quan đến chính nó"
    )
    assert pages()["17/NQ-CP"].summary == "Trích yếu"
