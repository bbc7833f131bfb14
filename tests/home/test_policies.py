"""Policy documents: the page, the date rules, the list with its filters and bad values."""

from __future__ import annotations

import datetime as dt

import pytest

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.factories import AgencyFactory, PolicyPageFactory, SectorFactory
from home.models import PolicyAttachment, PolicyPage, PolicyRelation

from .helpers import visible_text

URL = "/chinh-sach-phap-luat/"


@pytest.fixture
def documents(policy_index):
    government = AgencyFactory(name="Chính phủ")
    mic = AgencyFactory(name="Bộ Thông tin và Truyền thông")
    egov = SectorFactory(name="Chính phủ điện tử")
    nq17 = PolicyPageFactory(
        parent=policy_index, number="17/NQ-CP", doc_type="nghi-quyet", issuer=government,
        title="Nghị quyết về phát triển Chính phủ điện tử", issued_on=dt.date(2019, 3, 7),
        effective_from=dt.date(2019, 3, 7), sector=egov, signer="Nguyễn Xuân Phúc",
        signer_title="Thủ tướng", summary="Một số nhiệm vụ, giải pháp trọng tâm.",
    )
    cv929 = PolicyPageFactory(
        parent=policy_index, number="929/BTTTT-THH", doc_type="cong-van", issuer=mic,
        title="Công văn đẩy mạnh dịch vụ công trực tuyến", issued_on=dt.date(2020, 3, 19),
        sector=egov,
    )
    old = PolicyPageFactory(
        parent=policy_index, number="36a/NQ-CP", doc_type="nghi-quyet", issuer=government,
        title="Nghị quyết về Chính phủ điện tử (2015)", issued_on=dt.date(2015, 10, 14),
        effective_until=dt.date(2019, 3, 7), status="het-hieu-luc-toan-bo",
    )
    nq17.relations.add(PolicyRelation(kind="thay-the", target=old))
    nq17.save_revision().publish()
    return {"nq17": nq17, "cv929": cv929, "old": old}


def numbers(client, query: str = "", status: int = 200) -> tuple[list[str], str]:
    response = client.get(URL + query)
    assert response.status_code == status
    html = response.content.decode()
    found = [
        chunk.split(" · ", 1)[0].strip()
        for chunk in html.split('<p class="document-list__meta">')[1:]
    ]
    return found, html


def test_list_is_newest_first(client, documents):
    found, html = numbers(client)
    assert found == ["929/BTTTT-THH", "17/NQ-CP", "36a/NQ-CP"]
    assert "Ban hành <time datetime=\"2019-03-07\">07/03/2019</time>" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?type=nghi-quyet", ["17/NQ-CP", "36a/NQ-CP"]),
        ("?issuer=bo-thong-tin-va-truyen-thong", ["929/BTTTT-THH"]),
        ("?year=2019", ["17/NQ-CP"]),
        ("?field=chinh-phu-dien-tu", ["929/BTTTT-THH", "17/NQ-CP"]),
        ("?status=het-hieu-luc-toan-bo", ["36a/NQ-CP"]),
        ("?type=nghi-quyet&status=con-hieu-luc&issuer=chinh-phu", ["17/NQ-CP"]),
        ("?q=17/nq-cp", ["17/NQ-CP"]),
        ("?q=chinh+phu+dien+tu&year=2015", ["36a/NQ-CP"]),
        ("?year=2001", []),
    ],
)
def test_filters_combine(client, documents, query, expected):
    found, _ = numbers(client, query)
    assert found == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?type=sac-lenh", "Loại văn bản “sac-lenh” không có trong danh mục."),
        ("?issuer=quoc-hoi-khoa-xx", "Không có cơ quan ban hành này."),
        ("?year=abc", "Năm ban hành phải là một số, ví dụ 2019."),
        ("?year=1800", "Năm ban hành không thể trước 1945."),
        ("?year=99999999999999999999999", "Năm ban hành không thể sau 2100."),
        ("?field=khong-co", "Không có lĩnh vực này trong danh mục."),
        ("?status=sap-het", "Tình trạng “sap-het” không có trong danh mục."),
        ("?status=%00", "Giá trị chứa ký tự không hợp lệ."),
    ],
)
def test_bad_filter_values_give_an_explained_empty_list(client, documents, query, message):
    found, html = numbers(client, query)
    assert found == []
    assert message in html
    assert "\x00" not in html


