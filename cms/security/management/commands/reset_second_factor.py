"""``manage.py reset_second_factor USERNAME``: remove a user's authenticator devices (lost phone).

The user enrols again at the next sign-in (from the account menu, or forced if their group
requires it). Lockouts after wrong passwords are lifted with django-axes' ``axes_reset_username``.
"""

from __future__ import annotations

from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Gỡ mọi thiết bị xác thực hai bước của một người dùng (mất điện thoại)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{username}”.")
        count, _ = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(f"Đã gỡ {count} thiết bị xác thực của {username}.")
