"""Fixtures of the news tests: a news index under the portal's home page."""

from __future__ import annotations

import pytest

from news.factories import NewsCategoryFactory, NewsIndexPageFactory
from news.models import NewsCategory, NewsIndexPage


@pytest.fixture
def news_index(home_page) -> NewsIndexPage:
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def category(db) -> NewsCategory:
    return NewsCategoryFactory(name="Cải cách hành chính")


@pytest.fixture
def other_category(db) -> NewsCategory:
    return NewsCategoryFactory(name="Quy hoạch – Kiến trúc")
