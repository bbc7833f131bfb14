"""The asker's journey: the form, its guards, the tracking code on the page and by mail, the
status page; and what a page cache must never keep."""

from __future__ import annotations

import re

import pytest

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from home.models import Question

from .conftest import stamp

FORM = "/hoi-dap/gui-cau-hoi/"
LOOKUP = "/hoi-dap/tra-cuu/"


def valid_data(sector, /, **overrides) -> dict:
    data = {
        "kind": "hoi-dap",
        "name": "Nguyễn Văn An",
        "email": "an.nguyen@example.vn",
        "phone": "0912 345 678",
        "address": "12 Lê Lợi, Hà Nội",
        "sector": str(sector.pk),
        "subject": "Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ",
        "body": "Xin hỏi hồ sơ cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
        "consent": "on",
        "website": "",
        "started": stamp(),
    }
    data.update(overrides)
    if data["started"] == "now":  # a form sent the moment it was shown
        data["started"] = stamp(age=0)
    return data


def assert_private(response) -> None:
    cache_control = response.headers.get("Cache-Control", "")
    assert "private" in cache_control
    assert "no-store" in cache_control


def test_the_form_opens_in_vietnamese_with_csrf_and_is_never_cached(client, questions_index,
                                                                     construction):
    response = client.get(FORM)
    assert response.status_code == 200
    html = response.content.decode()
    for label in ["Họ và tên", "Thư điện tử", "Lĩnh vực", "Tiêu đề", "Nội dung",
                  "Tệp đính kèm", "Nghị định 13/2023/NĐ-CP"]:
        assert label in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="started"' in html
    assert 'enctype="multipart/form-data"' in html
    assert_private(response)


def test_a_question_gets_a_tracking_code_on_the_page_and_by_mail(client, questions_index,
                                                                 construction, send):
    response = send(client.post, FORM, valid_data(construction))
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.status == Question.RECEIVED
    assert question.consent_at is not None
    assert re.fullmatch(r"HD-[A-Z2-9]{4}-[A-Z2-9]{4}", question.tracking_code)
    assert response["Location"] == f"{LOOKUP}?ma={question.tracking_code}&moi=1"

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert question.tracking_code in html
    assert "Đã tiếp nhận" in html
    assert "an.nguyen@example.vn" not in html
    assert "0912 345 678" not in html
    assert_private(page)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["an.nguyen@example.vn"]
    assert question.tracking_code in message.subject
    assert f"ma={question.tracking_code}" in message.body


def test_an_attachment_is_kept_under_a_name_that_says_nothing(client, questions_index,
                                                             construction, send, settings,
                                                             tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("Nguyen Van An CCCD.pdf", b"%PDF-1.4\n%test\n",
                                content_type="application/pdf")
    response = send(client.post, FORM, valid_data(construction, attachment=upload))
    assert response.status_code == 302
    name = Question.objects.get().attachment.name
    assert name.endswith(".pdf")
    assert "Nguyen" not in name


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"website": "http://spam.example"}, "ô ẩn chống thư rác"),
        ({"started": "now"}, "gửi quá nhanh"),
        ({"started": "123:forged:stamp"}, "Biểu mẫu không hợp lệ"),
        ({"started": ""}, "Biểu mẫu không hợp lệ"),
        ({"consent": ""}, "Cần đồng ý xử lý dữ liệu cá nhân"),
        ({"email": "not-an-email"}, "Thư điện tử"),
        ({"sector": "999999"}, "Lĩnh vực đã chọn không có"),
        ({"body": "x" * 5001}, "Nội dung"),
        ({"name": "12345"}, "Họ và tên phải có chữ cái"),
    ],
)
def test_a_refused_submission_says_why_and_keeps_what_was_typed(client, questions_index,
                                                                 construction, overrides,
                                                                 message):
    response = client.post(FORM, valid_data(construction, **overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ" in html
    assert "Nguyễn Văn An" in html or overrides.get("name")
    assert not Question.objects.exists()
    assert_private(response)


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("virus.exe", b"MZ\x90\x00"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf"),
        ("picture.png", b"%PDF-1.4"),
    ],
)
def test_a_wrong_file_is_refused(client, questions_index, construction, filename, content):
    upload = SimpleUploadedFile(filename, content)
    response = client.post(FORM, valid_data(construction, attachment=upload))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Chỉ nhận tệp" in html or "Nội dung tệp không khớp" in html
    assert not Question.objects.exists()


def test_a_file_too_large_is_refused(client, questions_index, construction, settings):
    from home.citizens import guards

    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (guards.MAX_ATTACHMENT_BYTES + 1))
    response = client.post(FORM, valid_data(construction, attachment=upload))
    assert response.status_code in {400, 413}
    assert "MB" in response.content.decode()
    assert not Question.objects.exists()


