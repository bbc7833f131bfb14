"""The backend named in settings (``"BACKEND": "search.configured"``): the engine and options
that ``search.conf`` reads from the environment, chosen when Wagtail makes the backend.

Settings name the search app by this dotted path only, as they name apps in INSTALLED_APPS, so
that the project package (``cms``) imports nothing from ``search``. Options written in settings
beside ``BACKEND`` (tests set some) win over the environment's.
"""

from __future__ import annotations

import os
from typing import Any

from wagtail.search.backends import import_backend
from wagtail.search.backends.base import BaseSearchBackend

from search.conf import search_backends


def SearchBackend(params: dict[str, Any]) -> BaseSearchBackend:  # noqa: N802 - Wagtail's name
    """Wagtail calls a backend module's ``SearchBackend(params)``: here it makes the engine the
    environment chose, with its options."""
    options = dict(search_backends(os.environ)["default"])
    engine = options.pop("BACKEND")
    return import_backend(engine)({**options, **params})
