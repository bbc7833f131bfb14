"""Site settings: the ministry's identity and contacts, and the sidebar banners."""

from __future__ import annotations

from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from home.blocks import BannerStreamBlock

NATIONAL_PORTAL_URL = "https://dichvucong.gov.vn"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the header, sidebar and footer of every page show; nothing of it is in templates."""

    ministry_name = models.CharField(
        "Tên cơ quan", max_length=255, default="Bộ Xây dựng",
        help_text="Hiện ở đầu trang, tiêu đề trình duyệt và chân trang.",
    )
    ministry_name_en = models.CharField(
        "Tên cơ quan (tiếng Anh)", max_length=255, default="Ministry of Construction",
        blank=True, help_text="Hiện trên các trang tiếng Anh.",
    )
    emblem = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Quốc huy / biểu trưng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Ảnh ở đầu trang (nên dùng ảnh vuông, nền trong suốt).",
    )
    address = models.CharField(
        "Địa chỉ", max_length=255, blank=True, help_text="Địa chỉ trụ sở, hiện ở chân trang."
    )
    phone = models.CharField(
        "Điện thoại", max_length=64, blank=True, help_text="Ví dụ: 024 3821 5137."
    )
    email = models.EmailField("Thư điện tử", blank=True, help_text="Địa chỉ liên hệ công khai.")
    national_portal_url = models.URLField(
        "Cổng dịch vụ công Quốc gia",
        default=NATIONAL_PORTAL_URL,
        help_text="Địa chỉ nơi người dân nộp hồ sơ trực tuyến.",
    )
    footer_text = RichTextField(
        "Chân trang",
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Ví dụ: cơ quan chủ quản, giấy phép, ghi rõ nguồn khi phát hành lại thông tin.",
    )
    footer_text_en = RichTextField(
        "Chân trang (tiếng Anh)",
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Hiện trên các trang tiếng Anh; để trống thì trang tiếng Anh không có đoạn này.",
    )
    sidebar_banners = StreamField(
        BannerStreamBlock(),
        blank=True,
        verbose_name="Banner cột bên",
        help_text="Các banner hiện ở cột bên của mọi trang tiếng Việt, theo thứ tự này.",
    )
    sidebar_banners_en = StreamField(
        BannerStreamBlock(),
        blank=True,
        verbose_name="Banner cột bên (tiếng Anh)",
        help_text="Các banner của trang tiếng Anh (/en/), viết bằng tiếng Anh; để trống thì "
        "trang tiếng Anh không hiện banner.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("ministry_name"), FieldPanel("ministry_name_en"), FieldPanel("emblem")],
            heading="Cơ quan",
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("national_portal_url"),
                FieldPanel("footer_text"),
                FieldPanel("footer_text_en"),
            ],
            heading="Liên hệ và chân trang",
        ),
        FieldPanel("sidebar_banners"),
        FieldPanel("sidebar_banners_en"),
    ]

    class Meta:
        verbose_name = "Cài đặt cổng thông tin"
        verbose_name_plural = "Cài đặt cổng thông tin"

    @classmethod
    def base_queryset(cls) -> models.QuerySet:
        # Every page reads the name through the settings context processor: leave the banner
        # streams out of that query (the sidebar reads them, cached, in home.chrome).
        return super().base_queryset().defer("sidebar_banners", "sidebar_banners_en")
