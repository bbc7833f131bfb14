"""The answer to an unexpected error: 503 while the database is unreachable, else 500.

Django's ``handler500`` is called while the exception is being handled, whichever middleware
or view raised it, so ``sys.exc_info()`` says what happened. A lost database (restart, failover,
network) is temporary: readers get a Vietnamese 503 page with ``Retry-After`` (and the page cache
keeps answering what it holds); anything else stays a 500. Both are static templates that query
nothing; the traceback goes to the log (``django.request``), never into the response.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

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


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: 503 + Retry-After for a database outage, the 500 page for the rest."""
    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = HttpResponse(loader.get_template("500.html").render(), status=500)
    response["Cache-Control"] = "no-store"
    return response
