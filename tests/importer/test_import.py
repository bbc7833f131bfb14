"""Importing the sample: the page tree, every record type, media, history, idempotence."""

from __future__ import annotations

import io
import json

import pytest

from django.core.management import call_command

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from cms.importer import import_file
from cms.importer.progress import Progress
from cms.models import ImportedRecord, ImportRun

from .conftest import ARTICLE, SAMPLE

pytestmark = pytest.mark.django_db


def test_sample_builds_the_tree_and_every_record_type(run_import, client):
    from home.models import PolicyPage, ProcedurePage, UnitSite
    from home.models.settings import SiteSettings
    from news.models import NewsArticlePage

    out, err = run_import(SAMPLE)
    assert "tạo mới 11, cập nhật 0, không đổi 0" in out
    assert err == ""

    article = NewsArticlePage.objects.get(slug__startswith="bo-xay-dung-se-cung-cap")
    assert article.url == (
        "/tin-tuc/bo-xay-dung-se-cung-cap-20-dich-vu-cong-truc-tuyen-muc-4-trong-nam-2020/"
    )
    assert article.live and not article.has_unpublished_changes
    assert article.category.name == "Cải cách hành chính"
    assert article.category.slug == "cai-cach-hanh-chinh"
    assert sorted(t.name for t in article.tags.all()) == ["Chính phủ điện tử", "dịch vụ công"]
    assert article.main_image_caption.startswith("Từ nay đến cuối năm 2020")
    assert article.published_at.isoformat() == "2020-09-21T02:07:00+00:00"
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thứ hai, 21/09/2020 09:07" in html
    assert "Nghị quyết 17</a>" in html

    draft = NewsArticlePage.objects.get(slug="ban-nhap-thi-truong-bat-dong-san-quy-iv")
    assert not draft.live and draft.has_unpublished_changes and draft.live_revision is None
    assert client.get(draft.url).status_code == 404

    # One photo used by two articles (as main image, and as a body image) is one library item.
    assert get_image_model().objects.count() == 2
    second = NewsArticlePage.objects.get(slug="hoi-nghi-tap-huan-ve-do-thi-thong-minh")
    assert second.main_image == article.main_image
    image_blocks = [b for b in second.body if b.block_type == "image"]
    assert image_blocks[0].value["caption"] == "Ảnh thứ hai trong bài"

    procedure = ProcedurePage.objects.get(code="1.009972")
    assert procedure.url == "/thu-tuc-hanh-chinh/1-009972/"
    assert procedure.level == 4 and procedure.sector.name == "Hoạt động xây dựng"
    agencies = [a.name for a in procedure.implementing_agencies.all()]
    assert agencies == ["Cục Quản lý hoạt động xây dựng"]
    assert procedure.methods.get().fee == "1.000.000 đồng"
    assert procedure.dossier_items.count() == 2
    bases = list(procedure.legal_bases.order_by("sort_order"))
    assert bases[0].policy == PolicyPage.objects.get(number="17/NQ-CP")  # on the site: linked
    assert bases[1].policy is None and bases[1].text == "Luật Xây dựng số 50/2014/QH13"
    one_part = ProcedurePage.objects.get(code="1.009975")
    assert one_part.level == 3 and not one_part.live  # "một phần", status draft

    document = PolicyPage.objects.get(number="17/NQ-CP")
    assert document.url == "/chinh-sach-phap-luat/17-nq-cp/"
    assert document.title == "Nghị quyết 17/NQ-CP" and document.doc_type == "nghi-quyet"
    assert document.issuer.name == "Chính phủ"
    assert document.attachments.get().document.file_hash
    assert get_document_model().objects.count() == 1

    assert list(UnitSite.objects.order_by("order").values_list("url", "kind")) == [
        ("https://vibm.vn", "unit"), ("https://hancorp.com.vn", "enterprise")
    ]
    settings = SiteSettings.objects.get()
    banners = [block.value for block in settings.sidebar_banners]
    assert [b["url"] for b in banners] == ["https://dichvucong.gov.vn", "https://vanban.chinhphu.vn"]
    assert banners[0]["image"] is not None and banners[1]["link_text"] == "Tra cứu"

    # Natural keys remembered; legacy ids kept for export.
    mapping = ImportedRecord.objects.get(kind="article", key="tin-2020-0921")
    assert mapping.legacy_id == "tin-2020-0921"
    run = ImportRun.objects.get()
    assert (run.status, run.created, run.updated, run.unchanged) == ("ok", 11, 0, 0)


