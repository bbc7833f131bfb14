"""``POST /danh-gia-trang/<page id>/``: a reader says whether a page was useful.

The vote form sits on article, procedure and document pages, which a page cache stores for
every anonymous reader: a CSRF token there would be one reader's token served to all. So this
one endpoint is ``csrf_exempt`` — it changes nothing of anyone's (no session, no account), and
what a forged request could do (add one anonymous vote) is what any reader can do, bounded
by the same per-address rate limit. The reply (thanks, or "already voted") is private.

One vote per reader per page: a signed cookie lists the pages voted on (the newest
``MAX_REMEMBERED``); nothing about the reader is stored on the server.
"""

from __future__ import annotations

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_noop
from django.views.decorators.csrf import csrf_exempt

from wagtail.models import Page

from home.models.feedback import REASON_CHOICES, PageVote

from . import guards
from .questions import private

COOKIE = "da_danh_gia"
SALT = "home.citizens.votes"
MAX_REMEMBERED = 300
COOKIE_AGE = 365 * 24 * 3600
VOTE_LIMIT = guards.RateLimit("vote", count=60, seconds=3600)
REASONS = {key for key, _ in REASON_CHOICES}
INVALID = gettext_noop("Chưa ghi nhận: vui lòng chọn “Có” hoặc “Không”.")
ALREADY = gettext_noop("Bạn đã đánh giá trang này rồi. Cảm ơn bạn!")
TOO_MANY = gettext_noop("Có quá nhiều đánh giá từ địa chỉ của bạn. Vui lòng thử lại sau.")
THANKS = gettext_noop("Cảm ơn bạn đã đánh giá. Ý kiến của bạn giúp chúng tôi cải thiện thông tin.")


def _answer(request: HttpRequest, page: Page, message: str, status: int) -> TemplateResponse:
    """The answer page in the rated page's language (the form posts to one address for both)."""
    with translation.override(page.locale.language_code):
        response = TemplateResponse(
            request, "home/vote_thanks.html",
            {"target": page, "message": translation.gettext(message)}, status=status,
        )
        return response.render()


def voted_pages(request: HttpRequest) -> list[int]:
    """The pages this reader has voted on (an unsigned or forged cookie counts as none)."""
    try:
        value = request.get_signed_cookie(COOKIE, default="", salt=SALT, max_age=COOKIE_AGE)
    except (signing.BadSignature, ValueError):
        return []
    return [int(part) for part in value.split(".") if part.isdigit()]


@csrf_exempt
def vote(request: HttpRequest, page_id: int) -> HttpResponse:
    if request.method != "POST":
        return private(HttpResponseNotAllowed(["POST"]))
    page = get_object_or_404(Page.objects.live().public().select_related("locale"), pk=page_id)
    answer = request.POST.get("useful", "")
    reason = request.POST.get("reason", "")
    if answer not in {"yes", "no"} or reason not in REASONS:
        return private(_answer(request, page, INVALID, 400))
    if page.specific_class is None:  # pragma: no cover - a page of a removed model
        raise Http404
    voted = voted_pages(request)
    if page.pk in voted:
        message, status = ALREADY, 200
    elif VOTE_LIMIT.exceeded(request):
        message, status = TOO_MANY, 429
    else:
        PageVote.objects.create(page=page, useful=answer == "yes",
                                reason=reason if answer == "no" else "")
        VOTE_LIMIT.hit(request)
        voted = [*voted, page.pk][-MAX_REMEMBERED:]
        message, status = THANKS, 200
    response = _answer(request, page, message, status)
    response.set_signed_cookie(
        COOKIE, ".".join(str(pk) for pk in voted), salt=SALT, max_age=COOKIE_AGE,
        httponly=True, samesite="Lax", secure=request.is_secure(),
    )
    return private(response)