@pytest.mark.parametrize("page", ["abc", "0", "2", "%00"])
def test_bad_page_is_404(client, documents, page):
    assert client.get(f"{URL}?page={page}").status_code == 404


def test_document_page_shows_metadata_files_and_relations(client, documents):
    document = get_document_model()(title="Toàn văn 17/NQ-CP")
    document.file.save("17-nq-cp.pdf", ContentFile(b"%PDF-1.4 x" * 100), save=False)
    document._set_document_file_metadata()  # as the admin upload form does
    document.save()
    nq17 = documents["nq17"]
    nq17.attachments.add(PolicyAttachment(document=document))
    nq17.save_revision().publish()
    html = client.get(nq17.url).content.decode()
    shown = visible_text(html)
    for expected in (
        "Số ký hiệu 17/NQ-CP", "Loại văn bản Nghị quyết", "Cơ quan ban hành Chính phủ",
        "Người ký Nguyễn Xuân Phúc (Thủ tướng)", "Ngày ban hành 07/03/2019",
        "Ngày có hiệu lực 07/03/2019", "Tình trạng hiệu lực Còn hiệu lực",
        "Lĩnh vực Chính phủ điện tử", "Trích yếu Một số nhiệm vụ, giải pháp trọng tâm.",
        "Toàn văn 17/NQ-CP (PDF, 1000 byte)",
        "Thay thế: 36a/NQ-CP – Nghị quyết về Chính phủ điện tử (2015)",
    ):
        assert expected in shown, expected
    assert f'href="{document.url}" download' in html
    old_html = visible_text(client.get(documents["old"].url).content.decode())
    assert "Bị thay thế bởi: 17/NQ-CP – Nghị quyết về phát triển Chính phủ điện tử" in old_html
    assert "Ngày hết hiệu lực 07/03/2019" in old_html


@pytest.mark.django_db  # Page() looks up its content type
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"effective_from": dt.date(2019, 3, 1)}, "effective_from",
         "Ngày có hiệu lực không thể trước ngày ban hành."),
        ({"effective_until": dt.date(2018, 1, 1), "status": "het-hieu-luc-toan-bo"},
         "effective_until", "Ngày hết hiệu lực không thể trước ngày ban hành."),
        ({"effective_from": dt.date(2019, 6, 1), "effective_until": dt.date(2019, 5, 1),
          "status": "het-hieu-luc-mot-phan"},
         "effective_until", "Ngày hết hiệu lực không thể trước ngày có hiệu lực."),
    ],
)
def test_dates_must_not_contradict(fields, field, message):
    page = PolicyPage(title="Văn bản", number="1/2019/TT-BXD", issued_on=dt.date(2019, 3, 7),
                      summary="Trích yếu", status="con-hieu-luc")
    for name, value in fields.items():
        setattr(page, name, value)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert message in " ".join(error.value.message_dict[field])


@pytest.mark.django_db  # Page() looks up its content type
@pytest.mark.parametrize(
    "fields",
    [
        {"status": "het-hieu-luc-toan-bo"},  # expired, its end date never recorded
        {"status": "ngung-hieu-luc-toan-bo"},
        {"status": "con-hieu-luc", "effective_until": dt.date(2025, 12, 31)},  # a fixed term
        {"status": "chua-co-hieu-luc", "effective_from": dt.date(2030, 1, 1)},
    ],
)
def test_the_status_needs_no_end_date_and_an_end_date_no_status(fields):
    page = PolicyPage(title="Văn bản", number="1/2019/TT-BXD", issued_on=dt.date(2019, 3, 7),
                      summary="Trích yếu", status="con-hieu-luc")
    for name, value in fields.items():
        setattr(page, name, value)
    page.clean()


