"""The import attacks of the security review (issue 17): each is refused in the validation
pass with ``line N: field: problem`` and nothing is written — no traceback, no 500 afterwards,
no memory blown up by one line."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from django.core.management.base import CommandError

from cms.importer.reader import MAX_LINE_BYTES, check_file, file_hasher
from cms.models import ImportRun
from tests.security.media import HTML, huge_png, image_bytes, truncated_jpeg

from .conftest import ARTICLE

pytestmark = pytest.mark.django_db

BANNER = {"type": "banner", "title": "Dịch vụ công", "url": "https://dichvucong.gov.vn"}
DOCUMENT = {
    "type": "legal_document", "number": "17/NQ-CP", "doc_type": "Nghị quyết",
    "issuer": "Chính phủ", "issued": "2019-03-07", "summary": "Về Chính phủ điện tử.",
}


def _refused(run_import, path: Path, capsys) -> str:
    """Run the import, expect the file refused whole; the errors it printed."""
    from news.models import NewsArticlePage

    with pytest.raises(CommandError):
        run_import(path)
    assert not NewsArticlePage.objects.exists()
    assert ImportRun.objects.get().status == "refused"
    return capsys.readouterr().err


def _file(workdir: Path, name: str, data: bytes) -> str:
    (workdir / "files" / name).write_bytes(data)
    return f"files/{name}"


def test_an_html_file_named_jpg_is_refused(run_import, jsonl, workdir, client, capsys):
    name = _file(workdir, "notimage.jpg", HTML)
    err = _refused(run_import, jsonl(ARTICLE, {**ARTICLE, "slug": "b", "images": [
        {"file": name}]}), capsys)
    assert "line 2: images: phần tử 0: 'files/notimage.jpg': " in err
    assert "không phải là ảnh" in err
    assert client.get("/").status_code == 200


def test_a_truncated_jpeg_is_refused_before_writing(run_import, jsonl, workdir, capsys):
    name = _file(workdir, "cut.jpg", truncated_jpeg())
    err = _refused(run_import, jsonl({**ARTICLE, "images": [{"file": name}]}), capsys)
    assert "line 1: images: phần tử 0: 'files/cut.jpg': " in err and "bị cắt cụt" in err


def test_a_png_of_144_megapixels_is_refused_by_its_header(run_import, jsonl, workdir, capsys):
    name = _file(workdir, "banner.png", huge_png())
    err = _refused(run_import, jsonl({**BANNER, "image": name}), capsys)
    assert "line 1: image: 'files/banner.png': Ảnh quá lớn" in err


def test_an_image_over_the_admins_pixel_limit_is_refused(
    run_import, jsonl, workdir, capsys, settings
):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    name = _file(workdir, "anh.png", image_bytes("PNG", (101, 100)))
    err = _refused(run_import, jsonl({**ARTICLE, "images": [{"file": name}]}), capsys)
    assert "vượt giới hạn 10.000 điểm ảnh" in err


def test_the_pixel_limit_is_set_explicitly():
    from django.conf import settings

    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 128_000_000


def test_an_attachment_is_refused_unless_its_content_is_an_allowed_type(
    run_import, jsonl, workdir, capsys
):
    html_pdf = _file(workdir, "nghi-dinh.pdf", HTML)
    program = _file(workdir, "setup.exe", b"MZ\x90\x00" + bytes(100))
    err = _refused(run_import, jsonl(
        {**DOCUMENT, "attachment": html_pdf},
        {**DOCUMENT, "number": "18/NQ-CP", "attachment": program},
    ), capsys)
    assert "line 1: attachment: 'files/nghi-dinh.pdf': Nội dung tệp không phải là tệp .pdf" in err
    assert "line 2: attachment: 'files/setup.exe': Loại tệp .exe không được nhận" in err


def test_a_line_over_the_cap_is_refused_without_reading_it_whole(workdir):
    path = workdir / "huge.jsonl"
    body = "<p>" + "x" * (15 * MAX_LINE_BYTES) + "</p>"  # a 30 MB line
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(ARTICLE) + "\n")
        handle.write(json.dumps({**ARTICLE, "slug": "dai", "body": body}) + "\n")
        handle.write(json.dumps({**ARTICLE, "slug": "sau"}) + "\n")
    del body
    tracemalloc.start()
    try:
        check = check_file(path, file_hasher())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert check.errors == ["line 2: json: dòng dài quá 2 MB"]
    assert check.counts["article"] == 2  # the lines around it are read as usual
    assert peak < 4 * MAX_LINE_BYTES


@pytest.mark.parametrize(("line", "problem"), [
    ('{"type": "article", "title": "\\ud800"}', "json: chuỗi chứa ký tự \\uD800–\\uDFFF đứng lẻ"),
    ("[" * 100_000 + "]" * 100_000, "json: JSON lồng nhau quá sâu"),
])
def test_a_lone_surrogate_or_deep_json_gives_its_line(run_import, jsonl, capsys, line, problem):
    err = _refused(run_import, jsonl(ARTICLE, line), capsys)
    assert f"line 2: {problem}" in err
    assert "Traceback" not in err


def test_a_surrogate_pair_is_text(run_import, jsonl):
    from news.models import NewsArticlePage

    line = json.dumps({**ARTICLE, "title": "Nhà ở 🏠"})  # ASCII: the pair as two escapes
    assert "\\ud83c\\udfe0" in line
    run_import(jsonl(line))
    assert NewsArticlePage.objects.get().title == "Nhà ở 🏠"


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00+07:00", "9999-12-31T23:59:59-07:00"])
def test_dates_at_the_ends_of_the_calendar_are_refused(run_import, jsonl, capsys, when):
    err = _refused(run_import, jsonl({**ARTICLE, "published_at": when}), capsys)
    assert f"line 1: published_at: năm ngoài khoảng 1800–2200: '{when}'" in err


def test_a_legal_date_at_year_9999_is_refused(run_import, jsonl, capsys):
    with pytest.raises(CommandError):
        run_import(jsonl({**DOCUMENT, "issued": "9999-12-31"}))
    assert "line 1: issued: năm ngoài khoảng" in capsys.readouterr().err


SCRIPT = """
import os, signal, sys
import django
django.setup()
from cms.importer.parallel import Pool
pool = Pool(enabled=True)
pids = {pool.submit(os.getpid).result() for _ in range(8)}
print(" ".join(map(str, sorted(pids))), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.django_db(False)
def test_a_killed_import_leaves_no_worker_alive():
    import os
    import subprocess
    import sys
    import tempfile
    import time

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get(
        "DJANGO_SETTINGS_MODULE", "cms.settings.test")}
    out = Path(tempfile.mkdtemp()) / "pids"
    with open(out, "w") as handle:  # a file, not a pipe: a surviving worker would hold a pipe
        parent = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", SCRIPT], stdout=handle, env=env,
            cwd=Path(__file__).resolve().parents[2],
        )
        assert parent.wait(timeout=300) == -9
    workers = [int(pid) for pid in out.read_text().split()]
    assert workers

    def alive(pid: int) -> bool:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            return False
        return "State:\tZ" not in status

    deadline = time.monotonic() + 60
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if alive(pid)]


