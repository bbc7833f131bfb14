"""``manage.py export_content OUT.jsonl``: every live and draft record, in the import format."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from cms import text
from cms.exporter import export_content


class Command(BaseCommand):
    help = (
        "Xuất toàn bộ nội dung (đã xuất bản và bản nháp) ra tệp JSON Lines theo đúng định dạng "
        "nhập; ảnh và tệp đính kèm được chép vào thư mục cạnh tệp."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path, help="Tệp .jsonl sẽ ghi")
        parser.add_argument(
            "--files-dir", type=Path, default=None,
            help="Thư mục chứa ảnh và tệp đính kèm (mặc định: <tên tệp>-files cạnh tệp).",
        )

    def handle(self, *args, **options) -> None:
        counts = export_content(options["out"], options["files_dir"])
        summary = ", ".join(f"{kind} {text.format_number(n)}" for kind, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"{options['out']}: {summary or 'không có bản ghi'}."))