def test_history_shows_the_import(run_import):
    from news.models import NewsArticlePage

    run_import(SAMPLE)
    for page in NewsArticlePage.objects.all():
        assert Revision.objects.filter(object_id=str(page.pk)).count() == 1
        actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
        expected = {"wagtail.create", "wagtail.publish"} if page.live else {"wagtail.create"}
        assert actions == expected


def test_same_file_twice_changes_nothing(run_import):
    run_import(SAMPLE)
    pages, revisions = Page.objects.count(), Revision.objects.count()
    logs = PageLogEntry.objects.count()
    images = get_image_model().objects.count()
    out, _ = run_import(SAMPLE)
    assert "tạo mới 0, cập nhật 0, không đổi 11" in out
    assert (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count()) == (
        pages, revisions, logs
    )
    assert get_image_model().objects.count() == images


def test_changed_record_updates_in_place(run_import, jsonl, client):
    from home.models import ProcedurePage
    from news.models import NewsArticlePage

    lines = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    run_import(jsonl(*lines))
    article = NewsArticlePage.objects.get(slug__startswith="bo-xay-dung-se-cung-cap")
    url, pk = article.url, article.pk

    for record in lines:
        if record.get("legacy_id") == "tin-2020-0921":
            record["title"] = "Bộ Xây dựng cung cấp 20 dịch vụ công trực tuyến mức 4"
            record["tags"] = ["dịch vụ công"]
        if record.get("code") == "1.009972":
            record["level"] = "một phần"
    out, _ = run_import(jsonl(*lines, name="changed.jsonl"))
    assert "tạo mới 0, cập nhật 2, không đổi 9" in out

    article = NewsArticlePage.objects.get(pk=pk)
    assert article.title == "Bộ Xây dựng cung cấp 20 dịch vụ công trực tuyến mức 4"
    assert article.url == url  # the URL stays
    assert [t.name for t in article.tags.all()] == ["dịch vụ công"]
    assert Revision.objects.filter(object_id=str(pk)).count() == 2
    assert "Bộ Xây dựng cung cấp 20 dịch vụ công" in client.get(url).content.decode()
    assert ProcedurePage.objects.get(code="1.009972").level == 3


def test_slug_key_matches_a_page_made_by_an_editor(run_import, jsonl, home_page):
    from news.factories import NewsArticlePageFactory, NewsIndexPageFactory
    from news.models import NewsArticlePage

    index = NewsIndexPageFactory(parent=home_page, title="Tin tức", slug="tin-tuc")
    existing = NewsArticlePageFactory(parent=index, title="Cũ", slug="bai-cua-bien-tap-vien")
    run_import(jsonl({**ARTICLE, "slug": "Bài của biên tập viên"}))
    page = NewsArticlePage.objects.get()
    assert page.pk == existing.pk and page.title == ARTICLE["title"]


def test_slug_clash_between_legacy_records_gets_a_suffix(run_import, jsonl, home_page):
    from news.models import NewsArticlePage

    run_import(jsonl({**ARTICLE, "legacy_id": "1"}, {**ARTICLE, "legacy_id": "2"},
                     {**ARTICLE, "legacy_id": "3", "title": "2020"}, {**ARTICLE, "legacy_id": "4",
                                                                      "title": "RSS"}))
    assert sorted(NewsArticlePage.objects.values_list("slug", flat=True)) == [
        "2020-2", "bo-xay-dung-hop-ban-ve-nha-o-xa-hoi", "bo-xay-dung-hop-ban-ve-nha-o-xa-hoi-2",
        "rss-2",
    ]


def test_html_is_whitelisted(run_import, jsonl):
    from news.models import NewsArticlePage

    body = '<p onclick="x()">An <script>alert(1)</script><b>toàn</b> <img src=x onerror=y></p>'
    run_import(jsonl({**ARTICLE, "body": body}))
    stored = NewsArticlePage.objects.get().body[0].value.source
    assert stored == "<p>An alert(1)<b>toàn</b> </p>"


