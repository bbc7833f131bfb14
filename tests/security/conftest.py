"""Fixtures of the security tests: the sections and one user per team, as the editorial tests."""

from tests.editorial.conftest import category, login, sections, users  # noqa: F401
