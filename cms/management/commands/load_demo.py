"""Build the page tree of DESIGN.md and the demo content from the seed page. Idempotent."""

from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Tạo cây trang và nội dung mẫu (từ trang mẫu của Bộ Xây dựng). Chạy lại không đổi gì."

    def handle(self, *args, **options) -> None:
        from home import demo as home_demo
        from news import demo as news_demo

        with transaction.atomic():
            home = home_demo.ensure_home()
            news_demo.load(home, self.stdout)
            home_demo.load(home, self.stdout)
        self.stdout.write(self.style.SUCCESS("Nội dung mẫu đã sẵn sàng."))
