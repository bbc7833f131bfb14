"""A file with any bad line is refused whole, each problem as ``line N: field: problem``."""

from __future__ import annotations

import unicodedata

import pytest

from django.core.management.base import CommandError

from wagtail.models import Page, Revision

from cms.models import ImportRun

from .conftest import ARTICLE


def refused(run_import, capsys, path) -> list[str]:
    with pytest.raises(CommandError) as error:
        run_import(path)
    assert error.value.returncode == 1
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("line ")]


@pytest.fixture(params=["one chunk", "many chunks", "workers"])
def reading(request, monkeypatch) -> str:
    """The file read whole, in chunks of a few lines (a key repeated across chunks), or in
    chunks by worker processes (what a large file gets)."""
    if request.param != "one chunk":
        monkeypatch.setattr("cms.importer.reader.CHUNK_BYTES", 64)
    if request.param == "workers":
        monkeypatch.setattr("cms.importer.run.MIN_BYTES", 1)
    return request.param


@pytest.mark.django_db
def test_every_bad_line_is_reported_and_nothing_is_written(jsonl, run_import, capsys, home_page,
                                                            reading):
    pages, revisions = Page.objects.count(), Revision.objects.count()
    path = jsonl(
        ARTICLE,                                                       # 1: fine
        '{"type": "article", "title": ',                               # 2: broken JSON
        {"type": "podcast", "title": "x"},                             # 3: unknown type
        {**ARTICLE, "title": "Khác", "lead": None},                    # 4: missing lead
        {**ARTICLE, "title": "Khác 2", "published_at": "2021-03-01T08:30:00"},  # 5: no offset
        {**ARTICLE, "title": "Khác 3", "published_at": "01/03/2021"},  # 6: not ISO
        {"type": "procedure", "code": "1.009972", "name": "Thủ tục", "field": "Nhà ở",
         "level": 7},                                                  # 7: bad level
        {**ARTICLE},                                                   # 8: duplicate slug of 1
        {"type": "unit", "name": "Viện", "url": "vibm.vn"},            # 9: not a URL
        {"type": "legal_document", "number": "17/NQ-CP", "doc_type": "Nghị quyết",
         "issuer": "Chính phủ", "issued": "2019-02-30", "summary": "x"},  # 10: no such date
        ["not", "an", "object"],                                       # 11
    )
    lines = refused(run_import, capsys, path)
    assert [int(line.split(":")[0].split()[1]) for line in lines] == sorted(
        int(line.split(":")[0].split()[1]) for line in lines
    )
    assert lines[0].startswith("line 2: json: JSON hỏng")
    assert lines[1].startswith("line 3: type: loại bản ghi không hợp lệ: 'podcast'")
    assert "line 4: lead: thiếu trường bắt buộc" in lines
    assert any(line.startswith("line 5: published_at: thiếu múi giờ") for line in lines)
    assert any(line.startswith("line 6: published_at: ngày giờ không hợp lệ") for line in lines)
    assert any(line.startswith("line 7: level: mức độ 7 không hợp lệ") for line in lines)
    assert any(
        line.startswith("line 8: slug: khóa 'bo-xay-dung-hop-ban-ve-nha-o-xa-hoi' trùng với dòng 1")
        for line in lines
    )
    assert any(line.startswith("line 9: url: địa chỉ web không hợp lệ") for line in lines)
    assert any(line.startswith("line 10: issued: ngày không tồn tại") for line in lines)
    assert "line 11: type: mỗi dòng phải là một đối tượng JSON" in lines
    assert len(lines) == 10
    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions
    run = ImportRun.objects.get()
    assert run.status == "refused"
    assert "line 2: json" in run.errors


@pytest.mark.django_db
def test_duplicate_legacy_id_and_bad_codes(jsonl, run_import, capsys, home_page):
    path = jsonl(
        {**ARTICLE, "legacy_id": "a-1"},
        {**ARTICLE, "title": "Bài khác", "legacy_id": "a-1"},
        {"type": "procedure", "code": "1009972", "name": "Thủ tục", "field": "Nhà ở", "level": 4},
        {"type": "procedure", "code": "1.009973", "name": "Thủ tục", "field": "Nhà ở", "level": 4,
         "portal_url": "https://example.com/nop-ho-so"},
        {"type": "legal_document", "number": "17 NQ CP", "doc_type": "Nghị quyết",
         "issuer": "Chính phủ", "issued": "2019-03-07", "summary": "x"},
        {"type": "legal_document", "number": "18/NQ-CP", "doc_type": "Nghị quyết",
         "issuer": "Chính phủ", "issued": "2019-03-07", "effective": "2019-03-01", "summary": "x"},
        {**ARTICLE, "title": "Ảnh", "images": [{"file": "files/khong-co.jpg"}]},
        {**ARTICLE, "title": "Ảnh 2", "images": [{"file": "../../etc/passwd"}]},
        {**ARTICLE, "title": "Ảnh 3", "images": [{"file": "files/nghi-quyet-17-nq-cp.pdf"}]},
        {**ARTICLE, "title": "Trạng thái", "status": "published"},
    )
    lines = refused(run_import, capsys, path)
    assert lines[0] == "line 2: legacy_id: khóa 'a-1' trùng với dòng 1"
    assert lines[1].startswith("line 3: code: Mã thủ tục không đúng định dạng")
    assert lines[2].startswith("line 4: portal_url: Đường dẫn nộp hồ sơ phải thuộc Cổng dịch")
    assert lines[3].startswith("line 5: number: Số ký hiệu không đúng định dạng")
    assert lines[4] == "line 6: effective: ngày có hiệu lực trước ngày ban hành"
    assert lines[5] == "line 7: images: phần tử 0: không tìm thấy tệp 'files/khong-co.jpg'"
    assert lines[6].startswith("line 8: images: phần tử 0: '../../etc/passwd': đường dẫn ra ngoài")
    assert lines[7].startswith(
        "line 9: images: phần tử 0: 'files/nghi-quyet-17-nq-cp.pdf' không phải ảnh"
    )
    assert lines[8].startswith("line 10: status: giá trị 'published' không hợp lệ")


@pytest.mark.django_db
def test_not_utf8_and_blank_lines(workdir, run_import, capsys, home_page):
    path = workdir / "latin1.jsonl"
    path.write_bytes(b'\n{"type": "unit", "name": "Vi\xeak", "url": "https://a.vn"}\n\n')
    assert refused(run_import, capsys, path) == ["line 2: json: không phải UTF-8"]


@pytest.mark.django_db
def test_unknown_keys_are_ignored_and_text_is_nfc(jsonl, run_import, home_page):
    from news.models import NewsArticlePage

    nfd_title = unicodedata.normalize("NFD", "Quy hoạch đô thị Hà Nội")
    run_import(jsonl({**ARTICLE, "title": nfd_title, "view_count": 1234, "legacy": {"x": 1}}))
    page = NewsArticlePage.objects.get()
    assert page.title == unicodedata.normalize("NFC", "Quy hoạch đô thị Hà Nội")
    assert page.slug == "quy-hoach-do-thi-ha-noi"
    assert not hasattr(page, "view_count")


def test_missing_file_is_a_command_error(run_import, db):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        run_import("/nonexistent/file.jsonl")
