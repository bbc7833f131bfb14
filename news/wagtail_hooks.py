"""Admin registration: news categories are snippets editors manage under "Tin tức"."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NewsCategory


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "folder-open-inverse"
    menu_label = "Chuyên mục tin"
    menu_name = "news-categories"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "order"]
    search_fields = ["name"]
    ordering = ["order", "name"]


register_snippet(NewsCategoryViewSet)
