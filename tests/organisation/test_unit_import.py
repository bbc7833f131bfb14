"""The ``unit`` record carries the chart's optional keys (parent, category, English name,
functions, contacts); a record of the old format imports as before; export gives them back."""

from __future__ import annotations

import json

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from home.models import UnitSite


def write(path, *records) -> None:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )


def test_units_import_with_their_place_in_the_chart_and_export_the_same(db, tmp_path, capsys):
    source = tmp_path / "units.jsonl"
    write(
        source,
        {"type": "unit", "name": "Viện Vật liệu xây dựng", "url": "https://vibm.vn"},
        {"type": "unit", "name": "Trung tâm Kiểm định", "url": "https://kd.vibm.vn",
         "parent": "https://vibm.vn", "category": "trung-tam",
         "name_en": "Testing Centre", "functions": "<p>Kiểm định vật liệu.</p>",
         "head": "Giám đốc (dữ liệu mẫu)", "phone": "024 3858 1112",
         "email": "kd@vibm.vn", "address": "235 Nguyễn Trãi, Hà Nội"},
    )
    call_command("import_content", str(source))
    old = UnitSite.objects.get(url="https://vibm.vn")
    child = UnitSite.objects.get(url="https://kd.vibm.vn")
    assert (old.kind, old.category, old.parent) == ("unit", "khac", None)
    assert (child.parent, child.category, child.name_en) == (old, "trung-tam", "Testing Centre")
    assert (child.head, child.email) == ("Giám đốc (dữ liệu mẫu)", "kd@vibm.vn")

    out = tmp_path / "export.jsonl"
    call_command("export_content", str(out))
    units = [r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())
             if r["type"] == "unit"]
    assert [u["url"] for u in units] == ["https://vibm.vn", "https://kd.vibm.vn"]  # parent first
    assert units[1]["parent"] == "https://vibm.vn" and units[1]["category"] == "trung-tam"
    assert "parent" not in units[0] and "name_en" not in units[0]


def test_a_unknown_parent_or_a_bad_e_mail_refuses_the_file(db, tmp_path, capsys):
    source = tmp_path / "units.jsonl"
    write(
        source,
        {"type": "unit", "name": "Trung tâm", "url": "https://a.example.vn",
         "parent": "https://khong-co.example.vn"},
        {"type": "unit", "name": "Viện", "url": "https://b.example.vn", "email": "không phải"},
    )
    with pytest.raises(CommandError):
        call_command("import_content", str(source))
    err = capsys.readouterr().err
    assert "parent" in err or "email" in err
    assert not UnitSite.objects.exists()
