"""Procedures and legal documents take the bulk path: proven equal, field by field, to the
page-API path (``PageWriter.create`` → ``slow.create_page``) they replaced — rows, child rows,
many-to-many rows, revisions, history, references, search entries and a sound tree."""

from __future__ import annotations

import pytest

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from cms.importer.context import Context
from cms.importer.media import MediaLibrary
from cms.importer.pages import PageWriter
from cms.importer.reader import file_hasher
from cms.importer.schema import validate

from .conftest import DATA

pytestmark = pytest.mark.django_db

VARIABLE = {
    "id", "page_ptr", "path", "slug", "url_path", "translation_key", "latest_revision",
    "live_revision", "first_published_at", "last_published_at", "latest_revision_created_at",
    "title", "draft_title", "number", "code", "filter_text",
}

DOCUMENT = {
    "type": "legal_document", "number": "17/nq-cp", "doc_type": "Nghị quyết",
    "issuer": "Chính phủ", "issued": "2019-03-07", "effective": "2019-03-07",
    "signer": "Nguyễn Xuân Phúc", "status": "Còn hiệu lực", "field": "Chính phủ điện tử",
    "summary": "Về phát triển Chính phủ điện tử.", "body": "<p>Chỉ tiêu <b>mức độ 4</b>.</p>",
    "attachment": "files/nghi-quyet-17-nq-cp.pdf",
}
PROCEDURE = {
    "type": "procedure", "code": "1.009972", "name": "Cấp chứng chỉ năng lực hạng I",
    "field": "Hoạt động xây dựng", "level": 4, "agency": "Cục Quản lý hoạt động xây dựng",
    "applicant": "Tổ chức", "processing_time": "20 ngày", "fee": "1.000.000 đồng",
    "documents": ["Đơn đề nghị", "Quyết định thành lập"],
    "steps": "<ol><li>Nộp hồ sơ.</li></ol>", "requirements": "<p>Có <i>kinh nghiệm</i>.</p>",
    "result": "Chứng chỉ", "legal_basis": "Nghị quyết 17/NQ-CP của Chính phủ\nLuật Xây dựng",
}


def _record(obj: dict, line: int = 1):
    record, errors = validate(obj, line, DATA, file_hasher())
    assert not errors, errors
    return record


def _ctx() -> Context:
    return Context(user=None, now=timezone.now(), media=MediaLibrary(file_hasher()))


def _both(writer_class, fast_obj: dict, slow_obj: dict):
    """The same content written once by the bulk writer, once by the page-API path."""
    fast_writer = writer_class(_ctx())
    fast_writer.prepare([_record(fast_obj)])
    (fast,) = fast_writer.create([_record(fast_obj)])
    reference = type("Reference", (writer_class,), {"create": PageWriter.create})(_ctx())
    reference.prepare([_record(slow_obj, 2)])
    (slow,) = reference.create([_record(slow_obj, 2)])
    model = writer_class.model
    return model.objects.get(pk=fast.pk), model.objects.get(pk=slow.pk)


def _row(page) -> dict:
    return {f.name: f.value_from_object(page) for f in type(page)._meta.concrete_fields
            if f.name not in VARIABLE}


def _children(page, accessors: list[str]) -> dict:
    skip = {"id", "page", "sort_order"}
    return {
        accessor: [
            {f.name: f.value_from_object(c) for f in c._meta.concrete_fields if f.name not in skip}
            for c in getattr(page, accessor).all()
        ]
        for accessor in accessors
    }


