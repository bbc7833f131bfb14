"""``{% responsive_image %}``: one tag for every picture of the site, so every one is done right.

It wraps Wagtail's own ``Picture`` (what ``{% picture %}`` renders): AVIF and WebP ``<source>``s
with a JPEG fallback, widths in ``srcset``, explicit ``width``/``height`` (no layout shift), and
``loading="lazy"`` unless the image is the first one above the fold (``eager=True``).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from wagtail.images.models import AbstractImage, Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

register = template.Library()

# role → (filter spec with brace expansion, sizes attribute)
ROLES: dict[str, tuple[str, str]] = {
    "hero": (
        "format-{avif,webp,jpeg} width-{480,800,1200}",
        "(min-width: 76rem) 52rem, (min-width: 64rem) calc(100vw - 24rem), 100vw",
    ),
    "card": (
        "format-{avif,webp,jpeg} fill-{384x256,768x512}-c100",
        "(min-width: 36rem) 12rem, 100vw",
    ),
    "thumb": ("format-{avif,webp,jpeg} fill-{160x107,320x213}-c100", "10rem"),
    "banner": ("format-{avif,webp,png} max-{320x160,640x320}", "19rem"),
}


def specs_for(role: str) -> list[str]:
    """The concrete rendition specs of a role (``format-avif|width-480`` …)."""
    pattern, _ = ROLES[role]
    return Filter().expand_spec(pattern)


@register.simple_tag
def responsive_image(
    image: AbstractImage | None,
    role: str = "hero",
    eager: bool = False,
    alt: str | None = None,
    css_class: str = "",
) -> SafeString:
    """``{% responsive_image page.image "card" %}``; ``alt=""`` marks a decorative image.

    Without ``alt`` the image's own description (required in the admin) is used.
    """
    if not isinstance(image, AbstractImage):
        return mark_safe("")
    if role not in ROLES:
        raise template.TemplateSyntaxError(f"responsive_image: unknown role {role!r}")
    _, sizes = ROLES[role]
    renditions = get_renditions_or_not_found(image, specs_for(role))
    attrs: dict[str, Any] = {
        "sizes": sizes,
        "alt": image.default_alt_text if alt is None else alt,
        "loading": "eager" if eager else "lazy",
        "decoding": "async",
    }
    if eager:
        attrs["fetchpriority"] = "high"
    if css_class:
        attrs["class"] = css_class
    return mark_safe(Picture(renditions, attrs).__html__())  # noqa: S308 - Wagtail escapes attrs
