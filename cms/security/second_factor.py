"""A second factor (TOTP, django-otp) for the Wagtail admin: enrol, verify, and the gate.

Why our own: wagtail-2fa, the Wagtail integration, does not import on Wagtail 8 (its hooks use
``wagtail.users.widgets``, removed); wagtail-mfa is an unmaintained 0.1. django-otp does the
cryptography, the device model and its throttling; what is here is two admin views and a middleware.

Who: members of the groups holding ``wagtailadmin.require_2fa`` (reviewers, portal
administrators: ``cms.editorial.setup``) and superusers must enrol when ``OTP_REQUIRED`` is on
(production); anyone may enrol from the account menu, and whoever has a device must use it.
"""

from __future__ import annotations

import base64
import logging
from typing import Any
from urllib.parse import urlencode

import django_otp
import segno
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_totp.models import TOTPDevice

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from cms.security.signin import client_ip

logger = logging.getLogger("cms.security.signin")

REQUIRE_PERMISSION = "wagtailadmin.require_2fa"
# Whether the signed-in user has a confirmed device, looked up once at sign-in and kept in the
# session, so that admin pages cost no query more for the gate.
SESSION_HAS_DEVICE = "cms_2fa_has_device"
DEVICE_NAME = "Ứng dụng xác thực"
# Admin URLs a signed-in user reaches before the second factor.
OPEN_URL_NAMES = frozenset({
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "cms_2fa_verify",
    "cms_2fa_setup",
})


def is_required(user: Any) -> bool:
    """Whether this user must enrol a device (production: reviewers, administrators)."""
    if not getattr(settings, "OTP_REQUIRED", False):
        return False
    return bool(user.is_superuser or user.has_perm(REQUIRE_PERMISSION))


class SecondFactorMiddleware:
    """In the admin, a signed-in user with a device who has not entered a code is sent to the
    code form; one who must enrol and has no device is sent to enrol. After django-otp's
    ``OTPMiddleware`` (``request.user.is_verified()``)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        redirect_to = self.gate(request)
        return redirect_to or self.get_response(request)

    def gate(self, request: HttpRequest) -> HttpResponse | None:
        prefix = getattr(settings, "CMS_ADMIN_URL_PREFIX", "/admin/")
        user = getattr(request, "user", None)
        if not request.path_info.startswith(prefix) or user is None:
            return None
        if not user.is_authenticated or user.is_verified():
            return None
        try:
            if resolve(request.path_info).url_name in OPEN_URL_NAMES:
                return None
        except Resolver404:
            return None
        query = urlencode({"next": request.get_full_path()})
        if has_device(request):
            return HttpResponseRedirect(f"{reverse('cms_2fa_verify')}?{query}")
        if is_required(user):
            return HttpResponseRedirect(f"{reverse('cms_2fa_setup')}?{query}")
        return None


def remember_device(request: HttpRequest, user: Any) -> bool:
    """Look up whether ``user`` has a confirmed device and keep the answer in the session."""
    found = django_otp.user_has_device(user, confirmed=True)
    request.session[SESSION_HAS_DEVICE] = found
    return found


def has_device(request: HttpRequest) -> bool:
    found = request.session.get(SESSION_HAS_DEVICE)
    if found is None:  # a session opened before this gate existed
        found = remember_device(request, request.user)
    return bool(found)


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Mã xác thực",
        help_text="Sáu chữ số trong ứng dụng xác thực (Google Authenticator, Microsoft "
        "Authenticator, FreeOTP…).",
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": "Hãy nhập mã xác thực."},
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split())


def _next_url(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def throttled(user: Any) -> str | None:
    """django-otp's own message (in Vietnamese from ``cms/locale/signin``) when the user's
    device refuses codes for a while after wrong ones: each wrong code doubles the wait, so a
    right code typed too soon is refused too and the user must be told to wait, not that it
    is wrong."""
    for device in django_otp.devices_for_user(user, confirmed=True):
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
            wait = OTPAuthenticationFormMixin.otp_error_messages["n_failed_attempts"]
            return str(wait % {"failure_count": data["failure_count"]})
    return None


@never_cache
@sensitive_post_parameters("token")
def verify(request: HttpRequest) -> HttpResponse:
    """The code form after the password, for a user with a device."""
    user = request.user
    if not user.is_authenticated:
        return redirect("wagtailadmin_login")
    if not django_otp.user_has_device(user, confirmed=True):
        return redirect(f"{reverse('cms_2fa_setup')}?{urlencode({'next': _next_url(request)})}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Asked before the code is tried: a code sent while waiting is not even checked.
        wait = throttled(user)
        device = django_otp.match_token(user, form.cleaned_data["token"])
        if device is not None:
            django_otp.login(request, device)
            logger.info(
                "Xác thực hai bước thành công: %s từ %s", user.get_username(), client_ip(request)
            )
            return HttpResponseRedirect(_next_url(request))
        logger.warning("Mã xác thực sai: %s từ %s", user.get_username(), client_ip(request))
        form.add_error("token", wait or "Mã không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện.")
    return TemplateResponse(
        request, "security/second_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@never_cache
@sensitive_post_parameters("token")
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code (or type the key), confirm with one code."""
    user = request.user
    if not user.is_authenticated:
        return redirect("wagtailadmin_login")
    if django_otp.user_has_device(user, confirmed=True) and not user.is_verified():
        # A new device only after the current one: a stolen password alone cannot add one.
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('cms_2fa_verify')}?{query}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            request.session[SESSION_HAS_DEVICE] = True
            django_otp.login(request, device)
            logger.info("Đăng ký xác thực hai bước: %s", user.get_username())
            messages.success(request, "Đã bật xác thực hai bước cho tài khoản của bạn.")
            return HttpResponseRedirect(_next_url(request))
        form.add_error("token", "Mã không đúng. Hãy quét lại mã QR và nhập mã đang hiện.")
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": qr.svg_inline(scale=5, dark="#000", light="#fff"),
        "secret": base64.b32encode(device.bin_key).decode("ascii"),
        "enrolled": django_otp.user_has_device(user, confirmed=True),
        "required": is_required(user),
    }
    return TemplateResponse(request, "security/second_factor_setup.html", context)
