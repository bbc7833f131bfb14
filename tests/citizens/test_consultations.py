"""Drafts for public comment: the list, the form while open (per article), moderation before
a comment shows, the form closing by itself, the summary report, CSV/XLSX exports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine

from django.urls import reverse
from django.utils import timezone

from home.models import DraftComment, DraftPage

from .conftest import stamp

ARTICLES = "Điều 1. Phạm vi điều chỉnh\nĐiều 2. Đối tượng áp dụng"


def make_draft(parent, title: str, opens: int, closes: int, **fields) -> DraftPage:
    today = timezone.localdate()
    draft = DraftPage(title=title, summary="<p>Tóm tắt.</p>",
                      opens_on=today + dt.timedelta(days=opens),
                      closes_on=today + dt.timedelta(days=closes), **fields)
    parent.add_child(instance=draft)
    draft.save_revision().publish()
    return draft


@pytest.fixture
def open_draft(consultations, department) -> DraftPage:
    return make_draft(consultations, "Dự thảo Thông tư về nhà ở xã hội", -3, 10,
                      drafting_unit=department, articles=ARTICLES)


@pytest.fixture
def closed_draft(consultations) -> DraftPage:
    return make_draft(consultations, "Dự thảo Nghị định về quy hoạch", -40, -10,
                      report="<p>Đã tiếp thu 12 ý kiến.</p>")


def comment_data(**overrides) -> dict:
    data = {"name": "Trần Thị Bình", "organisation": "Hiệp hội Bất động sản",
            "email": "binh@example.vn", "article": "Điều 2. Đối tượng áp dụng",
            "comment": "Đề nghị bổ sung đối tượng là công nhân khu công nghiệp.",
            "consent": "on", "website": "", "started": stamp()}
    data.update(overrides)
    return data


def test_the_list_shows_open_drafts_first_and_filters(client, open_draft, closed_draft):
    html = client.get("/lay-y-kien-du-thao/").content.decode()
    assert html.index(open_draft.title) < html.index(closed_draft.title)
    assert "Đang lấy ý kiến" in html and "Đã hết hạn" in html
    html = client.get("/lay-y-kien-du-thao/", {"status": "da-ket-thuc"}).content.decode()
    assert closed_draft.title in html and open_draft.title not in html
    response = client.get("/lay-y-kien-du-thao/", {"status": "bogus"})
    assert response.status_code == 200
    assert "Tình trạng “bogus” không có" in response.content.decode()


def test_a_comment_per_article_is_moderated_before_it_shows(client, admin_client, open_draft):
    form = client.get(open_draft.url + "gop-y/")
    assert form.status_code == 200
    assert "Điều 1. Phạm vi điều chỉnh" in form.content.decode()
    assert "private" in form["Cache-Control"] and "no-store" in form["Cache-Control"]
    response = client.post(open_draft.url + "gop-y/", comment_data())
    assert response.status_code == 302
    assert response["Location"] == open_draft.url + "gop-y/da-gui/"
    assert "sau khi được duyệt" in client.get(response["Location"]).content.decode()
    comment = DraftComment.objects.get()
    assert (comment.status, comment.article) == (DraftComment.PENDING, "Điều 2. Đối tượng áp dụng")
    assert "công nhân khu công nghiệp" not in client.get(open_draft.url).content.decode()

    edit = reverse("wagtailsnippets_home_draftcomment:edit", args=[comment.pk])
    assert admin_client.get(edit).status_code == 200
    response = admin_client.post(edit, {"comment": comment.comment, "status": "approved"})
    assert response.status_code == 302
    html = client.get(open_draft.url).content.decode()
    assert "công nhân khu công nghiệp" in html
    assert "T. T. Bình" in html and "Trần Thị Bình" not in html
    assert "binh@example.vn" not in html


def test_an_approved_comment_shows_at_once_on_the_cached_draft_page(
    settings, admin_client, open_draft
):
    """The page cache (issue 12) kept the draft's page: approving a comment purges it."""
    from django.test import Client

    settings.PAGE_CACHE_ENABLED = True
    client = Client(HTTP_HOST="localhost")
    client.post(open_draft.url + "gop-y/", comment_data())
    comment = DraftComment.objects.get()
    reader = Client(HTTP_HOST="localhost")  # no cookie: served from the page cache
    assert "công nhân khu công nghiệp" not in reader.get(open_draft.url).content.decode()
    assert reader.get(open_draft.url)["X-Page-Cache"] == "hit"
    edit = reverse("wagtailsnippets_home_draftcomment:edit", args=[comment.pk])
    admin_client.post(edit, {"comment": comment.comment, "status": "approved"})
    assert "công nhân khu công nghiệp" in Client(HTTP_HOST="localhost").get(
        open_draft.url).content.decode()


def test_an_unknown_article_or_missing_consent_is_refused_keeping_the_text(client, open_draft):
    response = client.post(open_draft.url + "gop-y/",
                           comment_data(article="Điều 99. Không có", consent=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Điều đã chọn không có trong dự thảo" in html
    assert "Cần đồng ý xử lý dữ liệu cá nhân" in html
    assert "công nhân khu công nghiệp" in html
    assert not DraftComment.objects.exists()


def test_the_form_closes_by_itself_when_the_period_ends(client, open_draft):
    after = timezone.localtime() + dt.timedelta(days=11)
    with time_machine.travel(after, tick=False):
        page = client.get(open_draft.url).content.decode()
        assert "Gửi góp ý cho dự thảo" not in page
        form = client.get(open_draft.url + "gop-y/")
        assert "Đã hết thời hạn lấy ý kiến" in form.content.decode()
        assert client.post(open_draft.url + "gop-y/", comment_data()).status_code == 403
    assert not DraftComment.objects.exists()


def test_a_closed_draft_shows_its_report(client, closed_draft):
    html = client.get(closed_draft.url).content.decode()
    assert "Báo cáo tổng hợp, tiếp thu, giải trình" in html
    assert "Đã tiếp thu 12 ý kiến." in html
    assert "Gửi góp ý cho dự thảo" not in html


def test_exports_are_csv_and_xlsx_formula_safe_without_email(admin_client, open_draft):
    DraftComment.objects.create(draft=open_draft, name="Lê Văn C", email="c@example.vn",
                                comment='=HYPERLINK("http://evil.example","bấm")')
    url = reverse("wagtailsnippets_home_draftcomment:list")
    response = admin_client.get(url, {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    assert "'=HYPERLINK" in body
    assert "c@example.vn" not in body
    assert "Nội dung góp ý" in body

    from openpyxl import load_workbook

    response = admin_client.get(url, {"export": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.values)
    assert rows[0][0] == "Dự thảo"
    assert rows[1][0] == open_draft.title
    assert any(str(cell).startswith("=HYPERLINK") for cell in rows[1])
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert not any(cell.value == "c@example.vn" for cell in cells)
