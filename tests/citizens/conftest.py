"""Fixtures of the citizens' journeys: the /hoi-dap/ and /lay-y-kien-du-thao/ pages, mail, a
signed form stamp (the sectors and the department are the suite's, tests/conftest.py)."""

from __future__ import annotations

import time

import pytest

from django.core import mail as django_mail
from django.core import signing

from home.citizens import guards
from home.citizens import mail as citizen_mail
from home.models import ConsultationIndexPage, QuestionIndexPage


def stamp(age: float = 60) -> str:
    """A genuine ``started`` value of a form shown ``age`` seconds ago."""
    signer = signing.TimestampSigner(salt=guards._SALT)
    return signer.sign(str(int(time.time() - age)))


@pytest.fixture
def questions_index(home_page) -> QuestionIndexPage:
    page = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def consultations(home_page) -> ConsultationIndexPage:
    page = ConsultationIndexPage(title="Lấy ý kiến dự thảo", slug="lay-y-kien-du-thao")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run a request, then its after-commit callbacks, and wait for the mail threads."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            response = call(*args, **kwargs)
        citizen_mail.wait()
        return response

    return run


def sent() -> list:
    return list(django_mail.outbox)