def test_a_reference_only_the_database_settles_refuses_the_file_at_write_time(
    run_import, jsonl, capsys
):
    """What only the written site can tell (a related document that is nowhere) refuses the
    whole file too, after its pages were written: they are rolled back."""
    from django.core.management.base import CommandError

    document = {
        "type": "legal_document", "number": "17/NQ-CP", "doc_type": "Nghị quyết",
        "issuer": "Chính phủ", "issued": "2019-03-07", "summary": "Trích yếu",
    }
    path = jsonl(
        ARTICLE,
        {**document, "relations": [{"kind": "Thay thế", "target": "36a/NQ-CP"}]},
        {**document, "number": "18/NQ-CP"},
    )
    with pytest.raises(CommandError):
        run_import(path)
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        "line 2: relations: không tìm thấy văn bản '36a/NQ-CP' theo số ký hiệu hay legacy_id, "
        "trên trang hay trong tệp"
    )
    assert Page.objects.filter(depth__gt=2).count() == 0
    assert ImportRun.objects.get().status == "refused"


def test_failure_in_the_middle_rolls_everything_back(run_import, monkeypatch, capsys):
    """A database error after pages, revisions and files were written: nothing stays."""
    from django.core.management.base import CommandError
    from django.db import DatabaseError

    def broken(self, records):
        raise DatabaseError("disk full (injected)")

    # Banners are written last of their batch order after units, documents and procedures are
    # flushed at the end; articles (a smaller batch) too: make the last writer fail.
    from news import interchange

    monkeypatch.setattr(interchange.ArticleWriter, "write", broken)
    media_before = get_image_model().objects.count()
    files_before = _media_files()
    with pytest.raises(CommandError):
        run_import(SAMPLE)
    err = capsys.readouterr().err
    assert "lỗi khi ghi, đã hoàn tác: disk full (injected)" in err
    assert Page.objects.filter(depth__gt=2).count() == 0
    assert Revision.objects.count() == 0
    assert get_image_model().objects.count() == media_before
    assert get_document_model().objects.count() == 0
    assert _media_files() == files_before  # the banner image and the PDF were stored, then removed
    assert ImportRun.objects.get().status == "failed"


def _media_files() -> set[str]:
    from pathlib import Path

    from django.conf import settings

    return {str(p) for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}


def test_search_finds_imported_pages(run_import):
    from news.models import NewsArticlePage

    run_import(SAMPLE)
    found = NewsArticlePage.objects.live().search("dịch vụ công trực tuyến")
    assert [p.slug for p in found][:1] == [
        "bo-xay-dung-se-cung-cap-20-dich-vu-cong-truc-tuyen-muc-4-trong-nam-2020"
    ]
    assert list(NewsArticlePage.objects.live().search("do thi thong minh"))


def test_progress_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet, loud = io.StringIO(), Tty()
    for stream in (quiet, loud):
        meter = Progress(stream, total=2000, label="Nhập x.jsonl", interval=0)
        meter(500)
        meter(1500)
        meter.finish()
    assert quiet.getvalue() == ""
    shown = loud.getvalue()
    assert "Nhập x.jsonl: 500/2.000 (25,00%)" in shown
    assert "2.000/2.000 (100,00%)" in shown and "bản ghi/s" in shown and "còn 00:00:00" in shown


def test_import_file_api_reports_counts(tmp_path):
    outcome = import_file(SAMPLE)
    assert outcome.ok and outcome.counts["created"] == 11



def _stored_terms() -> dict[tuple, tuple[str, str, str]]:
    """(content type, object id) → the three columns' terms as the engine stores them."""
    from django.db import connection

    if connection.vendor == "postgresql":
        sql = ("SELECT content_type_id, object_id, title::text, body::text, extra::text "
               "FROM search_searchentry")
    else:
        sql = ("SELECT e.content_type_id, e.object_id, f.title, f.body, f.extra "
               "FROM search_searchentry e JOIN search_searchentry_fts f ON f.rowid = e.id")
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {tuple(row[:2]): tuple(row[2:]) for row in cursor.fetchall()}


def test_a_worker_process_cuts_the_search_terms_of_large_files(monkeypatch):
    """Above ``MIN_BYTES`` spawned workers read the file and cut the terms: the same as here."""
    from cms.importer import parallel, run

    started = []
    real = parallel.ProcessPoolExecutor

    def spy(*args, **kwargs):
        started.append(kwargs["mp_context"].get_start_method())
        return real(*args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", spy)
    monkeypatch.setattr(run, "MIN_BYTES", 1)
    monkeypatch.setattr("cms.importer.reader.CHUNK_BYTES", 2048)  # several chunks
    assert import_file(SAMPLE).ok
    assert started == ["spawn"]
    from_worker = _stored_terms()
    call_command("update_index", verbosity=0)  # every object again, cut in this process
    in_process = _stored_terms()
    assert len(from_worker) >= 11
    assert from_worker == {key: in_process[key] for key in from_worker}
