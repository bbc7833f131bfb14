"""The search corpus, built once per module (inside a transaction rolled back at the end)."""

from __future__ import annotations

import pytest

from django.db import transaction

from home.demo import ensure_home
from tests.search import corpus as corpus_module


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """Pages of ``tests.search.corpus`` by key, published and indexed."""
    with django_db_blocker.unblock(), transaction.atomic():
        pages = corpus_module.build(ensure_home())
        yield pages
        transaction.set_rollback(True)
