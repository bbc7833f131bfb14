"""A procedure as a citizen reads it, and as an editor creates it in the admin."""

from __future__ import annotations

import pytest

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.factories import PolicyPageFactory, ProcedurePageFactory
from home.models import (
    ProcedureDossierItem,
    ProcedureLegalBasis,
    ProcedureMethod,
    ProcedurePage,
)

from .helpers import visible_text


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
    )
    page.implementing_agencies = [department]
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
        "Mức 4 – dịch vụ công trực tuyến toàn trình",
        "Lĩnh vực Hoạt động xây dựng",
        "Cấp thực hiện Cấp Bộ",
        "Loại thủ tục TTHC được luật giao quy định chi tiết",
        "Cơ quan thực hiện Cục Quản lý hoạt động xây dựng",
        "Đối tượng thực hiện Tổ chức",
        "Trực tuyến 20 ngày Phí: 1.000.000 đồng",
        "Dịch vụ bưu chính 25 ngày Không",
        "Giấy đăng ký doanh nghiệp 0 2",
        "Kết quả thực hiện Chứng chỉ năng lực hạng I.",
        "Luật Xây dựng số 50/2014/QH13",
        "Có đủ năng lực tài chính.",
    ):
        assert expected in shown, expected
    assert f'href="{form_document.url}" download' in html
    nq17 = procedure.legal_bases.first().policy
    assert f'href="{nq17.url}">17/NQ-CP – Nghị quyết 17/NQ-CP</a>' in html
    assert 'href="https://dichvucong.gov.vn/p/home/dvc-chi-tiet.html?ma=1.009972" ' \
        'rel="noopener external"' in html


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


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"code": "1009972"}, "Mã thủ tục không đúng định dạng"),
        ({"code": "1.00997"}, "Mã thủ tục không đúng định dạng"),
        ({"code": "1.009972.H-38"}, "Mã thủ tục không đúng định dạng"),
        ({"code": ""}, "Trường này là bắt buộc."),
        ({"level": ""}, "Trường này là bắt buộc."),
        ({"level": "5"}, "Hãy chọn một lựa chọn hợp lệ. 5 không phải"),
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
                  "Mức độ dịch vụ công trực tuyến", "Đường dẫn nộp hồ sơ trực tuyến"):
        assert label in html, label
    assert "Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính" in html


def test_draft_without_code_can_be_saved(admin_client, procedure_index, construction):
    data = procedure_post(construction, code="", level="")
    data.pop("action-publish")
    response = admin_client.post(add_url(procedure_index), data)
    assert response.status_code == 302
    draft = ProcedurePage.objects.get()
    assert draft.code is None and not draft.live
