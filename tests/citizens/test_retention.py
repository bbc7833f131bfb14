"""Retention (Nghị định 13/2023): closed questions lose their personal data after N months."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest

from django.core.management import CommandError, call_command
from django.utils import timezone

from home.management.commands.purge_question_data import months_before
from home.models import Question


def make(status: str, closed_days_ago: int | None) -> Question:
    closed = timezone.now() - dt.timedelta(days=closed_days_ago) if closed_days_ago else None
    return Question.objects.create(
        name="Phạm Thị Hoa", email="hoa@example.vn", phone="0987654321", address="Huế",
        subject="Hỏi về quy hoạch", body="Nội dung", status=status, closed_at=closed,
    )


def test_only_old_closed_questions_lose_their_personal_data(db):
    old = make(Question.CLOSED, 800)
    recent = make(Question.CLOSED, 30)
    open_one = make(Question.ANSWERED, None)
    out = StringIO()
    call_command("purge_question_data", "--months", "24", stdout=out)
    assert "Đã xóa dữ liệu cá nhân của 1 câu hỏi" in out.getvalue()
    old.refresh_from_db()
    assert (old.name, old.email, old.phone, old.address) == ("P. T. Hoa", "", "", "")
    assert old.subject == "Hỏi về quy hoạch"
    assert old.personal_data_removed_at is not None
    for kept in (recent, open_one):
        kept.refresh_from_db()
        assert kept.email == "hoa@example.vn"
    out = StringIO()
    call_command("purge_question_data", stdout=out)
    assert "của 0 câu hỏi" in out.getvalue()


def test_dry_run_changes_nothing(db):
    old = make(Question.CLOSED, 800)
    out = StringIO()
    call_command("purge_question_data", "--dry-run", stdout=out)
    assert "Sẽ xóa dữ liệu cá nhân của 1 câu hỏi" in out.getvalue()
    old.refresh_from_db()
    assert old.email == "hoa@example.vn"


def test_months_must_be_positive(db):
    with pytest.raises(CommandError):
        call_command("purge_question_data", "--months", "0")


def test_months_before_keeps_the_day_or_takes_the_months_last():
    tz = dt.UTC
    assert months_before(dt.datetime(2026, 3, 31, 8, tzinfo=tz), 1) == dt.datetime(
        2026, 2, 28, 8, tzinfo=tz)
    assert months_before(dt.datetime(2026, 1, 15, tzinfo=tz), 24) == dt.datetime(
        2024, 1, 15, tzinfo=tz)
