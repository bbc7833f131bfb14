"""Build the page tree of DESIGN.md and the demo content from the seed page. Idempotent."""

from django.core.management.base import BaseCommand
from django.db import transaction


def show_sections_in_menu(home) -> None:
    """The main navigation lists the home page's children marked "show in menus"; a fresh demo
    marks its sections. Once any section is marked, the editors' choice is left alone."""
    sections = home.get_children().live()
    if sections.in_menu().exists():
        return
    for section in sections.specific():
        section.show_in_menus = True
        section.save_revision().publish()


class Command(BaseCommand):
    help = "Tạo cây trang và nội dung mẫu (từ trang mẫu của Bộ Xây dựng). Chạy lại không đổi gì."

    def handle(self, *args, **options) -> None:
        from home import demo as home_demo
        from news import demo as news_demo

        with transaction.atomic():
            home = home_demo.ensure_home()
            news_demo.load(home, self.stdout)
            home_demo.load(home, self.stdout)
            show_sections_in_menu(home)
        self.stdout.write(self.style.SUCCESS("Nội dung mẫu đã sẵn sàng."))