def test_a_document_cannot_relate_to_itself(documents):
    relation = PolicyRelation(page=documents["nq17"], target=documents["nq17"])
    with pytest.raises(ValidationError, match="không thể liên quan đến chính nó"):
        relation.clean()


def admin_post(issuer, **overrides) -> dict:
    data = {
        "title": "Thông tư hướng dẫn cấp chứng chỉ",
        "slug": "",
        "number": "15/2021/TT-BXD",
        "doc_type": "thong-tu",
        "issuer": str(issuer.pk),
        "sector": "",
        "signer": "",
        "signer_title": "",
        "issued_on": "2021-06-01",
        "effective_from": "2021-07-15",
        "effective_until": "",
        "status": "con-hieu-luc",
        "summary": "Hướng dẫn cấp chứng chỉ hành nghề.",
        "body": rich_text(""),
        "attachments": inline_formset([]),
        "relations": inline_formset([]),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("home", "policypage", parent.pk))


def test_admin_creates_a_document(admin_client, policy_index):
    issuer = AgencyFactory(name="Bộ Xây dựng")
    response = admin_client.post(add_url(policy_index), admin_post(issuer))
    assert response.status_code == 302
    assert PolicyPage.objects.get(number="15/2021/TT-BXD").live


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"effective_until": "2021-01-01", "status": "het-hieu-luc-toan-bo"},
         "Ngày hết hiệu lực không thể trước ngày ban hành."),
        ({"effective_from": "2021-05-01"}, "Ngày có hiệu lực không thể trước ngày ban hành."),
        ({"number": "Thông tư mười lăm"}, "Số ký hiệu không đúng định dạng"),
        ({"number": ""}, "Trường này là bắt buộc."),
        ({"summary": ""}, "Trường này là bắt buộc."),
        ({"issued_on": ""}, "Trường này là bắt buộc."),
    ],
)
def test_admin_explains_bad_documents_in_vietnamese(admin_client, policy_index, overrides,
                                                    message):
    issuer = AgencyFactory(name="Bộ Xây dựng")
    response = admin_client.post(add_url(policy_index), admin_post(issuer, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PolicyPage.objects.exists()


def test_admin_refuses_a_duplicate_number(admin_client, policy_index, documents):
    issuer = AgencyFactory(name="Bộ Xây dựng")
    response = admin_client.post(add_url(policy_index), admin_post(issuer, number="17/nq-cp"))
    assert response.status_code == 200
    assert "Đã có văn bản khác mang số ký hiệu này." in response.content.decode()


@pytest.mark.parametrize(
    ("value", "key"),
    [("Nghị quyết", "nghi-quyet"), ("nghi quyet", "nghi-quyet"), ("cong-van", "cong-van"),
     ("THÔNG TƯ", "thong-tu")],
)
def test_parse_doc_type(value, key):
    from home.models.policies import parse_doc_type

    assert parse_doc_type(value) == key


def test_parse_status_and_unknown_values():
    from home.models.policies import normalize_number, parse_doc_type, parse_status

    assert parse_status("Còn hiệu lực") == "con-hieu-luc"
    assert parse_status("Hết hiệu lực một phần") == "het-hieu-luc-mot-phan"
    with pytest.raises(ValueError):
        parse_status("Sắp hết hiệu lực")
    with pytest.raises(ValueError):
        parse_doc_type("")
    assert normalize_number(" 36A/nq-cp ") == "36a/NQ-CP"
    assert normalize_number("") is None


@pytest.fixture
def treaties(policy_index, documents):
    """An international treaty and an international agreement beside the other documents."""
    government = AgencyFactory(name="Chính phủ")
    treaty = PolicyPageFactory(
        parent=policy_index, number="12/2020/LPQT", doc_type="dieu-uoc-quoc-te",
        issuer=government, title="Hiệp định hợp tác xây dựng", issued_on=dt.date(2020, 5, 4),
    )
    agreement = PolicyPageFactory(
        parent=policy_index, number="3/2021/TTQT", doc_type="thoa-thuan-quoc-te",
        issuer=government, title="Thỏa thuận quốc tế về nhà ở", issued_on=dt.date(2021, 1, 5),
        status="chua-co-hieu-luc",
    )
    return {"treaty": treaty, "agreement": agreement}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?type=dieu-uoc-quoc-te", ["12/2020/LPQT"]),
        ("?type=thoa-thuan-quoc-te", ["3/2021/TTQT"]),
        ("?status=chua-co-hieu-luc", ["3/2021/TTQT"]),
        ("?status=ngung-hieu-luc-toan-bo", []),
    ],
)
def test_treaties_and_new_statuses_filter_the_list(client, treaties, query, expected):
    found, html = numbers(client, query)
    assert found == expected
    assert "Loại văn bản “" not in html and "Tình trạng “" not in html  # no form error