def _history(page):
    revision = Revision.objects.get(object_id=str(page.pk), base_content_type__model="page")
    actions = sorted(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    references = set(ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list(
        "to_content_type", "to_object_id", "model_path"))
    return revision, actions, references


def _same_history(fast, slow) -> None:
    fast_revision, fast_actions, fast_refs = _history(fast)
    slow_revision, slow_actions, slow_refs = _history(slow)
    assert fast.latest_revision == fast_revision and fast.live_revision == fast_revision
    assert fast_revision.content.keys() == slow_revision.content.keys()
    assert fast_revision.as_object().title == fast.title
    assert fast_actions == slow_actions == ["wagtail.create", "wagtail.publish"]
    assert fast_refs == slow_refs and fast_refs


def test_bulk_procedure_equals_the_page_api_one(home_page, client):
    from home.interchange.procedures import ProcedureWriter

    fast, slow = _both(ProcedureWriter, PROCEDURE, {**PROCEDURE, "code": "1.009973"})
    assert _row(fast) == _row(slow)
    assert fast.code == "1.009972" and fast.filter_text == fast.compute_filter_text()
    accessors = ["methods", "dossier_items", "legal_bases"]
    assert _children(fast, accessors) == _children(slow, accessors)
    assert [d.name for d in fast.dossier_items.all()] == PROCEDURE["documents"]
    assert list(fast.implementing_agencies.values_list("name", flat=True)) == [
        "Cục Quản lý hoạt động xây dựng"]
    assert list(fast.implementing_agencies.all()) == list(slow.implementing_agencies.all())
    _same_history(fast, slow)
    assert Page.find_problems() == ([], [], [], [], [])
    assert client.get(fast.url).status_code == 200
    found = {p.pk for p in type(fast).objects.search("chứng chỉ năng lực")}
    assert found == {fast.pk, slow.pk}


RELATED = {"effective_until": "2021-01-01", "status": "Hết hiệu lực",
           "relations": [{"kind": "Thay thế", "target": "36a/NQ-CP"}]}


def _old_document(home_page):
    from home.factories import PolicyIndexPageFactory, PolicyPageFactory
    from home.models import PolicyIndexPage

    index = PolicyIndexPage.objects.first() or PolicyIndexPageFactory(parent=home_page)
    return PolicyPageFactory(parent=index, number="36a/NQ-CP")


def test_bulk_legal_document_equals_the_page_api_one(home_page, client):
    from home.interchange.policies import LegalDocumentWriter

    old = _old_document(home_page)
    document = {**DOCUMENT, **RELATED}
    fast, slow = _both(LegalDocumentWriter, document, {**document, "number": "18/NQ-CP"})
    assert _row(fast) == _row(slow)
    assert fast.number == "17/NQ-CP" and fast.filter_text == fast.compute_filter_text()
    accessors = ["attachments", "relations"]
    assert _children(fast, accessors) == _children(slow, accessors)
    assert fast.attachments.get().document.title == "nghi-quyet-17-nq-cp"
    assert [(r.kind, r.target) for r in fast.relations.all()] == [("thay-the", old)]
    _same_history(fast, slow)
    assert Page.find_problems() == ([], [], [], [], [])
    assert client.get(fast.url).status_code == 200


def test_a_forward_relation_linked_at_the_end_equals_one_linked_at_once(home_page):
    """The end of the file links a relation to a page written later: the page, its revision
    and its references end as if the target had been there all along."""
    from home.interchange.policies import LegalDocumentWriter

    writer = LegalDocumentWriter(_ctx())
    record = _record({**DOCUMENT, **RELATED})
    writer.prepare([record])
    (late,) = writer.create([record])
    assert not late.relations.exists()
    old = _old_document(home_page)
    writer.end_of_file()
    reference = type("Reference", (LegalDocumentWriter,), {"create": PageWriter.create})(_ctx())
    slow_record = _record({**DOCUMENT, **RELATED, "number": "18/NQ-CP"}, 2)
    reference.prepare([slow_record])
    (slow,) = reference.create([slow_record])
    late = type(late).objects.get(pk=late.pk)
    assert _children(late, ["relations"]) == _children(slow, ["relations"])
    assert [r.target for r in late.relations.all()] == [old]
    _same_history(late, slow)
    late_content = late.latest_revision.content["relations"]
    slow_content = slow.latest_revision.content["relations"]
    assert [(r["kind"], r["target"]) for r in late_content] == [
        (r["kind"], r["target"]) for r in slow_content] == [("thay-the", old.pk)]


def test_portal_import_is_all_or_nothing_and_idempotent(run_import, jsonl):
    from home.models import PolicyPage, ProcedurePage

    records = [{**PROCEDURE, "code": f"1.{n:06d}"} for n in range(30)]
    records += [{**DOCUMENT, "number": f"{n}/NQ-CP"} for n in range(1, 31)]
    path = jsonl(*records)
    out, _ = run_import(path)
    assert "tạo mới 60" in out
    assert ProcedurePage.objects.count() == 30 and PolicyPage.objects.count() == 30
    before = list(Revision.objects.order_by("pk").values_list("pk", flat=True))
    out, _ = run_import(path)
    assert "tạo mới 0, cập nhật 0, không đổi 60" in out
    assert list(Revision.objects.order_by("pk").values_list("pk", flat=True)) == before
    call_command("fixtree")


@pytest.mark.parametrize("size", [5, 25])
def test_a_procedure_batch_costs_the_same_queries_whatever_its_size(home_page, size):
    """Agencies and sectors are fetched once per name, not once per record. (The search
    index's own rows are the search app's: on SQLite it writes them page by page.)"""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.interchange.procedures import ProcedureWriter

    writer = ProcedureWriter(_ctx())
    writer.write([_record({**PROCEDURE, "code": "1.000000"})])  # section, terms, caches
    records = [_record({**PROCEDURE, "code": f"1.{n:06d}"}, n) for n in range(1, size + 1)]
    with CaptureQueriesContext(connection) as queries:
        writer.write(records)
    ours = [q["sql"] for q in queries.captured_queries if "search_searchentry" not in q["sql"]]
    assert len(ours) == 21


def test_imported_rich_text_keeps_only_what_the_field_allows(run_import, jsonl):
    from home.models import PolicyPage, ProcedurePage

    embed = '<div data-embedtype="media" data-url="https://www.youtube.com/watch?v=x"></div>'
    image = '<img data-embedtype="image" data-id="1" data-format="left">'
    run_import(jsonl(
        {**PROCEDURE, "steps": f"<h2>Bước</h2>{embed}<ol><li>Nộp.</li></ol>"},
        {**{k: v for k, v in DOCUMENT.items() if k != "attachment"},
         "body": f"<p>Nội dung</p>{embed}{image}"},
    ))
    steps = ProcedurePage.objects.get().steps
    body = PolicyPage.objects.get().body
    assert "<h2>" not in steps and "embed" not in steps and "<ol><li>Nộp.</li></ol>" in steps
    assert "embed" not in body and "<p>Nội dung</p>" in body


@pytest.mark.parametrize("size", [3, 30])
def test_units_are_inserted_and_indexed_in_bulk(size, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail.search.backends import get_search_backend

    from home.interchange.sites import UnitWriter
    from home.models import UnitSite

    units = [{"type": "unit", "name": f"Viện Vật liệu {n}", "url": f"https://vien{n}.vn"}
             for n in range(size)]
    writer = UnitWriter(_ctx())
    records = [_record(unit, n) for n, unit in enumerate(units, start=1)]
    with CaptureQueriesContext(connection) as queries:
        writer.write(records)
    ours = [q["sql"] for q in queries.captured_queries if "search_searchentry" not in q["sql"]]
    assert len(ours) == 6  # the same for 3 units or 30
    assert UnitSite.objects.count() == size
    found = get_search_backend().search("vật liệu", UnitSite)
    assert {u.url for u in found} == {u["url"] for u in units}
