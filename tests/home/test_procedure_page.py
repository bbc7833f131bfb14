"""A procedure as a citizen reads it, and as an editor creates it in the admin."""

from __future__ import annotations

import json
import re

import pytest

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.factories import AgencyFactory, PolicyPageFactory, ProcedurePageFactory
from home.models import (
    ProcedureDossierItem,
    ProcedureLegalBasis,
    ProcedureMethod,
    ProcedurePage,
    ProcedureRelation,
)

from .helpers import visible_text

#: Queries of a procedure page with every field filled (caches warm); see the test below.
PROCEDURE_PAGE_QUERIES = 16


@pytest.fixture
def form_document(db):
    document = get_document_model()(title="Mẫu đơn đề nghị")
    document.file.save("mau-don.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


@pytest.fixture
def procedure(procedure_index, policy_index, construction, department, form_document):
    nq17 = PolicyPageFactory(parent=policy_index, number="17/NQ-CP", title="Nghị quyết 17/NQ-CP")
    page = ProcedurePageFactory.build(
        title="Cấp chứng chỉ năng lực hoạt động xây dựng hạng I",
        code="1.009972",
        level=4,
        sector=construction,
        procedure_type="TTHC được luật giao quy định chi tiết",
        applicants="Tổ chức",
        steps="<ol><li>Nộp hồ sơ trực tuyến</li></ol>",
        result="Chứng chỉ năng lực hạng I.",
        requirements="<p>Có đủ năng lực tài chính.</p>",
        portal_url="https://dichvucong.gov.vn/p/home/dvc-chi-tiet.html?ma=1.009972",
        decision_number="1234/QĐ-BXD",
        reception_address="Bộ phận Một cửa, 37 Lê Đại Hành, Hà Nội",
        keywords="chứng chỉ năng lực, hạng I",
        description="Tổ chức đề nghị cấp chứng chỉ năng lực hạng I.",
    )
    page.implementing_agencies = [department]
    page.competent_agencies = [AgencyFactory(name="Bộ Xây dựng")]
    page.authorised_agencies = [AgencyFactory(name="Sở Xây dựng Hà Nội")]
    page.coordinating_agencies = [AgencyFactory(name="Vụ Pháp chế")]
    related = ProcedurePageFactory(parent=procedure_index, code="1.009973",
                                   title="Cấp nâng hạng chứng chỉ năng lực")
    withdrawn = ProcedurePageFactory(parent=procedure_index, code="1.009974",
                                     title="Thủ tục đã rút")
    withdrawn.unpublish()
    page.related_procedures.add(ProcedureRelation(procedure=related))
    page.related_procedures.add(ProcedureRelation(procedure=withdrawn))
    page.methods.add(ProcedureMethod(channel="truc-tuyen", processing_time="20 ngày",
                                     fee="Phí: 1.000.000 đồng"))
    page.methods.add(ProcedureMethod(channel="buu-chinh", processing_time="25 ngày"))
    page.dossier_items.add(ProcedureDossierItem(name="Đơn đề nghị", form=form_document,
                                                originals=1, copies=0))
    page.dossier_items.add(ProcedureDossierItem(name="Giấy đăng ký doanh nghiệp", copies=2,
                                                originals=0))
    page.legal_bases.add(ProcedureLegalBasis(policy=nq17))
    page.legal_bases.add(ProcedureLegalBasis(text="Luật Xây dựng số 50/2014/QH13"))
    procedure_index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_procedure_page_shows_every_field(client, procedure, form_document):
    response = client.get(procedure.url)
    assert response.status_code == 200
    html = response.content.decode()
    shown = visible_text(html)
    for expected in (
        "Mã thủ tục 1.009972",
        "Số quyết định công bố 1234/QĐ-BXD",
        "Dịch vụ công trực tuyến Toàn trình",
        "Lĩnh vực Hoạt động xây dựng",
        "Cấp thực hiện Cấp Bộ",
        "Loại thủ tục TTHC được luật giao quy định chi tiết",
        "Cơ quan thực hiện Cục Quản lý hoạt động xây dựng",
        "Cơ quan có thẩm quyền Bộ Xây dựng",
        "Cơ quan được ủy quyền Sở Xây dựng Hà Nội",
        "Cơ quan phối hợp Vụ Pháp chế",
        "Đối tượng thực hiện Tổ chức",
        "Địa chỉ tiếp nhận hồ sơ Bộ phận Một cửa, 37 Lê Đại Hành, Hà Nội",
        "Từ khóa chứng chỉ năng lực, hạng I",
        "Mô tả Tổ chức đề nghị cấp chứng chỉ năng lực hạng I.",
        "Trực tuyến 20 ngày Phí: 1.000.000 đồng",
        "Dịch vụ bưu chính 25 ngày Không",
        "Giấy đăng ký doanh nghiệp 0 2",
        "Kết quả thực hiện Chứng chỉ năng lực hạng I.",
        "Luật Xây dựng số 50/2014/QH13",
        "Có đủ năng lực tài chính.",
        "Thủ tục liên quan Cấp nâng hạng chứng chỉ năng lực (1.009973)",
    ):
        assert expected in shown, expected
    assert "Mức 4" not in shown
    assert "<dt>Từ khóa</dt>" in html and "<dt>Địa chỉ tiếp nhận hồ sơ</dt>" in html
    related = ProcedurePage.objects.get(code="1.009973")
    assert f'<a href="{related.url}">Cấp nâng hạng chứng chỉ năng lực</a>' in html
    assert "Thủ tục đã rút" not in shown  # an unpublished related procedure is left out
    assert f'href="{form_document.url}" download' in html
    nq17 = procedure.legal_bases.first().policy
    assert f'href="{nq17.url}">17/NQ-CP – Nghị quyết 17/NQ-CP</a>' in html
    assert 'href="https://dichvucong.gov.vn/p/home/dvc-chi-tiet.html?ma=1.009972" ' \
        'rel="noopener external"' in html


def json_ld(html: str, kind: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    (found,) = [data for data in map(json.loads, blocks) if data["@type"] == kind]
    return found


def test_json_ld_carries_the_national_database_fields(client, procedure):
    data = json_ld(client.get(procedure.url).content.decode(), "GovernmentService")
    assert data["identifier"] == "1.009972"
    assert data["category"] == "TTHC được luật giao quy định chi tiết"
    assert data["jurisdiction"] == "Cấp Bộ"
    assert data["description"] == "Tổ chức đề nghị cấp chứng chỉ năng lực hạng I."
    assert data["subjectOf"] == {
        "@type": "Legislation", "name": "Quyết định công bố 1234/QĐ-BXD",
        "legislationIdentifier": "1234/QĐ-BXD",
    }
    assert [(p["name"], p["description"]) for p in data["provider"]] == [
        ("Cục Quản lý hoạt động xây dựng", "Cơ quan thực hiện"),
        ("Vụ Pháp chế", "Cơ quan phối hợp"),
    ]
    assert [o["name"] for o in data["serviceOperator"]] == ["Bộ Xây dựng"]
    assert [o["name"] for o in data["broker"]] == ["Sở Xây dựng Hà Nội"]
    online, in_person = data["availableChannel"]
    assert online["serviceUrl"].startswith("https://dichvucong.gov.vn/")
    assert in_person["serviceLocation"]["address"] == "Bộ phận Một cửa, 37 Lê Đại Hành, Hà Nội"
    assert data["mainEntityOfPage"]["keywords"] == "chứng chỉ năng lực, hạng I"
    related = ProcedurePage.objects.get(code="1.009973")
    assert data["isRelatedTo"] == [{
        "@type": "GovernmentService", "name": "Cấp nâng hạng chứng chỉ năng lực",
        "identifier": "1.009973", "url": f"http://testserver{related.url}",
    }]


def test_procedure_page_query_count(client, procedure, django_assert_num_queries):
    """The page with every field filled: the page and its site (…), methods, dossier items,
    legal bases, the four agency roles and the related procedures, one query each."""
    client.get(procedure.url)  # warm the site and sidebar caches, as in production
    with django_assert_num_queries(PROCEDURE_PAGE_QUERIES):
        assert client.get(procedure.url).status_code == 200


def test_procedure_page_queries_do_not_grow_with_rows(
    client, procedure, procedure_index, form_document
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(procedure.url)
    with CaptureQueriesContext(connection) as few:
        client.get(procedure.url)
    for n in range(6):
        procedure.dossier_items.add(ProcedureDossierItem(name=f"Giấy tờ {n}", form=form_document))
        procedure.methods.add(ProcedureMethod(channel="truc-tiep", processing_time="5 ngày"))
        procedure.related_procedures.add(ProcedureRelation(procedure=ProcedurePageFactory(
            parent=procedure_index, code=f"1.00990{n}")))
        procedure.authorised_agencies.add(AgencyFactory(name=f"Sở Xây dựng {n}"))
    procedure.save_revision().publish()
    client.get(procedure.url)
    with CaptureQueriesContext(connection) as many:
        client.get(procedure.url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_unpublished_policy_basis_is_shown_without_a_link(client, procedure):
    procedure.legal_bases.first().policy.unpublish()
    html = client.get(procedure.url).content.decode()
    assert "17/NQ-CP – Nghị quyết" not in html


# --- The admin ------------------------------------------------------------------------------


def add_url(parent: Page) -> str:
    return reverse("wagtailadmin_pages:add", args=("home", "procedurepage", parent.pk))


def procedure_post(construction, **overrides) -> dict:
    data = {
        "title": "Cấp giấy phép hoạt động thí nghiệm",
        "slug": "",
        "code": "1.009980",
        "level": "3",
        "sector": str(construction.pk),
        "execution_level": "bo",
        "procedure_type": "",
        "portal_url": "",
        "applicants": "Tổ chức",
        "steps": rich_text("<p>Nộp hồ sơ.</p>"),
        "result": "Giấy chứng nhận.",
        "requirements": rich_text(""),
        "methods": inline_formset([]),
        "dossier_items": inline_formset([]),
        "legal_bases": inline_formset([]),
        "related_procedures": inline_formset([]),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_admin_creates_a_procedure(admin_client, procedure_index, construction):
    response = admin_client.post(add_url(procedure_index), procedure_post(construction))
    assert response.status_code == 302, visible_text(response.content.decode())[:2000]
    page = ProcedurePage.objects.get(code="1.009980")
    assert page.live and page.slug == "cap-giay-phep-hoat-dong-thi-nghiem"
    assert page.classification == "một phần"


def test_admin_saves_the_national_database_fields(
    admin_client, procedure_index, construction, department
):
    """An editor fills every field the national database publishes, in Vietnamese panels."""
    other = ProcedurePageFactory(parent=procedure_index, code="1.009973", title="Thủ tục khác")
    authorised = AgencyFactory(name="Sở Xây dựng Hà Nội")
    data = procedure_post(
        construction,
        level="4",
        decision_number="1234/QĐ-BXD",
        execution_level="tinh",
        procedure_type="TTHC được luật giao quy định chi tiết",
        reception_address="37 Lê Đại Hành, Hà Nội",
        keywords="thí nghiệm, phòng LAS",
        description="Cấp giấy chứng nhận phòng thí nghiệm.",
        related_procedures=inline_formset([{"procedure": str(other.pk)}]),
    )
    # Many-to-many checkboxes: one key, several values (nested_form_data would number them).
    data.update(authorised_agencies=[str(authorised.pk)], competent_agencies=[str(department.pk)])
    response = admin_client.post(add_url(procedure_index), data)
    assert response.status_code == 302, visible_text(response.content.decode())[:2000]
    page = ProcedurePage.objects.get(code="1.009980")
    assert page.get_level_display() == "Toàn trình"
    assert (page.decision_number, page.execution_level, page.reception_address) == (
        "1234/QĐ-BXD", "tinh", "37 Lê Đại Hành, Hà Nội")
    assert page.keyword_list() == ["thí nghiệm", "phòng LAS"]
    assert page.description == "Cấp giấy chứng nhận phòng thí nghiệm."
    assert list(page.authorised_agencies.all()) == [authorised]
    assert list(page.competent_agencies.all()) == [department]
    assert [link.procedure for link in page.related_procedures.all()] == [other]
    # The edit form shows them back.
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    html = admin_client.get(edit).content.decode()
    assert 'value="1234/QĐ-BXD"' in html and "Thủ tục khác" in html


def test_admin_level_offers_only_the_decree_levels(admin_client, procedure_index):
    html = admin_client.get(add_url(procedure_index)).content.decode()
    select = html.split('name="level"', 1)[1].split("</select>", 1)[0]
    options = re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select)
    assert [label for value, label in options if value] == [
        "Toàn trình", "Một phần", "Cung cấp thông tin"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"code": "1009972"}, "Mã thủ tục không đúng định dạng"),
        ({"code": "1.00997"}, "Mã thủ tục không đúng định dạng"),
        ({"code": "1.009972.H-38"}, "Mã thủ tục không đúng định dạng"),
        ({"code": ""}, "Trường này là bắt buộc."),
        ({"level": ""}, "Trường này là bắt buộc."),
        ({"level": "5"}, "Hãy chọn một lựa chọn hợp lệ. 5 không phải"),
        ({"level": "2"}, "Hãy chọn một lựa chọn hợp lệ. 2 không phải"),  # no level 2 now
        ({"sector": ""}, "Trường này là bắt buộc."),
        ({"portal_url": "https://example.com/nop-ho-so"},
         "Đường dẫn nộp hồ sơ phải thuộc Cổng dịch vụ công Quốc gia"),
        ({"legal_bases": inline_formset([{"policy": "", "text": ""}])},
         "Chọn một văn bản trên trang hoặc nhập tên văn bản làm căn cứ."),
    ],
)
def test_admin_refuses_bad_values_in_vietnamese(
    admin_client, procedure_index, construction, overrides, message
):
    data = procedure_post(construction, **overrides)
    response = admin_client.post(add_url(procedure_index), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProcedurePage.objects.exists()


def test_admin_refuses_a_duplicate_code(admin_client, procedure_index, construction):
    ProcedurePageFactory(parent=procedure_index, code="1.009980")
    response = admin_client.post(add_url(procedure_index), procedure_post(construction))
    assert response.status_code == 200
    assert "Đã có thủ tục khác dùng mã này." in response.content.decode()


def test_lower_case_code_suffix_is_stored_upper_case(admin_client, procedure_index, construction):
    response = admin_client.post(
        add_url(procedure_index), procedure_post(construction, code=" 1.000948.h38 ")
    )
    assert response.status_code == 302
    assert ProcedurePage.objects.filter(code="1.000948.H38").exists()


def test_admin_form_has_vietnamese_labels_and_help(admin_client, procedure_index):
    html = admin_client.get(add_url(procedure_index)).content.decode()
    for label in ("Mã thủ tục", "Lĩnh vực", "Cấp thực hiện", "Cơ quan thực hiện",
                  "Cơ quan có thẩm quyền", "Cơ quan phối hợp", "Đối tượng thực hiện",
                  "Trình tự thực hiện", "Cách thức thực hiện", "Thành phần hồ sơ",
                  "Căn cứ pháp lý", "Yêu cầu, điều kiện thực hiện",
                  "Mức độ dịch vụ công trực tuyến", "Đường dẫn nộp hồ sơ trực tuyến",
                  "Số quyết định công bố", "Loại thủ tục", "Địa chỉ tiếp nhận hồ sơ",
                  "Cơ quan được ủy quyền", "Từ khóa", "Mô tả", "Thủ tục liên quan"):
        assert label in html, label
    assert "Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính" in html


def test_draft_without_code_can_be_saved(admin_client, procedure_index, construction):
    data = procedure_post(construction, code="", level="")
    data.pop("action-publish")
    response = admin_client.post(add_url(procedure_index), data)
    assert response.status_code == 302
    draft = ProcedurePage.objects.get()
    assert draft.code is None and not draft.live


def test_search_finds_a_procedure_by_its_keywords_and_description(client, procedure_index,
                                                                   construction):
    page = ProcedurePageFactory(
        parent=procedure_index, code="1.009990", level=3, sector=construction,
        title="Cấp giấy chứng nhận đủ điều kiện thí nghiệm",
        keywords="phòng LAS, kiểm định vật liệu",
        description="Dành cho phòng thí nghiệm chuyên ngành xây dựng quanh Hồ Gươm.",
    )

    def found(q: str) -> list[str]:
        data = client.get("/search/", {"q": q, "format": "json"}).json()
        return [(r["title"], r["type"]) for r in data["results"]]

    assert found("LAS") == [(page.title, "procedure")]
    assert found("Hồ Gươm") == [(page.title, "procedure")]
    shown = visible_text(client.get("/search/", {"q": "LAS"}).content.decode())
    assert "Mã 1.009990 · Dịch vụ công trực tuyến một phần" in shown