def test_the_filter_offers_every_status_and_treaties(client, documents):
    html = client.get(URL).content.decode()
    for value, label in [
        ("con-hieu-luc", "Còn hiệu lực"), ("het-hieu-luc-mot-phan", "Hết hiệu lực một phần"),
        ("het-hieu-luc-toan-bo", "Hết hiệu lực toàn bộ"), ("chua-co-hieu-luc", "Chưa có hiệu lực"),
        ("ngung-hieu-luc-mot-phan", "Ngưng hiệu lực một phần"),
        ("ngung-hieu-luc-toan-bo", "Ngưng hiệu lực toàn bộ"),
        ("dieu-uoc-quoc-te", "Điều ước quốc tế"), ("thoa-thuan-quoc-te", "Thỏa thuận quốc tế"),
    ]:
        assert f'<option value="{value}">{label}</option>' in html


def test_the_list_badges_each_status(client, treaties):
    _, html = numbers(client)
    assert '<span class="badge badge--out">Hết hiệu lực toàn bộ</span>' in html
    assert '<span class="badge badge--pending">Chưa có hiệu lực</span>' in html
    assert '<span class="badge badge--in-force">Còn hiệu lực</span>' in html


@pytest.mark.parametrize(
    ("fields", "notice"),
    [
        ({"status": "het-hieu-luc-toan-bo"}, "Văn bản này đã hết hiệu lực toàn bộ."),
        ({"status": "het-hieu-luc-toan-bo", "effective_until": dt.date(2021, 7, 1)},
         "Văn bản này đã hết hiệu lực toàn bộ từ ngày 01/07/2021."),
        ({"status": "ngung-hieu-luc-toan-bo"}, "Văn bản này bị ngưng hiệu lực toàn bộ."),
        ({"status": "het-hieu-luc-mot-phan"}, "Văn bản này đã hết hiệu lực một phần."),
        ({"status": "chua-co-hieu-luc", "effective_from": dt.date(2030, 1, 1)},
         "Văn bản này chưa có hiệu lực; có hiệu lực từ ngày 01/01/2030."),
    ],
)
def test_a_document_not_wholly_in_force_says_so_above_everything(client, policy_index, fields,
                                                               notice):
    page = PolicyPageFactory(parent=policy_index, number="5/2019/TT-BXD",
                             issued_on=dt.date(2019, 3, 7), **fields)
    html = client.get(page.url).content.decode()
    shown = visible_text(html)
    assert notice in shown
    assert shown.index(notice) < shown.index("Số ký hiệu 5/2019/TT-BXD")
    status = dict(PolicyPage._meta.get_field("status").choices)[fields["status"]]
    assert f"Tình trạng hiệu lực {status}" in shown


def test_a_document_in_force_has_no_notice(client, documents):
    html = client.get(documents["nq17"].url).content.decode()
    assert 'class="notice notice--status' not in html
    assert '<span class="badge badge--in-force">Còn hiệu lực</span>' in html
