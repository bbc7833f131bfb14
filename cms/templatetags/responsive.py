"""``{% responsive_image %}``: one tag for every picture of the site, so every one is done right.

It wraps Wagtail's own ``Picture`` (what ``{% picture %}`` renders): AVIF and WebP ``<source>``s
with a JPEG fallback, widths in ``srcset``, explicit ``width``/``height`` (no layout shift), and
``loading="lazy"`` unless the image is the first one above the fold (``eager=True``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django import template
from django.db import models
from django.utils.safestring import SafeString, mark_safe

from wagtail.images.models import AbstractImage, Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

register = template.Library()
logger = logging.getLogger(__name__)

# role → (filter spec with brace expansion, sizes attribute), as site.css lays them out. hero: the
# main column. card: the 13rem thumbnail beside a title (full width on a phone), cropped 16:9 like
# the card's CSS aspect-ratio. banner: an icon 3rem tall whatever its width; sizes None means
# "the width of the smallest rendition", the larger one being for dense screens.
ROLES: dict[str, tuple[str, str | None]] = {
    "hero": (
        "format-{avif,webp,jpeg} width-{480,800,1200}",
        "(min-width: 76rem) 52rem, (min-width: 64rem) calc(100vw - 24rem), 100vw",
    ),
    "card": (
        "format-{avif,webp,jpeg} fill-{416x234,832x468}-c100",
        "(min-width: 36rem) 13rem, 100vw",
    ),
    "thumb": ("format-{avif,webp,jpeg} fill-{160x107,320x213}-c100", "10rem"),
    "banner": ("format-{avif,webp,png} height-{48,96}", None),
}


def specs_for(role: str) -> list[str]:
    """The concrete rendition specs of a role (``format-avif|width-480`` …)."""
    pattern, _ = ROLES[role]
    return Filter().expand_spec(pattern)


def prefetch_renditions(images: Iterable) -> None:
    """One query for the renditions of all these images, instead of one per image.

    Call it on the images of a listing before rendering, so a page costs the same for 5
    pictures as for 50. All renditions of each image are fetched, not those of some specs:
    Wagtail takes a prefetched set as complete, so a spec missing from a filtered set (the
    Open Graph image of the SEO tags, the hero of the home page's first story) would be
    looked up and its file encoded again on every view.
    """
    images = [image for image in images if image is not None]
    if images:
        models.prefetch_related_objects(images, "renditions")


def renditions_or_none(image: Any, specs: list[str]) -> dict[str, Any] | None:
    """The image's renditions of these specs, or None when its file cannot be rendered.

    Wagtail's shortcuts turn only a missing file into a placeholder; a file that is not an image,
    is truncated or too large raises while a page renders, and one such file made the home page
    answer 500 to every visitor. Such a picture is left out and the error logged once per view.
    A broad ``except`` on purpose: whatever the image library raises, the page still shows.
    """
    try:
        return get_renditions_or_not_found(image, specs)
    except Exception:  # noqa: BLE001
        logger.exception("Không tạo được bản hiển thị của ảnh #%s (%s)", image.pk, image.file.name)
        return None


def rendition_or_none(image: Any, spec: str) -> Any | None:
    """One rendition, or None when the image cannot be rendered (see ``renditions_or_none``)."""
    renditions = renditions_or_none(image, [spec])
    return None if renditions is None else renditions[spec]


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
    renditions = renditions_or_none(image, specs_for(role))
    if renditions is None:
        return mark_safe("")  # the file cannot be rendered: the page shows without it (logged)
    renditions = _distinct(renditions)
    if sizes is None:
        sizes = f"{min(rendition.width for rendition in renditions.values())}px"
    if len(renditions) == len({_format(spec) for spec in renditions}):
        sizes = None  # one rendition per format (a small original): no srcset, so no sizes
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


@register.simple_tag
def plain_image(
    image: AbstractImage | None, spec: str, alt: str = "", css_class: str = ""
) -> SafeString:
    """``{% plain_image ss.emblem "height-72" css_class="brand__emblem" %}``: one ``<img>`` of one
    rendition, as Wagtail's ``{% image %}``, but a file that cannot be rendered gives nothing."""
    if not isinstance(image, AbstractImage):
        return mark_safe("")
    rendition = rendition_or_none(image, spec)
    if rendition is None:
        return mark_safe("")
    attrs = {"alt": alt}
    if css_class:
        attrs["class"] = css_class
    return mark_safe(rendition.img_tag(attrs))  # noqa: S308 - Wagtail escapes attrs


def _format(spec: str) -> str:
    return next((op for op in spec.split("|") if op.startswith("format-")), "")


def _distinct(renditions: dict[str, Any]) -> dict[str, Any]:
    """One rendition per format and width: an original smaller than the larger specs gives
    them all its own size, and a ``srcset`` must not name one width twice."""
    seen: set[tuple[str, int]] = set()
    kept = {}
    for spec, rendition in renditions.items():
        key = (_format(spec), rendition.width)
        if key not in seen:
            seen.add(key)
            kept[spec] = rendition
    return kept
