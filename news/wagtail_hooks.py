"""Admin registration of the news: categories as snippets editors manage under "Tin tức", the
news index's explorer (``news.admin_views``), and what the archive's size forbids."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.admin.widgets.button import ButtonWithDropdownFromHook
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import NewsArticleViewSet, without_reordering
from .models import NewsArticlePage, NewsCategory, NewsIndexPage


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


@hooks.register("register_admin_viewset")
def register_news_article_viewset() -> NewsArticleViewSet:
    return NewsArticleViewSet("news_article_pages")


@hooks.register("before_unpublish_page")
def no_unpublishing_the_whole_archive(request, page):
    """Unpublishing the news index "with its descendants" unpublishes 100,000 articles one by
    one in the request: refused (the index alone can be unpublished, which hides them all)."""
    if isinstance(page, NewsIndexPage) and request.POST.get("include_descendants"):
        messages.error(
            request,
            "Không thể ngừng xuất bản cùng lúc toàn bộ bài viết của trang tin tức; hãy ngừng "
            "xuất bản riêng trang tin tức (các bài sẽ không còn hiển thị) hoặc từng bài.",
        )
        return redirect("wagtailadmin_pages:unpublish", page.pk)
    return None


@hooks.register("construct_page_listing_buttons")
def no_sort_menu_order_for_news(buttons: list, page, user, context=None) -> None:
    """Each article row's "more" menu offers "sort menu order" for children it cannot have,
    and the news index's would list 100,000 rows unpaginated: both are removed."""
    if not isinstance(page, NewsArticlePage | NewsIndexPage):
        return
    for button in buttons:
        if isinstance(button, ButtonWithDropdownFromHook):
            button.dropdown_buttons = without_reordering(button.dropdown_buttons)
    buttons[:] = without_reordering(buttons)
