"""Fixtures of the organisation tests: /gioi-thieu/ and /gioi-thieu/lanh-dao-bo/."""

from __future__ import annotations

import pytest

from home.factories import LeadersPageFactory, OrganisationPageFactory
from home.models import LeadersPage, OrganisationPage


@pytest.fixture
def organisation(home_page) -> OrganisationPage:
    return OrganisationPageFactory(parent=home_page)


@pytest.fixture
def leaders_page(organisation) -> LeadersPage:
    return LeadersPageFactory(parent=organisation)
