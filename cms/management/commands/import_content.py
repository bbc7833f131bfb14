"""``manage.py import_content FILE [FILE...]``: JSON Lines in, all or nothing per file."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms import text
from cms.importer import import_files


class Command(BaseCommand):
    help = (
        "Nhập nội dung từ tệp JSON Lines (bài viết, thủ tục, văn bản, đơn vị, banner). "
        "Mỗi tệp được kiểm tra toàn bộ trước khi ghi; có một dòng sai thì không ghi gì. "
        "Chạy lại cùng tệp không thay đổi gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, help="Các tệp .jsonl")
        parser.add_argument(
            "--user", help="Tên đăng nhập ghi vào lịch sử trang (mặc định: không ai)."
        )
        parser.add_argument(
            "--progress", action="store_true", default=None,
            help="Luôn hiện tiến độ (mặc định: chỉ khi xuất ra màn hình).",
        )
        parser.add_argument("--batch-size", type=int, default=500, help="Số bản ghi mỗi lô.")

    def handle(self, *args, **options) -> None:
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Không có người dùng {options['user']!r}.")
        missing = [str(p) for p in options["files"] if not p.is_file()]
        if missing:
            raise CommandError(f"Không tìm thấy tệp: {', '.join(missing)}")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size phải lớn hơn 0.")
        outcomes = import_files(
            options["files"], user=user, stdout=self.stdout._out,
            progress=options["progress"], batch_size=options["batch_size"],
        )
        failed = 0
        for outcome in outcomes:
            if outcome.ok:
                c = outcome.counts
                self.stdout.write(self.style.SUCCESS(
                    f"{outcome.path}: tạo mới {text.format_number(c['created'])}, "
                    f"cập nhật {text.format_number(c['updated'])}, "
                    f"không đổi {text.format_number(c['unchanged'])}."
                ))
                continue
            failed += 1
            for line in outcome.errors:
                self.stderr.write(line)
            what = "bị từ chối, không ghi gì" if outcome.status == "refused" else "lỗi, đã hoàn tác"
            self.stderr.write(self.style.ERROR(
                f"{outcome.path}: {what} ({text.format_number(len(outcome.errors))} lỗi)."
            ))
        if failed:
            raise CommandError(f"{failed}/{len(outcomes)} tệp không được nhập.", returncode=1)
