"""The commenter's side of a draft: ``<draft>/gop-y/`` (the form, private) and ``gop-y/da-gui/``.

The draft page itself holds no token and stays cacheable; the form closes by itself once the
period is over (``DraftPage.is_open``), for GET and POST alike.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone

from wagtail.models import Page

from home.models.consultations import DraftComment, DraftPage

from . import guards
from .forms import DraftCommentForm
from .questions import MAX_REQUEST_BYTES, _content_length, private

COMMENT_LIMIT = guards.RateLimit("draft-comment", count=10, seconds=3600)
TEMPLATE = "home/draft_comment_form.html"


def _render(page: DraftPage, request: HttpRequest, status: int = 200, **context) -> HttpResponse:
    return private(TemplateResponse(
        request, TEMPLATE, {**Page.get_context(page, request), **context}, status=status
    ))


def comment(page: DraftPage, request: HttpRequest) -> HttpResponse:
    if request.method not in {"GET", "HEAD", "POST"}:
        return private(HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"}))
    articles = page.article_choices()
    if not page.is_open:
        return _render(page, request, status=403 if request.method == "POST" else 200,
                       closed=True)
    if request.method != "POST":
        return _render(page, request, form=DraftCommentForm(articles=articles))
    if _content_length(request) > MAX_REQUEST_BYTES:
        return _render(
            page, request, status=413, form=DraftCommentForm(articles=articles),
            refused="Nội dung gửi quá lớn (tệp đính kèm tối đa "
            f"{guards.MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB). Vui lòng gửi lại.",
        )
    form = DraftCommentForm(request.POST, request.FILES, articles=articles)
    if COMMENT_LIMIT.exceeded(request):
        return _render(page, request, status=429, form=form,
                       refused="Bạn đã gửi nhiều góp ý trong thời gian ngắn. Vui lòng thử lại "
                       "sau một giờ; nội dung bạn đã nhập vẫn còn bên dưới.")
    if not form.is_valid():
        return _render(page, request, status=400, form=form)
    data = form.cleaned_data
    DraftComment.objects.create(
        draft=page, name=data["name"], organisation=data["organisation"], email=data["email"],
        article=data.get("article", ""), comment=data["comment"],
        attachment=data.get("attachment") or "", consent_at=timezone.now(),
    )
    COMMENT_LIMIT.hit(request)
    return private(HttpResponseRedirect(page.url + "gop-y/da-gui/"))


def sent(page: DraftPage, request: HttpRequest) -> HttpResponse:
    return _render(page, request, sent=True)
