"""Fixtures of the portal tests: the three index pages under the home page, terms, helpers."""

from __future__ import annotations

import pytest

from home.factories import (
    PolicyIndexPageFactory,
    ProcedureIndexPageFactory,
    ProcedurePageFactory,
    UnitSitesPageFactory,
)
from home.models import PolicyIndexPage, ProcedureIndexPage, UnitSitesPage


@pytest.fixture
def procedure_index(home_page) -> ProcedureIndexPage:
    return ProcedureIndexPageFactory(parent=home_page)


@pytest.fixture
def policy_index(home_page) -> PolicyIndexPage:
    return PolicyIndexPageFactory(parent=home_page)


@pytest.fixture
def units_page(home_page) -> UnitSitesPage:
    return UnitSitesPageFactory(parent=home_page)


@pytest.fixture
def make_procedures(procedure_index, construction):
    """``make_procedures(n, level=4, **fields)``: n live procedures in the catalogue."""

    def make(count: int, level: int = 4, **fields):
        fields.setdefault("sector", construction)
        return [
            ProcedurePageFactory(parent=procedure_index, level=level, **fields)
            for _ in range(count)
        ]

    return make