def test_the_files_of_a_killed_import_are_removed_by_the_next_one(run_import, jsonl):
    import os

    from django.core.files.base import ContentFile

    from wagtail.images import get_image_model

    from cms.importer.media import JOURNALS

    model = get_image_model()
    storage = model._meta.get_field("file").storage
    orphan = storage.save("original_images/mo-coi.png", ContentFile(image_bytes("PNG")))
    kept = model.objects.create(title="Ảnh", file=ContentFile(image_bytes("PNG"), "giu.png"))
    JOURNALS.mkdir(parents=True, exist_ok=True)
    journal = JOURNALS / f"{_dead_pid()}-test.txt"
    journal.write_text(f"wagtailimages.Image\t{orphan}\nwagtailimages.Image\t{kept.file.name}\n",
                       encoding="utf-8")

    run_import(jsonl({**ARTICLE, "images": [{"file": "files/dich-vu-cong-truc-tuyen.jpg"}]}))
    assert not storage.exists(orphan)
    assert storage.exists(kept.file.name)
    assert not journal.exists()
    assert not list(JOURNALS.glob(f"{os.getpid()}-*.txt"))  # a committed run keeps none


def _dead_pid() -> int:
    import subprocess

    process = subprocess.Popen(["true"])  # noqa: S603, S607 - a pid that no longer runs
    process.wait()
    return process.pid


def test_an_article_body_with_image_tags_without_alt_text_imports_and_shows(
    run_import, jsonl, client
):
    """Legacy ``<img>`` tags (no ``data-alt``, or this site's embed form naming no alt text)
    broke the write pass; the body keeps its text and the page shows."""
    from news.models import NewsArticlePage

    body = (
        '<p>Trước ảnh.</p><img data-embedtype="image" data-id="1" data-format="left">'
        '<img src="/anh/cu.jpg"><p>Sau ảnh.</p>'
    )
    run_import(jsonl({**ARTICLE, "body": body}))
    article = NewsArticlePage.objects.get()
    html = client.get(article.url).content.decode()
    assert "Trước ảnh." in html and "Sau ảnh." in html
    assert 'data-embedtype="image"' not in html and "/anh/cu.jpg" not in html
