"""``manage.py backup_site DIR [--keep N]``: database + media into a dated folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và thư mục media vào DIR/portal-NĂMTHÁNGNGÀY-GIỜPHÚTGIÂY/; "
        "--keep N giữ lại N bản mới nhất."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path, help="Thư mục chứa các bản sao lưu")
        parser.add_argument("--keep", type=int, default=None,
                            help="Số bản sao lưu giữ lại (xóa các bản cũ hơn).")

    def handle(self, *args: Any, **options: Any) -> None:
        keep = options["keep"]
        if keep is not None and keep < 1:
            raise CommandError("--keep phải từ 1 trở lên.")
        try:
            made = backup(options["dir"], keep=keep)
        except BackupError as error:
            raise CommandError(str(error)) from error
        media = "kèm media" if made.media else "media nằm trong kho đối tượng, không kèm"
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {made.path} ({media})."))
