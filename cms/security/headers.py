"""django-csp's middleware, with the admin's policy (``cms.security.policy``) under the admin."""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's policy under ``CMS_ADMIN_URL_PREFIX``."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        prefix = getattr(settings, "CMS_ADMIN_URL_PREFIX", "/admin/")
        if not report_only and parts.config is None and request.path_info.startswith(prefix):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts
