"""Logs an operator can use: one line per request with its id; tracebacks in the log only."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def _access_lines(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "cms.request"]


@pytest.mark.django_db
def test_one_line_per_request_with_a_generated_id(client, home_page, caplog):
    caplog.set_level(logging.INFO, logger="cms.request")
    response = client.get("/", HTTP_X_REQUEST_ID="bad id\nforged line")
    assert response.status_code == 200
    rid = response["X-Request-ID"]
    assert len(rid) == 32 and rid != "bad id\nforged line"
    [line] = _access_lines(caplog)
    assert line.getMessage().startswith("GET / 200 ")
    assert line.getMessage().endswith("ms")
    assert (line.method, line.path, line.status) == ("GET", "/", 200)
    assert line.duration_ms > 0
    assert line.request_id == rid


@pytest.mark.django_db
def test_a_well_formed_incoming_id_is_kept(client, caplog):
    caplog.set_level(logging.INFO, logger="cms.request")
    response = client.get("/khong-co-trang-nay/", HTTP_X_REQUEST_ID="4f1c2e9a0b7d46e8a1c3")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "4f1c2e9a0b7d46e8a1c3"
    [line] = _access_lines(caplog)
    assert line.status == 404 and line.request_id == "4f1c2e9a0b7d46e8a1c3"


@pytest.mark.django_db
@pytest.mark.urls("tests.ops.urls")
def test_an_error_has_its_traceback_in_the_log_never_in_the_response(caplog):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/", HTTP_X_REQUEST_ID="trace-me-0001")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Hệ thống đang gặp sự cố" in page
    assert "secret-detail" not in page and "Traceback" not in page
    [error] = [r for r in caplog.records if r.name == "django.request"]
    assert error.request_id == "trace-me-0001"
    assert error.exc_info and "secret-detail-that-must-not-leak" in str(error.exc_info[1])
    assert [r.status for r in _access_lines(caplog)] == [500]


@pytest.mark.django_db
@pytest.mark.urls("tests.ops.urls")
def test_a_lost_database_is_a_vietnamese_503_not_a_500():
    client = Client(raise_request_exception=False)
    response = client.get("/database-gone/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert "Hệ thống tạm thời gián đoạn" in page
    assert "db.internal" not in page and "server closed" not in page


def test_log_format_json_writes_one_json_object_per_line():
    """The settings' LOGGING as a deployment gets it: LOG_FORMAT=json in the environment."""
    script = (
        "import django, logging; django.setup();"
        "from django.test import Client;"
        "Client().get('/healthz', HTTP_X_REQUEST_ID='lb-probe-42');"
        "\ntry:\n    1/0\nexcept ZeroDivisionError:\n"
        "    logging.getLogger('cms.ops').exception('chia cho 0')"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "LOG_FORMAT": "json",
           "REQUEST_LOG_LEVEL": "DEBUG"}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,  # noqa: S603
                            capture_output=True, text=True, timeout=120, check=True)
    entries = [json.loads(line) for line in result.stderr.splitlines()]
    access = next(e for e in entries if e["logger"] == "cms.request")
    assert access["request_id"] == "lb-probe-42"
    assert (access["method"], access["path"], access["status"]) == ("GET", "/healthz", 200)
    assert access["message"].startswith("GET /healthz 200 ")
    error = next(e for e in entries if e["logger"] == "cms.ops")
    assert error["level"] == "ERROR" and error["message"] == "chia cho 0"
    assert "ZeroDivisionError" in error["exception"] and error["request_id"] == "-"
