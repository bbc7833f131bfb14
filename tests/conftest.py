"""Fixtures shared by the whole suite: a site whose root is the portal's HomePage."""

from __future__ import annotations

import pytest

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from home.demo import ensure_home
from home.factories import AgencyFactory, SectorFactory
from home.models import Agency, HomePage, Sector


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Every test starts with an empty cache (the database is rolled back, the cache is not), so
    query counts do not depend on which test ran before (sidebar data, site root paths)."""
    cache.clear()


@pytest.fixture(autouse=True)
def _vietnamese() -> None:
    """Every test starts in Vietnamese: Django keeps the language a request activated (an /en/
    page) for the thread, and cms.text formats dates and numbers in the active language."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home_page(db) -> HomePage:
    """The HomePage as the default site's root, as ``load_demo`` makes it."""
    return ensure_home()


@pytest.fixture
def construction(db) -> Sector:
    """The procedures' usual field (lĩnh vực), shared by the home and citizens tests."""
    return SectorFactory(name="Hoạt động xây dựng")


@pytest.fixture
def housing(db) -> Sector:
    return SectorFactory(name="Nhà ở và công sở")


@pytest.fixture
def department(db) -> Agency:
    """A department of the ministry (cơ quan): a procedure's agency, a question's unit, a
    draft's drafting unit."""
    return AgencyFactory(name="Cục Quản lý hoạt động xây dựng")
