"""Common passwords: Django's list of 20,000 and the ones Vietnamese users pick.

Django's ``CommonPasswordValidator`` reads one list; ours adds a second
(``common-passwords-vi.txt``: ``matkhau1``, ``anhyeuem``, ``123456789``…) rather than copying
Django's file into the repository, so Django's list keeps its updates.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.password_validation import CommonPasswordValidator

VIETNAMESE_LIST = Path(__file__).resolve().parent / "common-passwords-vi.txt"


class VietnameseCommonPasswordValidator(CommonPasswordValidator):
    """Refuses a password on Django's common list or on the Vietnamese one (case-insensitive)."""

    def __init__(self, password_list_path: Path | str | None = None) -> None:
        super().__init__(password_list_path or CommonPasswordValidator.DEFAULT_PASSWORD_LIST_PATH)
        with open(VIETNAMESE_LIST, encoding="utf-8") as lines:
            self.passwords |= {
                line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
            }
