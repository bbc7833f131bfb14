"""Sign-ins are logged: who, from where, success or failure (never the password).

django-axes counts failures and locks out (its ``AccessAttempt``/``AccessLog`` rows are the
record an auditor reads in the Django admin); this log line is for the server's journal, where
an operator sees a guessing attack as it happens.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

logger = logging.getLogger("cms.security.signin")


def client_ip(request: HttpRequest | None) -> str:
    if request is None:
        return "?"
    # axes has resolved the address behind the proxy (AXES_IPWARE_*); fall back to REMOTE_ADDR.
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "?")


def logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        from cms.security.second_factor import remember_device

        remember_device(request, user)
    logger.info("Đăng nhập thành công: %s từ %s", user.get_username(), client_ip(request))


def logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        logger.info("Đăng xuất: %s từ %s", user.get_username(), client_ip(request))


def login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    logger.warning("Đăng nhập thất bại: %r từ %s", username, client_ip(request))


def connect() -> None:
    user_logged_in.connect(logged_in, dispatch_uid="cms.security.logged_in")
    user_logged_out.connect(logged_out, dispatch_uid="cms.security.logged_out")
    user_login_failed.connect(login_failed, dispatch_uid="cms.security.login_failed")
