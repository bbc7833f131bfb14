"""“Was this useful?”: the form under a procedure, one vote per reader per page, no personal
data, and the admin's report of the least useful pages."""

from __future__ import annotations

import pytest

from django.test import Client
from django.urls import reverse

from home.factories import ProcedureIndexPageFactory, ProcedurePageFactory
from home.models import PageVote


@pytest.fixture
def procedures(home_page):
    index = ProcedureIndexPageFactory(parent=home_page)
    return [ProcedurePageFactory(parent=index, title=f"Thủ tục số {n}") for n in range(3)]


def vote_url(page) -> str:
    return reverse("citizens:vote", args=[page.pk])


def test_the_form_is_under_a_procedure_and_carries_no_token(client, procedures):
    html = client.get(procedures[0].url).content.decode()
    assert "Thông tin trên trang này có hữu ích không?" in html
    assert f'action="{vote_url(procedures[0])}"' in html
    form = html[html.index('class="citizen-vote'):]
    form = form[: form.index("</form>")]
    assert "csrfmiddlewaretoken" not in form


def test_one_vote_per_reader_per_page(procedures):
    reader = Client(enforce_csrf_checks=True)  # the page is cached: no token to send
    page = procedures[0]
    response = reader.post(vote_url(page), {"useful": "no", "reason": "kho-hieu"})
    assert response.status_code == 200
    assert "Cảm ơn bạn đã đánh giá" in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    again = reader.post(vote_url(page), {"useful": "yes"})
    assert "đã đánh giá trang này rồi" in again.content.decode()
    assert reader.post(vote_url(procedures[1]), {"useful": "yes"}).status_code == 200
    assert PageVote.objects.count() == 2
    vote = PageVote.objects.get(page=page)
    assert (vote.useful, vote.reason) == (False, "kho-hieu")
    # Another reader (no cookie) votes too.
    assert Client().post(vote_url(page), {"useful": "yes"}).status_code == 200
    assert PageVote.objects.filter(page=page).count() == 2


def test_a_forged_cookie_counts_as_no_vote(client, procedures):
    client.cookies["da_danh_gia"] = f"{procedures[0].pk}"
    response = client.post(vote_url(procedures[0]), {"useful": "yes"})
    assert "Cảm ơn bạn đã đánh giá" in response.content.decode()
    assert PageVote.objects.count() == 1


@pytest.mark.parametrize("data", [{}, {"useful": "maybe"}, {"useful": "no", "reason": "<x>"},
                                  {"useful": "yes\x00"}])
def test_bad_votes_are_400_not_500(client, procedures, data):
    response = client.post(vote_url(procedures[0]), data)
    assert response.status_code == 400
    assert not PageVote.objects.exists()


def test_only_live_pages_by_post(client, procedures, home_page):
    assert client.get(vote_url(procedures[0])).status_code == 405
    assert client.post(reverse("citizens:vote", args=[999999]), {"useful": "yes"}).status_code \
        == 404
    procedures[0].unpublish()
    assert client.post(vote_url(procedures[0]), {"useful": "yes"}).status_code == 404


def test_the_report_lists_the_least_useful_first(admin_client, procedures):
    worst, best, _ = procedures
    PageVote.objects.bulk_create(
        [PageVote(page=worst, useful=False)] * 3 + [PageVote(page=worst, useful=True)]
        + [PageVote(page=best, useful=True)] * 2
    )
    response = admin_client.get(reverse("citizens_reports:least_useful"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trang ít hữu ích nhất" in html
    assert html.index(worst.title) < html.index(best.title)
    assert "25,00%" in html and "100,00%" in html
    assert procedures[2].title not in html
    export = admin_client.get(reverse("citizens_reports:least_useful"), {"export": "csv"})
    body = b"".join(export.streaming_content).decode()
    assert "Chưa hữu ích" in body and worst.title in body
