"""Template filters for Vietnamese display; all formatting is done by ``cms.text``.

Loaded as a builtin (see TEMPLATES), so every template can write ``{{ value|vi_datetime }}``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template

from cms import text

register = template.Library()


@register.filter
def vi_datetime(value: dt.datetime | None) -> str:
    """``Thứ hai, 21/09/2020 09:07``."""
    return text.format_datetime(value) if value else ""


@register.filter
def vi_date(value: dt.date | None) -> str:
    """``21/09/2020``."""
    return text.format_date(value) if value else ""


@register.filter
def vi_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """``1.000.000`` or, with an argument, ``40,81``."""
    return "" if value is None else text.format_number(value, int(decimals))


@register.filter
def vi_duration(value: dt.timedelta | None) -> str:
    """``30 phút``, ``1 giờ 30 phút``."""
    return text.format_duration(value) if value is not None else ""


@register.filter
def iso_local(value: dt.datetime | None) -> str:
    """ISO 8601 in Asia/Ho_Chi_Minh with its +07:00 offset, for JSON-LD and <time>."""
    if not value:
        return ""
    return value.astimezone(text.TIME_ZONE).isoformat(timespec="seconds")
