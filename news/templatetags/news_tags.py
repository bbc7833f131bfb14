"""Template tags of the news app: the site-wide RSS ``<link>`` and the share links of an article."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django import template
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext

from cms import text
from cms.cache import fragments
from cms.visibility import visible

register = template.Library()

FACEBOOK = "https://www.facebook.com/sharer/sharer.php"
ZALO = "https://sp.zalo.me/share"
X_TWITTER = "https://twitter.com/intent/tweet"


def _main_feed(request: HttpRequest | None) -> tuple[str, str] | None:
    """(title, url) of the main news feed in the page's language (one query; base.html asks
    once a page): an English page links the English news' feed, or none."""
    from news.models import NewsIndexPage

    index = (
        visible(NewsIndexPage.objects.filter(locale__language_code=text.language()))
        .order_by("path")
        .first()
    )
    return (index.title, index.feed_url(request)) if index else None


@register.simple_tag(takes_context=True)
def news_feed_link(context: template.Context) -> str:
    """``<link rel="alternate" type="application/rss+xml">`` to the news feed, for ``<head>``."""
    request = context.get("request")
    found = fragments.shared("news-feed-link", request, lambda: _main_feed(request))
    if not found:
        return ""
    title, url = found
    return format_html(
        '<link rel="alternate" type="application/rss+xml" title="{} – RSS" href="{}">', title, url
    )


@register.inclusion_tag("news/includes/share_links.html")
def share_links(url: str, title: str) -> dict:
    """Plain share links (no third-party script is loaded on our pages)."""
    return {
        "url": url,
        "links": [
            ("facebook", "Facebook", f"{FACEBOOK}?{urlencode({'u': url})}"),
            ("zalo", "Zalo", f"{ZALO}?{urlencode({'url': url})}"),
            ("x", "X (Twitter)", f"{X_TWITTER}?{urlencode({'url': url, 'text': title})}"),
            ("email", gettext("Thư điện tử"), f"mailto:?subject={quote(title)}&body={quote(url)}"),
        ],
    }
