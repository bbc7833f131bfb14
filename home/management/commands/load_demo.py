"""Build the page tree of DESIGN.md and the demo content from the seed page. Idempotent."""

from django.core.management.base import BaseCommand
from django.db import transaction

from home import demo as home_demo
from home import demo_organisation
from news import demo as news_demo


def show_new_sections_in_menu(home, existing: set[int]) -> None:
    """The main navigation lists the home page's children marked "show in menus": the
    sections this run created appear there; sections that existed are the editors' choice."""
    created = home.get_children().live().exclude(id__in=existing).filter(show_in_menus=False)
    for section in created.specific():
        section.show_in_menus = True
        section.save_revision().publish()


class Command(BaseCommand):
    help = "Tạo cây trang và nội dung mẫu (từ trang mẫu của Bộ Xây dựng). Chạy lại không đổi gì."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            home = home_demo.ensure_home()
            existing = set(home.get_children().values_list("id", flat=True))
            news_demo.load(home, self.stdout)
            home_demo.load(home, self.stdout)
            demo_organisation.load(home, self.stdout)
            news_demo.load_english(home, self.stdout)
            show_new_sections_in_menu(home, existing)
        self.stdout.write(self.style.SUCCESS("Nội dung mẫu đã sẵn sàng."))
