"""One log line per request, with a request id an operator can follow from nginx to the traceback.

``RequestLogMiddleware`` (first in ``MIDDLEWARE``) takes the id from an incoming ``X-Request-ID``
when it is well formed (nginx sends its ``$request_id``), else makes one; it answers it back in
``X-Request-ID`` and puts it on every log record of the request (``RequestIdFilter``), so the
traceback Django's ``django.request`` logger writes for a 500 carries the same id as the access
line. ``JsonFormatter`` writes one JSON object per line when ``LOG_FORMAT=json``: twenty lines of
our own rather than a dependency, since the fields are few and fixed.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("cms.request")

HEADER = "X-Request-ID"
#: What we accept from outside: what nginx, load balancers and tracing tools send, and nothing
#: that could forge a log line (no spaces, quotes or newlines).
WELL_FORMED = re.compile(r"[A-Za-z0-9._:-]{8,128}")
PROBES = frozenset({"/healthz", "/readyz"})

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        rid = incoming if WELL_FORMED.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = rid
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = (time.perf_counter() - started) * 1000
            response[HEADER] = rid
            # Probes every few seconds would drown the useful lines: they log at DEBUG.
            level = logging.DEBUG if request.path_info in PROBES else logging.INFO
            logger.log(
                level, "%s %s %s %.1fms", request.method, request.path, response.status_code,
                duration_ms,
                extra={"method": request.method, "path": request.path,
                       "status": response.status_code, "duration_ms": round(duration_ms, 1)},
            )
            return response
        finally:
            request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Puts the current request's id (``-`` outside a request) on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


#: Attributes every LogRecord has; anything else on a record came from ``extra=``.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extras, traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)
