"""The home page and plain content pages."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from cms.models import BasePage


class HomePage(BasePage):
    """The portal's root page: latest news, procedure statistics, banners, unit sites."""

    intro = RichTextField("Giới thiệu", blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "Trang chủ"
        verbose_name_plural = "Trang chủ"


class StandardPage(BasePage):
    """A plain page of text (giới thiệu, liên hệ…)."""

    body = RichTextField("Nội dung", blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = "Trang nội dung"
        verbose_name_plural = "Trang nội dung"
