"""StreamField blocks of the portal: the sidebar and home-page banners."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Site

from cms.templatetags.responsive import responsive_image

# Inline SVG icons drawn in templates/home/blocks/icon.html (no icon font, no request).
ICON_CHOICES = [
    ("dich-vu-cong", "Dịch vụ công (biểu mẫu)"),
    ("phap-luat", "Pháp luật (cán cân)"),
    ("san-pham", "Sản phẩm, dịch vụ (hộp quà)"),
    ("don-vi", "Đơn vị (tòa nhà)"),
    ("lien-ket", "Liên kết"),
]
#: The link text an imported banner gets when its record gives none (Vietnamese banners).
DEFAULT_LINK_TEXT = "Xem chi tiết"


def banner_dict(value: blocks.StructValue, site: Any = None) -> dict | None:
    """Plain data of one banner for templates and caches; None if its link leads nowhere.

    A link to an unpublished page is left out rather than shown broken.
    """
    page, image = value.get("page"), value.get("image")
    if page is not None:
        if not page.live:
            return None
        href, external = (page.relative_url(site) if site else page.url) or "", False
    else:
        href, external = value.get("url") or "", True
    if not href:
        return None
    # Markup, not the image: the dict is cached, and a warm sidebar costs no query.
    picture = responsive_image(image, "banner", alt="") if image is not None else ""
    return {
        "title": value.get("title"),
        "subtitle": value.get("subtitle") or "",
        "icon": value.get("icon") or ("" if picture else "lien-ket"),
        "image": picture,
        "href": href,
        "external": external,
        "link_text": value.get("link_text") or "",  # empty: the template's, in the page's language
    }


class BannerBlock(blocks.StructBlock):
    """A sidebar/home banner: icon or image, title, subtitle, one link, link text."""

    icon = blocks.ChoiceBlock(
        choices=ICON_CHOICES,
        required=False,
        label="Biểu tượng",
        help_text="Chọn biểu tượng, hoặc chọn ảnh bên dưới (không dùng cả hai).",
    )
    image = ImageChooserBlock(
        required=False, label="Ảnh", help_text="Ảnh thay cho biểu tượng (nên vuông, ≥ 96 px)."
    )
    title = blocks.CharBlock(
        max_length=120, label="Tiêu đề", help_text="Ví dụ: Cổng dịch vụ công Quốc gia."
    )
    subtitle = blocks.TextBlock(
        required=False, max_length=255, label="Mô tả ngắn", help_text="Một hai dòng giới thiệu."
    )
    page = blocks.PageChooserBlock(
        required=False, label="Trang trong cổng", help_text="Liên kết đến một trang của cổng…"
    )
    url = blocks.URLBlock(
        required=False, label="Địa chỉ bên ngoài", help_text="…hoặc đến một địa chỉ bên ngoài."
    )
    link_text = blocks.CharBlock(
        required=False,
        max_length=60,
        label="Chữ trên liên kết",
        help_text="Để trống: “Xem chi tiết” (trên trang tiếng Anh: “Learn more”).",
    )

    class Meta:
        icon = "link"
        label = "Banner"
        template = "home/blocks/banner.html"

    def get_context(self, value: blocks.StructValue, parent_context: dict | None = None) -> dict:
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        site = Site.find_for_request(request)
        context["banner"] = banner_dict(value, site)
        return context

    def clean(self, value: blocks.StructValue) -> blocks.StructValue:
        value = super().clean(value)
        errors: dict[str, ValidationError] = {}
        if value.get("page") and value.get("url"):
            errors["url"] = ValidationError(
                "Chỉ chọn một liên kết: một trang trong cổng hoặc một địa chỉ bên ngoài."
            )
        elif not value.get("page") and not value.get("url"):
            errors["page"] = ValidationError(
                "Cần một liên kết: chọn một trang trong cổng hoặc nhập địa chỉ bên ngoài."
            )
        if value.get("icon") and value.get("image"):
            errors["image"] = ValidationError("Chỉ dùng biểu tượng hoặc ảnh, không dùng cả hai.")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class BannerStreamBlock(blocks.StreamBlock):
    """An ordered list of banners (the sidebar's, the home page's)."""

    banner = BannerBlock()

    class Meta:
        required = False
