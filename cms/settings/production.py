"""Production: refuses to start without SECRET_KEY and ALLOWED_HOSTS; HTTPS and HSTS on."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random string of 50+ characters.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names.")

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Behind nginx (deploy/nginx/portal.conf), which sets X-Forwarded-Proto itself, overwriting what a
# client sent: trust it only where gunicorn listens for the proxy alone (127.0.0.1, a socket).
if env_bool("SECURE_PROXY_SSL_HEADER", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# nginx passes the client's Host unchanged (proxy_set_header Host $host), and Django checks it
# against ALLOWED_HOSTS; X-Forwarded-Host is needed only behind a proxy that rewrites Host, and
# trusting it elsewhere lets a client choose the host Django builds absolute URLs with.
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
# Load balancers probe over plain HTTP; cms.health.ProbeMiddleware answers first anyway.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True
# A second factor for reviewers and portal administrators (and whoever enrolled one).
OTP_REQUIRED = env_bool("OTP_REQUIRED", True)
