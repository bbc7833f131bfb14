"""``cacheable``: a view that is not a Wagtail page opts in to the page cache."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps


def cacheable(*params: str) -> Callable:
    """Store this view's anonymous GET answers; ``params`` are the query parameters it reads."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            request._page_cache_params = params
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
