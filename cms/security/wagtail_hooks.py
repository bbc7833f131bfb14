"""Wagtail hooks of ``cms.security``: documents are served only once a public page uses them;
the second factor's admin views, account menu item and group permission."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.http import Http404, HttpRequest
from django.urls import path, reverse

from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from cms.security import second_factor
from cms.security.public_media import is_public


@hooks.register("before_serve_document")
def refuse_unpublished_document(document: Any, request: HttpRequest) -> None:
    """404 for a document no public page uses yet, except to those who may choose it in the
    admin (its section's editors, the reviewers, the administrators), who need to check it."""
    if is_public(document):
        return None
    user = request.user
    policy = policy_registry.get_by_type(get_document_model())
    if user.is_authenticated and policy.user_has_any_permission_for_instance(
        user, ["choose", "change"], document
    ):
        return None
    raise Http404("Tài liệu chưa được công bố.")


@hooks.register("register_admin_urls")
def second_factor_urls() -> list[Any]:
    return [
        path("2fa/xac-thuc/", second_factor.verify, name="cms_2fa_verify"),
        path("2fa/dang-ky/", second_factor.setup, name="cms_2fa_setup"),
    ]


@hooks.register("register_account_menu_item")
def second_factor_menu_item(request: HttpRequest) -> dict[str, str]:
    return {
        "url": reverse("cms_2fa_setup"),
        "label": "Xác thực hai bước",
        "help_text": "Thêm ứng dụng xác thực (mã 6 chữ số) để bảo vệ tài khoản khi mật khẩu lộ.",
    }


@hooks.register("register_permissions")
def second_factor_permission() -> Any:
    return Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="require_2fa"
    )
