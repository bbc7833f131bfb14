"""Issue 14, item 5 on the draft comment form (the question form's own tests are in
test_questions.py): hostile values, giant bodies, wrong files, repeated posts and CSRF get a
4xx with a message, never a 500; and the page cache never keeps a personal page."""

from __future__ import annotations

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from home.citizens import guards
from home.models import DraftComment, Question

from .test_consultations import ARTICLES, comment_data, make_draft
from .test_questions import FORM, LOOKUP, valid_data


@pytest.fixture
def draft(consultations, department):
    return make_draft(consultations, "Dự thảo Thông tư về nhà ở xã hội", -3, 10,
                      drafting_unit=department, articles=ARTICLES)


def test_hostile_values_in_every_field_are_refused_or_cleaned(client, draft):
    url = draft.url + "gop-y/"
    # NUL and control characters (PostgreSQL refuses NUL in text: a 500 if one got through).
    nul = comment_data(name="Trần\x00 Thị Bình", organisation="Hội\x00 xây dựng\x07",
                       comment="Góp ý\x00 có NUL\x01\x02 về Điều 2.")
    response = client.post(url, nul)
    assert response.status_code in {302, 400}
    for comment in DraftComment.objects.all():
        assert "\x00" not in comment.name + comment.organisation + comment.comment
    DraftComment.objects.all().delete()
    hostile = comment_data(name="<script>alert(1)</script>", organisation="x" * 300,
                           email="a@b\x00.vn", article="Điều 1'; DROP TABLE x; --",
                           website="", started="\x00")
    response = client.post(url, hostile)
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()
    raw = b"name=%FF%FE%00&email=%C3%28&comment=\xff\xfe&started=x"
    response = client.post(url, raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    response = client.post(url, b"\xff" * 1000, content_type="multipart/form-data; boundary=x")
    assert response.status_code == 400
    response = client.post(url, {"name": ["a", "b"], "comment": ["x"] * 50})
    assert response.status_code == 400
    assert not DraftComment.objects.exists()


def test_giant_bodies_and_wrong_files_are_refused_with_a_message(client, draft):
    url = draft.url + "gop-y/"
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (guards.MAX_ATTACHMENT_BYTES * 2))
    response = client.post(url, comment_data(attachment=big))
    assert response.status_code == 413
    assert "Nội dung gửi quá lớn" in response.content.decode()
    response = client.post(url, comment_data(comment="a" * 3_000_000))
    assert response.status_code == 400
    fake = SimpleUploadedFile("gop-y.pdf", b"<html><script>alert(1)</script>")
    response = client.post(url, comment_data(attachment=fake))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nội dung tệp không khớp" in html
    assert "công nhân khu công nghiệp" in html  # what was typed is kept
    assert not DraftComment.objects.exists()


def test_repeated_comments_are_rate_limited_keeping_the_text(client, draft):
    url = draft.url + "gop-y/"
    for n in range(10):
        assert client.post(url, comment_data(comment=f"Góp ý số {n}")).status_code == 302
    response = client.post(url, comment_data(comment="Góp ý thứ mười một"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "nhiều góp ý trong thời gian ngắn" in html and "Góp ý thứ mười một" in html
    assert DraftComment.objects.count() == 10


def test_the_comment_form_is_protected_by_csrf(draft):
    response = Client(enforce_csrf_checks=True).post(draft.url + "gop-y/", comment_data())
    assert response.status_code == 403
    assert not DraftComment.objects.exists()


def test_the_page_cache_never_serves_a_personal_page(settings, questions_index, construction,
                                                     draft, send):
    """With the page cache on, an asker's status page (``?ma=``), the forms and the thank-you
    page are answered afresh for everyone, while the public list is served from the cache."""
    settings.PAGE_CACHE_ENABLED = True
    asker = Client(HTTP_HOST="localhost")
    response = send(asker.post, FORM, valid_data(construction, subject="Nhà của tôi ở ngõ 5"))
    assert response.status_code == 302
    code = Question.objects.get().tracking_code
    personal = [f"{LOOKUP}?ma={code}", f"{LOOKUP}?ma={code}&moi=1", LOOKUP, FORM,
                draft.url + "gop-y/", draft.url + "gop-y/da-gui/"]
    for url in personal:
        for _ in range(2):  # anonymous, no cookie: the requests a page cache would answer
            response = Client(HTTP_HOST="localhost").get(url)
            assert response.status_code == 200, url
            assert "X-Page-Cache" not in response, url
            assert "no-store" in response["Cache-Control"], url
    assert "Nhà của tôi ở ngõ 5" in Client(HTTP_HOST="localhost").get(personal[0]).content.decode()
    # The control: the public list is stored and replayed, so the cache was really on.
    Client(HTTP_HOST="localhost").get(questions_index.url)
    assert Client(HTTP_HOST="localhost").get(questions_index.url)["X-Page-Cache"] == "hit"
