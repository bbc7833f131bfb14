"""Fixtures of the English version: the English home (Wagtail's translation of the site root)
and a helper that translates a page as the admin's "Dịch" action does."""

from __future__ import annotations

import pytest

from wagtail.models import Locale, Page

from home.factories import LeadersPageFactory, OrganisationPageFactory
from home.models import HomePage, LeadersPage, OrganisationPage


def translate(page: Page, title: str, slug: str, **fields) -> Page:
    """Wagtail's copy for translation in English, with the English text, published."""
    english = Locale.objects.get(language_code="en")
    translated = page.copy_for_translation(english).specific
    translated.title, translated.slug = title, slug
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


@pytest.fixture
def en_home(home_page) -> HomePage:
    return translate(home_page, "Ministry of Construction", "en")


@pytest.fixture
def organisation(home_page) -> OrganisationPage:
    return OrganisationPageFactory(parent=home_page)


@pytest.fixture
def leaders_page(organisation) -> LeadersPage:
    return LeadersPageFactory(parent=organisation)


@pytest.fixture
def en_organisation(en_home, organisation) -> OrganisationPage:
    return translate(organisation, "About the Ministry", "about",
                     functions="<p>The Ministry of Construction is a government body.</p>")
