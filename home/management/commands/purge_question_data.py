"""Remove the personal data of closed questions after the retention period (Nghị định 13/2023).

``python manage.py purge_question_data [--months 24] [--dry-run]``: for every question closed
more than N months ago, the asker's name is cut to initials, the e-mail, phone, address and
attachment are deleted; the question, the answer and the public page stay. Run it daily (cron,
a systemd timer); each question purged is logged in Wagtail's audit log.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from home.models import Question

DEFAULT_MONTHS = 24


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day and time ``months`` calendar months earlier (the 31st → the month's last)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    day = moment.day
    while True:
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            day -= 1


class Command(BaseCommand):
    help = "Xóa dữ liệu cá nhân của câu hỏi đã đóng quá thời hạn lưu trữ (mặc định 24 tháng)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--months", type=int, default=DEFAULT_MONTHS,
                            help="Thời hạn lưu trữ, tính bằng tháng kể từ ngày đóng câu hỏi.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không xóa.")

    def handle(self, *args, months: int, dry_run: bool, **options) -> None:
        if months < 1:
            raise CommandError("--months phải từ 1 trở lên.")
        cutoff = months_before(timezone.now(), months)
        due = Question.objects.filter(
            status=Question.CLOSED, closed_at__lt=cutoff, personal_data_removed_at__isnull=True
        )
        count = 0
        for question in due.iterator():
            count += 1
            if dry_run:
                continue
            with transaction.atomic():
                question.remove_personal_data()
                log(instance=question, action="home.question.purge")
        verb = "Sẽ xóa" if dry_run else "Đã xóa"
        self.stdout.write(f"{verb} dữ liệu cá nhân của {count} câu hỏi đóng trước "
                          f"{cutoff:%d/%m/%Y}.")
