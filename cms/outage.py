"""The answer to an unexpected error: 503 while the database is unreachable, else 500.

Django's ``handler500`` is called while the exception is being handled, whichever middleware
or view raised it, so ``sys.exc_info()`` says what happened. A lost database (restart, failover,
network) is temporary: readers get a Vietnamese 503 page with ``Retry-After`` (and the page cache
keeps answering what it holds); anything else stays a 500. Both are static templates that query
nothing; the traceback goes to the log (``django.request``), never into the response.
"""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10


def database_unavailable(error: BaseException | None) -> bool:
    """The error, or one it was raised from, is a lost or refused database connection."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


#: Answered when even the error template fails (e.g. static files not collected): an error page
#: must never become gunicorn's bare English "Internal Server Error".
FALLBACK = (
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title} – Bộ Xây dựng'
    '</title></head><body><h1>{title}</h1><p>Xin vui lòng thử lại sau ít phút.</p>'
    '<p><a href="/">Về trang chủ</a></p></body></html>'
)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: 503 + Retry-After for a database outage, the 500 page for the rest."""
    if database_unavailable(sys.exc_info()[1]):
        response = _page("503.html", "Hệ thống tạm thời gián đoạn", 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = _page("500.html", "Hệ thống đang gặp sự cố", 500)
    response["Cache-Control"] = "no-store"
    return response


def _page(template: str, title: str, status: int) -> HttpResponse:
    try:
        content = loader.get_template(template).render()
    except Exception:
        logger.exception("error page %s failed to render; answering the plain fallback", template)
        content = FALLBACK.format(title=title)
    return HttpResponse(content, status=status)
