"""Two editors saving the same page: the later save says so, and nothing is lost.

Wagtail 8 refuses an out-of-date save only on its autosave (JSON) path; a plain "Lưu bản nháp"
or "Xuất bản" posted from a form loaded before someone else's save overwrites the page silently
(the earlier save stays a revision, but nobody is told). This ``after_edit_page`` hook compares
the revision the editor loaded (``loaded_revision_id``, posted by Wagtail's edit form) with the
revisions saved since by others, and tells the editor whose save came last: whose work it
overwrote, when, and where the history is to compare and merge. A hook rather than a subclass of
the edit view: one documented extension point, no copy of Wagtail's view.

An import writing the same page holds its row until the whole file commits, which may take
minutes (``cms.importer.pages``). An editor's save would wait for it silently, past the app
server's timeout; ``page_being_written`` lets the page form (``cms.models.FoldedSlugPageForm``)
wait ``LOCK_WAIT_SECONDS`` and then refuse the save with a message, the editor's text still in
the form, to be saved again once the import is done (and then warned by the hook below).
"""

from __future__ import annotations

import time

from django.contrib import messages
from django.db import OperationalError, connection, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from wagtail import hooks
from wagtail.models import Page

from cms import text

#: How long an editor's save waits for a page another transaction (an import) is writing.
LOCK_WAIT_SECONDS = 5.0
#: PostgreSQL's "lock_not_available", raised by ``FOR UPDATE NOWAIT`` on a held row.
_LOCK_NOT_AVAILABLE = "55P03"
BUSY_MESSAGE = (
    "Trang này đang được một tiến trình khác ghi (thường là một lượt nhập dữ liệu đang chạy), "
    "nên bản của bạn chưa được lưu. Nội dung bạn vừa sửa vẫn còn nguyên trên biểu mẫu: hãy "
    "bấm lưu lại sau ít phút."
)


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
    names = ", ".join(sorted({author_name(revision.user) for revision in overwritten}))
    when = text.format_datetime(timezone.localtime(overwritten[-1].created_at))
    history = reverse("wagtailadmin_pages:history", args=[page.pk])
    messages.warning(request, format_html(
        "Trong lúc bạn sửa, {} đã lưu trang này ({}). Bản của bạn là phiên bản mới nhất; bản "
        "của họ vẫn còn trong <a href='{}'>lịch sử phiên bản</a>: hãy so sánh và gộp nếu cần.",
        names, when, history,
    ))


def author_name(user) -> str:
    """How a revision's author is named to editors (no user: an import from the command line)."""
    if user is None:
        return "hệ thống (nhập dữ liệu)"
    return user.get_full_name() or user.get_username()


def page_being_written(page_id: int, wait: float | None = None) -> bool:
    """True when another transaction still holds the page's row after ``wait`` seconds
    (``LOCK_WAIT_SECONDS`` by default). Only PostgreSQL has row locks to ask about.

    Tries ``FOR UPDATE NOWAIT`` in a savepoint every 0.2 s rather than setting a lock timeout,
    so that no session setting outlives the check on a pooled connection; the lock, when
    taken, is released at once (the save that follows takes it again).
    """
    if connection.vendor != "postgresql":
        return False
    deadline = time.monotonic() + (LOCK_WAIT_SECONDS if wait is None else wait)
    while True:
        try:
            with transaction.atomic():
                list(Page.objects.select_for_update(nowait=True, no_key=True).filter(pk=page_id)
                     .values_list("pk", flat=True))
            return False
        except OperationalError as error:
            cause = error.__cause__  # psycopg 3 names the code sqlstate, psycopg2 pgcode
            code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
            if code != _LOCK_NOT_AVAILABLE:
                raise
        if time.monotonic() >= deadline:
            return True
        time.sleep(0.2)
