"""The answerer's journey in the admin: the queue, filters, assign, answer, publish, close —
each step in the audit log, the asker told by mail, the public page free of contacts."""

from __future__ import annotations

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import rich_text

from home.models import Question, QuestionPage

INDEX = "wagtailsnippets_home_question:list"
EDIT = "wagtailsnippets_home_question:edit"


@pytest.fixture
def question(db, construction) -> Question:
    return Question.objects.create(
        name="Nguyễn Văn An", email="an.nguyen@example.vn", phone="0912345678",
        address="12 Lê Lợi, Hà Nội", sector=construction,
        subject="Hồ sơ cấp giấy phép xây dựng", body="Hồ sơ gồm những gì?",
    )


def edit_data(question: Question, **overrides) -> dict:
    data = {
        "kind": question.kind,
        "sector": str(question.sector_id or ""),
        "subject": question.subject,
        "body": question.body,
        "unit": str(question.unit_id or ""),
        "answer": rich_text(question.answer or ""),
        "answer_document": "",
    }
    data.update(overrides)
    return data


def actions(question: Question) -> list[str]:
    return list(
        ModelLogEntry.objects.filter(object_id=str(question.pk))
        .order_by("timestamp", "pk").values_list("action", flat=True)
    )


def test_the_queue_lists_and_filters_in_vietnamese(admin_client, question, housing):
    other = Question.objects.create(name="Lê Bình", email="b@example.vn", sector=housing,
                                    subject="Nhà ở xã hội", body="?", status=Question.CLOSED)
    response = admin_client.get(reverse(INDEX))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hỏi đáp – phản ánh, kiến nghị" in html
    assert question.tracking_code in html and other.tracking_code in html
    assert "an.nguyen@example.vn" not in html
    response = admin_client.get(reverse(INDEX), {"status": "closed"})
    html = response.content.decode()
    assert other.tracking_code in html and question.tracking_code not in html
    response = admin_client.get(reverse(INDEX), {"sector": str(question.sector_id)})
    html = response.content.decode()
    assert question.tracking_code in html and other.tracking_code not in html


def test_the_export_leaves_personal_data_out(admin_client, question):
    response = admin_client.get(reverse(INDEX), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert question.tracking_code in body
    assert "Mã theo dõi" in body
    for personal in ["Nguyễn Văn An", "an.nguyen@example.vn", "0912345678", "Lê Lợi"]:
        assert personal not in body


def test_assign_answer_publish_close(admin_client, question, questions_index, department, send,
                                     client):
    url = reverse(EDIT, args=[question.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lưu và công khai hỏi đáp" in html
    assert "không bao giờ công khai" in html

    # Assign to a unit.
    response = send(admin_client.post, url, edit_data(question, unit=str(department.pk)))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.ASSIGNED
    assert question.unit == department
    assert mail.outbox == []

    # Answer: the asker is told by mail, the status page shows the answer.
    answer = "<p>Hồ sơ gồm đơn đề nghị và bản vẽ thiết kế.</p>"
    response = send(admin_client.post, url, edit_data(question, answer=rich_text(answer)))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.ANSWERED
    assert question.answered_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["an.nguyen@example.vn"]
    assert "đơn đề nghị và bản vẽ thiết kế" in mail.outbox[0].body
    status = client.get("/hoi-dap/tra-cuu/", {"ma": question.tracking_code})
    assert "Đã trả lời" in status.content.decode()
    assert "đơn đề nghị và bản vẽ thiết kế" in status.content.decode()

    # Publish: a live public page, the name shortened, no contact anywhere.
    data = edit_data(question)
    data["action-publish-question"] = "1"
    response = send(admin_client.post, url, data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.PUBLISHED
    page = QuestionPage.objects.get()
    assert page.live and question.page_id == page.pk
    assert page.asker == "N. V. An"
    public = client.get(page.url).content.decode()
    assert "Hồ sơ cấp giấy phép xây dựng" in public
    assert "đơn đề nghị và bản vẽ thiết kế" in public
    for personal in ["Nguyễn Văn An", "an.nguyen@example.vn", "0912345678", "Lê Lợi"]:
        assert personal not in public
    assert len(mail.outbox) == 2
    assert page.full_url in mail.outbox[1].body

    listing = client.get("/hoi-dap/").content.decode()
    assert "Hồ sơ cấp giấy phép xây dựng" in listing

    # Close.
    data = edit_data(question)
    data["action-close-question"] = "1"
    response = send(admin_client.post, url, data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.CLOSED
    assert question.closed_at is not None

    assert actions(question) == [
        "wagtail.edit", "home.question.assign",
        "wagtail.edit", "home.question.answer", "home.question.notify",
        "wagtail.edit", "home.question.publish", "home.question.notify",
        "wagtail.edit", "home.question.close",
    ]
    history = admin_client.get(reverse("wagtailsnippets_home_question:history",
                                        args=[question.pk]))
    assert history.status_code == 200
    for label in ["Chuyển đơn vị xử lý", "Trả lời câu hỏi", "Công khai hỏi đáp", "Đóng câu hỏi"]:
        assert label in history.content.decode()


def test_publishing_needs_an_answer(admin_client, question, questions_index):
    data = edit_data(question)
    data["action-publish-question"] = "1"
    response = admin_client.post(reverse(EDIT, args=[question.pk]), data)
    assert response.status_code == 200
    assert "Cần có nội dung trả lời trước khi công khai" in response.content.decode()
    assert not QuestionPage.objects.exists()


@pytest.mark.parametrize("model", ["question", "draftcomment"])
def test_nobody_adds_a_citizens_row_in_the_admin(admin_client, model):
    response = admin_client.get(reverse(f"wagtailsnippets_home_{model}:add"))
    assert response.status_code in {302, 403}
    listing = admin_client.get(reverse(f"wagtailsnippets_home_{model}:list"))
    assert listing.status_code == 200
    assert reverse(f"wagtailsnippets_home_{model}:add") not in listing.content.decode()
