"""The newsroom's section for the editorial setup (``cms.editorial``): its team, its media."""

from __future__ import annotations

from cms.editorial.setup import Section, register_admin_apps, register_section

GROUP_NEWS = "Biên tập viên tin tức"

NEWS = Section(
    "news", "newsindexpage", GROUP_NEWS, "Tin tức", models=(("news", "newscategory"),), order=10
)


def register() -> None:
    """Called from ``NewsConfig.ready``."""
    register_section(NEWS)
    register_admin_apps("news")
