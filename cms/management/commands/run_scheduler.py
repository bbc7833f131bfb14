"""Scheduled publishing that runs by itself: Wagtail's ``publish_scheduled`` in a loop.

Wagtail makes a go-live or expiry date take effect only when ``publish_scheduled`` runs. This
worker runs it every ``--interval`` seconds (30 by default, never more, so a date takes effect
within a minute); ``make run`` starts it beside runserver, production runs it as a service
(``Procfile`` ``worker:``, ``deploy/systemd/``). SIGTERM or SIGINT stops it after the current tick.

Started on every app server, it runs on one: a pass runs only in the process that holds the
scheduler's leader lock (``cms.leader``: a PostgreSQL advisory lock), and another takes over
within one interval when that process stops.
"""

from __future__ import annotations

import io
import logging
import signal
import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections, connection
from django.utils import timezone

from cms import text
from cms.leader import Leadership

logger = logging.getLogger(__name__)

MAX_INTERVAL = 30


class Command(BaseCommand):
    help = (
        "Bộ hẹn giờ xuất bản: chạy publish_scheduled của Wagtail mỗi --interval giây "
        f"(mặc định và tối đa {MAX_INTERVAL}) cho đến khi nhận SIGTERM hoặc Ctrl-C."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=int, default=MAX_INTERVAL,
            help=f"Số giây giữa hai lần chạy (1–{MAX_INTERVAL}).",
        )
        parser.add_argument(
            "--once", action="store_true", help="Chạy một lần rồi thoát (cho cron/systemd timer)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        interval = options["interval"]
        self.verbosity = options["verbosity"]
        if not 1 <= interval <= MAX_INTERVAL:
            raise CommandError(
                f"--interval phải từ 1 đến {MAX_INTERVAL} giây, nhận được {interval}."
            )
        self.stop = threading.Event()
        self.leadership = Leadership("run_scheduler")
        if options["once"]:
            try:
                self.tick()
            finally:
                self.leadership.release()
            return
        previous = self._install_signal_handlers()
        self.log(f"Bộ hẹn giờ xuất bản chạy mỗi {interval} giây.")
        try:
            while not self.stop.is_set():
                self.tick()
                self.stop.wait(interval)
        finally:
            self.leadership.release()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.log("Bộ hẹn giờ xuất bản đã dừng.")

    def tick(self) -> bool:
        """One run of ``publish_scheduled`` if this process leads; an error is logged, never
        fatal to the loop."""
        was_leader = self.leadership.leader
        if not self.leadership.held():
            if was_leader:
                self.log("Mất khóa điều phối; máy chủ khác sẽ chạy bộ hẹn giờ.")
            self.log("Máy chủ khác đang chạy bộ hẹn giờ; bỏ qua lượt này.", verbosity=2)
            return False
        if not was_leader:
            self.log("Giữ khóa điều phối: bộ hẹn giờ chạy trên máy chủ này.")
        self.log("Lượt chạy publish_scheduled.", verbosity=2)
        self._recycle_connections()
        out = io.StringIO()
        try:
            call_command("publish_scheduled", stdout=out)
        except Exception:
            logger.exception("publish_scheduled failed; retrying at the next tick")
            return False
        finally:
            self._recycle_connections()
        report = out.getvalue().strip()
        if report:
            self.log(report)
        return True

    def log(self, message: str, verbosity: int = 1) -> None:
        if self.verbosity >= verbosity:
            now = text.format_datetime(timezone.now())
            self.stdout.write(f"[{now}] {message}")

    @staticmethod
    def _recycle_connections() -> None:
        # A long-running worker must honour CONN_MAX_AGE and drop broken connections, as a
        # request cycle does; never inside a caller's transaction (tests, call_command).
        if not connection.in_atomic_block:
            close_old_connections()

    def _install_signal_handlers(self) -> dict[int, Any]:
        if threading.current_thread() is not threading.main_thread():
            return {}

        def request_stop(signum: int, frame: Any) -> None:
            self.stop.set()

        return {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
