"""``manage.py restore_site DIR [--force]``: a backup of ``backup_site`` back into an empty site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu (DIR là bản sao lưu, hoặc thư mục chứa chúng: lấy bản mới "
        "nhất) vào cơ sở dữ liệu và thư mục media đang cấu hình, vốn phải trống (trừ khi --force)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path, help="Bản sao lưu hoặc thư mục chứa các bản")
        parser.add_argument("--force", action="store_true",
                            help="Ghi đè cơ sở dữ liệu và media đang có.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            used = restore(options["dir"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Đã khôi phục từ {used}."))
