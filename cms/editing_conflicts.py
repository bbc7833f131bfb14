"""Two editors saving the same page: the later save says so, and nothing is lost.

Wagtail 8 refuses an out-of-date save only on its autosave (JSON) path; a plain "Lưu bản nháp"
or "Xuất bản" posted from a form loaded before someone else's save overwrites the page silently
(the earlier save stays a revision, but nobody is told). This ``after_edit_page`` hook compares
the revision the editor loaded (``loaded_revision_id``, posted by Wagtail's edit form) with the
revisions saved since by others, and tells the editor whose save came last: whose work it
overwrote, when, and where the history is to compare and merge. A hook rather than a subclass of
the edit view: one documented extension point, no copy of Wagtail's view.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from wagtail import hooks
from wagtail.models import Page

from cms import text


@hooks.register("after_edit_page")
def warn_about_overwritten_revisions(request: HttpRequest, page: Page) -> None:
    loaded = request.POST.get("loaded_revision_id", "")
    if not loaded.isdigit():
        return
    others = (
        page.revisions.filter(pk__gt=int(loaded))
        .exclude(pk=page.latest_revision_id)
        .exclude(user=request.user)
        .select_related("user")
        .order_by("created_at")
    )
    overwritten = list(others)
    if not overwritten:
        return
    names = ", ".join(sorted({_name(revision.user) for revision in overwritten}))
    when = text.format_datetime(timezone.localtime(overwritten[-1].created_at))
    history = reverse("wagtailadmin_pages:history", args=[page.pk])
    messages.warning(request, format_html(
        "Trong lúc bạn sửa, {} đã lưu trang này ({}). Bản của bạn là phiên bản mới nhất; bản "
        "của họ vẫn còn trong <a href='{}'>lịch sử phiên bản</a>: hãy so sánh và gộp nếu cần.",
        names, when, history,
    ))


def _name(user) -> str:
    if user is None:
        return "hệ thống (nhập dữ liệu)"
    return user.get_full_name() or user.get_username()
