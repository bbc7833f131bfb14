"""``load_demo`` makes /hoi-dap/ with an answered question and /lay-y-kien-du-thao/ with an open
draft, once."""

from __future__ import annotations

import io

from django.core.management import call_command

from home.models import DraftPage, Question, QuestionPage


def test_load_demo_adds_the_citizens_pages_once(db, client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    assert Question.objects.count() == 1
    page = QuestionPage.objects.get()
    assert page.live and page.url.startswith("/hoi-dap/")
    assert "Hồ sơ đề nghị cấp giấy phép xây dựng" in client.get("/hoi-dap/").content.decode()
    draft = DraftPage.objects.get()
    assert draft.is_open
    html = client.get("/lay-y-kien-du-thao/").content.decode()
    assert draft.title in html and "Đang lấy ý kiến" in html
    assert client.get(draft.url + "gop-y/").status_code == 200
    assert client.get("/hoi-dap/gui-cau-hoi/").status_code == 200


def test_the_site_structure_makes_both_sections_once(db, client):
    """``/hoi-dap/`` and ``/lay-y-kien-du-thao/`` are part of the site's structure (DESIGN.md's
    page tree), not only of the demo: made where missing, found where they are."""
    from home.models import ConsultationIndexPage, QuestionIndexPage
    from home.structure import ensure_structure

    ensure_structure()
    ensure_structure()
    assert [p.url for p in QuestionIndexPage.objects.live()] == ["/hoi-dap/"]
    assert [p.url for p in ConsultationIndexPage.objects.live()] == ["/lay-y-kien-du-thao/"]
    for url in ["/hoi-dap/", "/hoi-dap/gui-cau-hoi/", "/hoi-dap/tra-cuu/", "/lay-y-kien-du-thao/"]:
        assert client.get(url).status_code == 200, url
    call_command("load_demo", stdout=io.StringIO())
    assert QuestionIndexPage.objects.count() == ConsultationIndexPage.objects.count() == 1
    assert QuestionPage.objects.get().get_parent().url == "/hoi-dap/"