def test_repeated_posts_are_rate_limited_per_address(client, questions_index, construction,
                                                     send):
    for n in range(5):
        response = send(client.post, FORM, valid_data(construction, subject=f"Câu hỏi số {n}"))
        assert response.status_code == 302
    response = client.post(FORM, valid_data(construction, subject="Câu hỏi thứ sáu"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "nhiều câu hỏi trong thời gian ngắn" in html
    assert "Câu hỏi thứ sáu" in html
    assert Question.objects.count() == 5


def test_hostile_bytes_never_give_a_500(client, questions_index, construction):
    data = valid_data(construction, subject="Tiêu đề\x00 có NUL", body="\x00\x01\x02")
    response = client.post(FORM, data)
    assert response.status_code in {302, 400}
    body = b"name=%FF%FE%00&email=%C3%28&subject=\xff\xfe&started=x"
    response = client.post(FORM, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    response = client.post(FORM, b"\xff" * 1000, content_type="multipart/form-data; boundary=x")
    assert response.status_code == 400


def test_the_form_is_protected_by_csrf(questions_index, construction):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(FORM, valid_data(construction))
    assert response.status_code == 403
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Mã theo dõi không đúng định dạng"),
        ("abc", "Mã theo dõi không đúng định dạng"),
        ("HD-0000-OOOO", "Mã theo dõi không đúng định dạng"),
        ("HD-2222-2222", "Không tìm thấy câu hỏi"),
        ("' OR 1=1 --", "Mã theo dõi không đúng định dạng"),
        ("x" * 5000, "Mã theo dõi"),
    ],
)
def test_a_wrong_code_gets_a_clear_message(client, questions_index, code, message):
    response = client.get(LOOKUP, {"ma": code})
    assert response.status_code in {400, 404}
    assert message in response.content.decode()
    assert_private(response)


def test_the_lookup_page_without_a_code_is_a_form(client, questions_index):
    response = client.get(LOOKUP)
    assert response.status_code == 200
    assert 'name="ma"' in response.content.decode()


def test_a_code_is_found_typed_loosely(client, questions_index, construction):
    question = Question.objects.create(
        name="Trần Thị Bình", email="binh@example.vn", subject="Hỏi về nhà ở xã hội",
        body="Nội dung", sector=construction,
    )
    loose = question.tracking_code.lower().replace("-", " ")
    response = client.get(LOOKUP, {"ma": loose})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hỏi về nhà ở xã hội" in html
    assert "Trần Thị Bình" not in html
    assert "binh@example.vn" not in html


def test_guessing_codes_is_slowed_down(client, questions_index):
    for _ in range(20):
        assert client.get(LOOKUP, {"ma": "HD-2222-2222"}).status_code == 404
    response = client.get(LOOKUP, {"ma": "HD-2222-2223"})
    assert response.status_code == 429
    assert "tra cứu sai nhiều lần" in response.content.decode()


def test_giant_bodies_are_refused_with_a_message_not_a_500(client, questions_index,
                                                           construction):
    from home.citizens import guards

    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (guards.MAX_ATTACHMENT_BYTES * 2))
    response = client.post(FORM, valid_data(construction, attachment=big))
    assert response.status_code == 413
    assert "Nội dung gửi quá lớn" in response.content.decode()
    assert_private(response)
    # 3 MB of form fields and no file: past Django's DATA_UPLOAD_MAX_MEMORY_SIZE.
    response = client.post(FORM, valid_data(construction, body="a" * 3_000_000))
    assert response.status_code == 400
    assert not Question.objects.exists()
