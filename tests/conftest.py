"""Fixtures shared by the whole suite: a site whose root is the portal's HomePage."""

from __future__ import annotations

import pytest

from home.demo import ensure_home
from home.models import HomePage


@pytest.fixture
def home_page(db) -> HomePage:
    """The HomePage as the default site's root, as ``load_demo`` makes it."""
    return ensure_home()
