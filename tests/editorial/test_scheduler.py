"""Scheduled publishing runs by itself: a frozen clock, one scheduler tick, the page goes live
(or expires) — through the admin form where an editor sets the dates."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import threading
import zoneinfo

import pytest
import time_machine

from django.core.management import CommandError, call_command
from django.utils import timezone

from home.models import StandardPage
from news.models import NewsArticlePage

from .forms import form_fields

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=HANOI)


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", "qt@example.vn", "mat-khau-12")
    client.force_login(user)
    return client


def article(title: str, category, **kwargs) -> NewsArticlePage:
    return NewsArticlePage(title=title, lead="Thông báo của Văn phòng Bộ.", category=category,
                           **kwargs)


def schedule_in_admin(client, page, **dates) -> None:
    """Publish from the admin edit view with go-live/expiry dates, as an editor does."""
    url = f"/admin/pages/{page.pk}/edit/"
    data = form_fields(client.get(url).content)
    for field, value in dates.items():
        data[field] = value.astimezone(HANOI).strftime("%Y-%m-%d %H:%M")
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.django_db
def test_go_live_date_takes_effect_at_the_next_tick(sections, category, admin_client, client):
    with time_machine.travel(START, tick=False) as clock:
        page = sections["news"].add_child(
            instance=article("Lịch tiếp công dân tháng 3", category, live=False)
        )
        schedule_in_admin(admin_client, page, go_live_at=START + dt.timedelta(minutes=10))
        page.refresh_from_db()
        assert not page.live
        assert page.revisions.filter(approved_go_live_at__isnull=False).exists()

        clock.shift(dt.timedelta(minutes=9))
        call_command("run_scheduler", "--once", stdout=io.StringIO())
        page.refresh_from_db()
        assert not page.live, "published before its go-live date"

        clock.shift(dt.timedelta(minutes=1, seconds=1))
        call_command("run_scheduler", "--once", stdout=io.StringIO())
        page.refresh_from_db()
        assert page.live
        admin_client.logout()
        assert client.get(page.url).status_code == 200


@pytest.mark.django_db
def test_expiry_date_takes_effect_at_the_next_tick(sections, category, admin_client, client):
    with time_machine.travel(START, tick=False) as clock:
        page = sections["news"].add_child(instance=article("Thông báo tuyển dụng", category))
        page.save_revision().publish()
        schedule_in_admin(admin_client, page, expire_at=START + dt.timedelta(minutes=5))
        page.refresh_from_db()
        assert page.live
        admin_client.logout()
        assert client.get(page.url).status_code == 200

        clock.shift(dt.timedelta(minutes=6))
        call_command("run_scheduler", "--once", stdout=io.StringIO())
        page.refresh_from_db()
        assert not page.live
        assert page.expired
        assert client.get(page.url).status_code == 404


@pytest.mark.django_db
def test_loop_publishes_then_stops_gracefully_on_sigterm(home_page):
    """The long-running worker: ticks, publishes what is due, exits cleanly on SIGTERM."""
    page = home_page.add_child(instance=StandardPage(title="Tin đăng theo lịch", live=False))
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - dt.timedelta(seconds=1)
    revision.save()
    previous = signal.getsignal(signal.SIGTERM)
    timer = threading.Timer(1.5, os.kill, (os.getpid(), signal.SIGTERM))
    out = io.StringIO()
    timer.start()
    try:
        call_command("run_scheduler", "--interval", "1", stdout=out)
    finally:
        timer.cancel()
    page.refresh_from_db()
    assert page.live
    assert "đã dừng" in out.getvalue()
    assert signal.getsignal(signal.SIGTERM) is previous


@pytest.mark.parametrize("interval", ["0", "31", "-5"])
def test_interval_is_bounded_to_keep_the_one_minute_promise(interval):
    with pytest.raises(CommandError, match="từ 1 đến 30"):
        call_command("run_scheduler", "--interval", interval, "--once")
