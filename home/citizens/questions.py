"""The asker's side of Hỏi đáp: the form (``/hoi-dap/gui-cau-hoi/``) and the status lookup
(``/hoi-dap/tra-cuu/?ma=CODE``), both served by ``QuestionIndexPage`` routes.

Both responses are personal (a CSRF token and a time stamp; a person's status): they are marked
``private, no-store`` so that no page cache keeps them.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

from wagtail.log_actions import log
from wagtail.models import Page

from home.models.questions import Question, QuestionIndexPage, normalize_code

from . import guards, mail
from .forms import LookupForm, QuestionForm

SUBMIT_LIMIT = guards.RateLimit("question", count=5, seconds=3600)
LOOKUP_MISS_LIMIT = guards.RateLimit("lookup-miss", count=20, seconds=600)
# The form's text fields and one attachment, with room for the multipart envelope.
MAX_REQUEST_BYTES = guards.MAX_ATTACHMENT_BYTES + 256 * 1024


def private(response: HttpResponse) -> HttpResponse:
    """Never stored by a shared or browser cache: the page holds one person's data or token."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _render(page: QuestionIndexPage, request: HttpRequest, template: str, status: int = 200,
            **context) -> HttpResponse:
    response = TemplateResponse(
        request, template, {**Page.get_context(page, request), **context}, status=status
    )
    return private(response)


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def ask(page: QuestionIndexPage, request: HttpRequest) -> HttpResponse:
    """GET: the empty form. POST: validate, keep, mail the code, redirect to its status."""
    template = "home/question_form.html"
    if request.method not in {"GET", "HEAD", "POST"}:
        return private(HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"}))
    if request.method != "POST":
        return _render(page, request, template, form=QuestionForm())
    if _content_length(request) > MAX_REQUEST_BYTES:
        # Nothing of it is read: a person's text cannot be kept, but the reason is clear.
        return _render(
            page, request, template, status=413, form=QuestionForm(),
            refused="Nội dung gửi quá lớn (tệp đính kèm tối đa "
            f"{guards.MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB). Vui lòng gửi lại.",
        )
    form = QuestionForm(request.POST, request.FILES)
    if SUBMIT_LIMIT.exceeded(request):
        return _render(
            page, request, template, status=429, form=form,
            refused="Bạn đã gửi nhiều câu hỏi trong thời gian ngắn. Vui lòng thử lại sau "
            "một giờ; nội dung bạn đã nhập vẫn còn bên dưới.",
        )
    if not form.is_valid():
        return _render(page, request, template, status=400, form=form)
    data = form.cleaned_data
    question = Question.objects.create(
        kind=data["kind"], name=data["name"], email=data["email"], phone=data["phone"],
        address=data["address"], sector=data["sector"], subject=data["subject"],
        body=data["body"], attachment=data.get("attachment") or "", consent_at=timezone.now(),
    )
    SUBMIT_LIMIT.hit(request)
    log(instance=question, action="home.question.submit")
    status_url = page.url + "tra-cuu/?" + urlencode({"ma": question.tracking_code})
    mail.send_later(
        "home/mail/question_received.txt",
        {"question": question, "status_url": request.build_absolute_uri(status_url)},
        question.email,
    )
    return private(HttpResponseRedirect(status_url + "&moi=1"))


def lookup(page: QuestionIndexPage, request: HttpRequest) -> HttpResponse:
    """The status of one question, found by its tracking code; nobody's personal data."""
    template = "home/question_status.html"
    if "ma" not in request.GET:
        return _render(page, request, template, form=LookupForm())
    form = LookupForm(request.GET)
    code = normalize_code(request.GET.get("ma", "")) if form.is_valid() else None
    question = None
    message = ""
    if LOOKUP_MISS_LIMIT.exceeded(request):
        message = "Bạn đã tra cứu sai nhiều lần. Vui lòng thử lại sau ít phút."
        return _render(page, request, template, status=429, form=form, message=message)
    if code is None:
        message = "Mã theo dõi không đúng định dạng (ví dụ: HD-7K3M-Q9TX)."
    else:
        question = (
            Question.objects.select_related("sector", "unit", "page", "answer_document")
            .filter(tracking_code=code).first()
        )
        if question is None:
            message = "Không tìm thấy câu hỏi có mã theo dõi này. Vui lòng kiểm tra lại mã."
    if question is None:
        LOOKUP_MISS_LIMIT.hit(request)
        return _render(page, request, template, status=404, form=form, message=message)
    return _render(
        page, request, template, form=LookupForm(initial={"ma": code}), question=question,
        just_sent=request.GET.get("moi") == "1",
    )
