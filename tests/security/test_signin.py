"""Sign-in (issue 17, point 3): lockout after wrong passwords, sign-ins logged, passwords of 12+
characters not on a common list (Vietnamese ones included), a second factor for reviewers and
portal administrators."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
import time_machine
from axes.helpers import get_lockout_message
from axes.models import AccessAttempt, AccessLog
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from tests.editorial.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def sign_in(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# --- Lockout ------------------------------------------------------------------------------------


def test_thirty_wrong_passwords_lock_the_account_and_the_right_one_is_refused(users, caplog):
    client = Client(REMOTE_ADDR="203.0.113.7")
    with caplog.at_level(logging.INFO, logger="cms.security.signin"):
        codes = [sign_in(client, "duyet", f"doan-sai-{n}").status_code for n in range(30)]
        assert 429 in codes  # locked out before the 30th guess
        right = sign_in(client, "duyet", PASSWORD)
    assert right.status_code == 429
    page = right.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "sai mật khẩu 5 lần" in page and "tạm thời bị khóa trong 30 phút" in page
    assert "PT30M" not in page  # axes' ISO 8601 duration, not for reading
    assert not signed_in(client)
    # Each failure is in the server's log and in axes' records, never with the password.
    failures = [r for r in caplog.records if "Đăng nhập thất bại" in r.getMessage()]
    assert len(failures) >= 5
    assert "'duyet' từ 203.0.113.7" in failures[0].getMessage()
    assert "doan-sai" not in caplog.text
    attempt = AccessAttempt.objects.get(username="duyet")
    assert attempt.failures_since_start >= 5 and attempt.ip_address == "203.0.113.7"


@override_settings(AXES_COOLOFF_TIME=dt.timedelta(minutes=90), LANGUAGE_CODE="vi")
def test_the_lockout_page_and_message_are_in_vietnamese(users):
    client = Client(REMOTE_ADDR="203.0.113.11")
    for n in range(5):
        sign_in(client, "bientap", f"sai-{n}")
    locked = sign_in(client, "bientap", PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert 'lang="vi"' in page and "trong 1 giờ 30 phút" in page
    assert "Account locked" not in page and "too many" not in page
    with translation.override("vi"):  # axes' message, for a JSON or plain-text lockout
        assert str(get_lockout_message()).startswith("Tài khoản tạm bị khóa")


def test_the_lock_lifts_after_the_cool_off(users):
    client = Client(REMOTE_ADDR="203.0.113.8")
    start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        for n in range(5):
            sign_in(client, "bientap", f"sai-{n}")
        assert sign_in(client, "bientap", PASSWORD).status_code == 429
    with time_machine.travel(start + dt.timedelta(minutes=31), tick=False):
        assert sign_in(client, "bientap", PASSWORD).status_code == 302
        assert signed_in(client)


def test_a_successful_sign_in_is_logged(users, caplog):
    client = Client(REMOTE_ADDR="198.51.100.4")
    with caplog.at_level(logging.INFO, logger="cms.security.signin"):
        assert sign_in(client, "bientap", PASSWORD).status_code == 302
    assert "Đăng nhập thành công: bientap từ 198.51.100.4" in caplog.text
    assert AccessLog.objects.filter(username="bientap", ip_address="198.51.100.4").exists()


# --- Passwords ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "password", ["matkhau1", "anhyeuem", "123456789", "MatKhau@123", "Vietnam@123"]
)
def test_short_or_common_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize("password", ["toiyeuvietnam", "MATKHAUCUATOI", "anhyeuemnhieu"])
def test_long_passwords_on_the_vietnamese_list_are_refused(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)  # 13 characters: only the list refuses them
    assert [error.code for error in refused.value.error_list] == ["password_too_common"]


def test_an_eleven_character_password_is_refused_and_twelve_accepted():
    with pytest.raises(ValidationError) as refused:
        validate_password("Xd7#kq2!Lm9")
    assert any("12" in message for message in refused.value.messages)
    validate_password("Xd7#kq2!Lm9p")


# --- Second factor ------------------------------------------------------------------------------


def token(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@override_settings(OTP_REQUIRED=True)
def test_an_administrator_without_a_device_is_sent_to_set_one_up_then_needs_a_code(users):
    start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    client = Client()
    with time_machine.travel(start, tick=False) as clock:
        assert sign_in(client, "quantri", PASSWORD).status_code == 302
        response = client.get("/admin/pages/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("cms_2fa_setup"))
        setup = client.get(response["Location"])
        assert setup.status_code == 200
        html = setup.content.decode()
        assert "<svg" in html and "Đăng ký xác thực hai bước" in html
        secret = re.search(r"<code>([A-Z2-7]+)</code>", html)[1]
        device = TOTPDevice.objects.get(user=users["admin"], confirmed=False)
        assert secret  # the key for typing it by hand
        wrong = client.post(reverse("cms_2fa_setup"), {"token": "000000", "next": "/admin/pages/"})
        assert "Mã không đúng" in wrong.content.decode()
        clock.shift(5)  # django-otp throttles: after a wrong code, the next waits a second
        device.refresh_from_db()
        done = client.post(
            reverse("cms_2fa_setup"), {"token": token(device), "next": "/admin/pages/"}
        )
        assert done.status_code == 302 and done["Location"] == "/admin/pages/"
        assert client.get("/admin/pages/").status_code == 200

    # The next sign-in: the password alone does not open the admin.
    other = Client()
    with time_machine.travel(start + dt.timedelta(minutes=5), tick=False):
        assert sign_in(other, "quantri", PASSWORD).status_code == 302
        response = other.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("cms_2fa_verify"))
        # Nor can a new device be added with the password alone.
        setup_again = other.get(reverse("cms_2fa_setup"))
        assert setup_again["Location"].startswith(reverse("cms_2fa_verify"))
        device.refresh_from_db()
        refused = other.post(reverse("cms_2fa_verify"), {"token": "123456", "next": "/admin/"})
        assert "Mã không đúng" in refused.content.decode()
        assert other.get("/admin/").status_code == 302
        # Another code at once: django-otp waits after a wrong one, and says so in Vietnamese.
        again = other.post(reverse("cms_2fa_verify"), {"token": token(device), "next": "/admin/"})
        assert again.status_code == 200
        assert "Tạm ngừng xác thực vì đã nhập sai mã 1 lần" in again.content.decode()
    with time_machine.travel(start + dt.timedelta(minutes=6), tick=False):
        device.refresh_from_db()
        ok = other.post(reverse("cms_2fa_verify"), {"token": token(device), "next": "/admin/"})
        assert ok.status_code == 302 and ok["Location"] == "/admin/"
        assert other.get("/admin/").status_code == 200


@override_settings(OTP_REQUIRED=True)
@pytest.mark.parametrize("role", ["reviewer", "admin"])
def test_reviewers_and_administrators_must_enrol(users, role):
    client = Client()
    client.force_login(users[role])
    assert client.get("/admin/")["Location"].startswith(reverse("cms_2fa_setup"))


@override_settings(OTP_REQUIRED=True)
def test_an_editor_may_enrol_but_is_not_forced(users):
    client = Client()
    client.force_login(users["news"])
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("cms_2fa_setup")).status_code == 200
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert reverse("cms_2fa_setup") in account  # offered from the account menu


def test_in_development_the_demo_superuser_is_not_asked_for_a_device(admin_client):
    assert admin_client.get("/admin/").status_code == 200
