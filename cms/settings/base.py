"""Settings shared by every environment; everything that varies comes from env vars."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url

from django.utils.translation import gettext_lazy as _

from cms.security.policy import admin_directives, public_directives
from cms.storage import media_storage, private_storage_settings, rendition_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean env var: 1/true/yes/on are true, anything else false."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "cms",
    "cms.security",
    "home",
    "news",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    # Ops: the access line and request id wrap everything; probes answer before host checks,
    # the HTTPS redirect, sessions and caches (cms/health.py says why).
    "cms.requestlog.RequestLogMiddleware",
    "cms.health.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.security.headers.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: an anonymous reader's page comes from the shared cache (cms.cache).
    "cms.cache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A second factor in the admin: required of the groups holding ``require_2fa``.
    "cms.security.second_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            "builtins": ["cms.templatetags.vi"],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL JIT-compiles any query whose estimated cost passes jit_above_cost: at 100,000
    # articles the admin's listing COUNT and its deep pages qualify and spent 1-2 s compiling
    # queries that run in 0.1-0.4 s. JIT suits long analytical queries, not these.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's RedisCache, but clear() removes only KEY_PREFIX's keys and a Redis that is
            # down makes the site uncached instead of failing (cms/rediscache.py).
            "BACKEND": "cms.rediscache.SiteRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cms"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    # Django's common passwords and Vietnamese ones (matkhau1, anhyeuem…).
    {"NAME": "cms.security.passwords.VietnameseCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Sign-in: lockout (django-axes), second factor (django-otp TOTP, cms.security.second_factor) --
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses every attempt while locked out
    "django.contrib.auth.backends.ModelBackend",
]
# After AXES_FAILURE_LIMIT wrong passwords for one account from one address, that pair is locked
# for AXES_COOLOFF_MINUTES (the right password is refused too); attempts are kept in the database
# (AccessAttempt, AccessLog, AccessFailureLog: Django admin's "Axes" section is not mounted; query
# them or use `manage.py axes_list_attempts`, `axes_reset_username USER` to unlock).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
# Behind the TLS proxy the client's address is the first of X-Forwarded-For (AXES_PROXY_COUNT=1).
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)
# TOTP required of the groups holding ``wagtailadmin.require_2fa`` (reviewers, portal
# administrators) and superusers; anyone may enrol from the account menu, and whoever has a
# device must use it. Not required in dev and tests unless OTP_REQUIRED=true; on in production.
OTP_REQUIRED = env_bool("OTP_REQUIRED", False)
OTP_TOTP_ISSUER = os.environ.get("OTP_ISSUER", "Cổng TTĐT Bộ Xây dựng")

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
# The admin speaks Vietnamese (LANGUAGE_CODE) unless an editor picks English in their account.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our Vietnamese catalogues for Wagtail's admin and apps come before the ones Wagtail ships.
LOCALE_PATHS = [
    BASE_DIR / "cms" / "locale" / "wagtail_admin",
    BASE_DIR / "cms" / "locale" / "wagtail_apps",
    # django-axes (lockout) and django-otp (second factor) ship no Vietnamese.
    BASE_DIR / "cms" / "locale" / "signin",
]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "cms" / "static"]
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
# Citizens' attachments (personal data): outside MEDIA_ROOT, never served by nginx, read only
# through the admin's checked views (cms/storage.py, home/citizens/files.py).
PRIVATE_MEDIA_ROOT = os.environ.get("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media"))
STORAGES = {
    # Media (uploads and Wagtail's renditions, which use the default storage): a local folder,
    # shared between app servers by mounting it (NFS…), or MEDIA_STORAGE=s3 (cms/storage.py).
    "default": media_storage(os.environ),
    # Wagtail's renditions: the same place, under names with a random part (cms/storage.py).
    "renditions": rendition_storage(os.environ),
    "private": private_storage_settings(os.environ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The largest upload; deploy/nginx/render.sh gives nginx the same limit (plus the envelope).
UPLOAD_MAX_MB = int(os.environ.get("UPLOAD_MAX_MB", "20"))
WAGTAILIMAGES_MAX_UPLOAD_SIZE = UPLOAD_MAX_MB * 1024 * 1024
# Any app server answers the same session: kept in the shared database (Django's default, said
# here because it matters; not in a per-server cache or file).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Bộ Xây dựng"
# The Wagtail site-setting model with the ministry's name and contacts: cms code reads it by this
# name (cms.templatetags.navigation), templates as settings.home.SiteSettings.
SITE_SETTINGS_MODEL = "home.SiteSettings"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Absolute URLs in the API (detail_url, html_url): the site's public address, not the request's.
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
# Content in Vietnamese and English (Điều 7.2, Nghị định 42/2022/NĐ-CP): Wagtail's own locales,
# each page's English version a translation of it in the /en/ tree (cms.urls: i18n_patterns with
# no prefix for Vietnamese, so every Vietnamese URL stays as it was). Translators write the English
# by hand: wagtail.contrib.simple_translation copies the page for them (no PO files, no extra
# package, as wagtail-localize would bring).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: staff e-mail hashes are not sent to a third party (and the admin's CSP stays tight).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Pixels an image may have (admin uploads and imports alike, cms.files): a 144-megapixel PNG of
# 17 KB took 844 MB to render. Wagtail's default, set here so admin and import read one value.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 128_000_000
# Renditions under names with a random part (STORAGES["renditions"]): the pictures of an image
# uploaded for a draft cannot be guessed from its original's name before the page is published.
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"webp": "webp", "avif": "avif"}
# Alt text (the image's description) is required in the admin: every <img> of the site uses it.
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.images.AltTextRequiredImageForm"
# Documents are always served by Wagtail's view (never /media/documents/ directly): it refuses a
# document no public page uses yet (cms.security.wagtail_hooks) and checks collection privacy.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Reviewers approve without a publish right of their own; the approval publishes.
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.security.workflow.publish_approved"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.documents.CheckedDocumentForm"
# Vietnamese search (search.backend) unless SEARCH_ELASTICSEARCH_URL/SEARCH_OPENSEARCH_URL is set:
# the search app reads the environment when it makes the backend (search.configured, search.conf).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.configured"}}
WAGTAILAPI_SEARCH_ENABLED = True
WAGTAILAPI_LIMIT_MAX = 50

# --- Headers: Content-Security-Policy (django-csp; cms.security.policy), Permissions-Policy -------
CONTENT_SECURITY_POLICY = {"DIRECTIVES": public_directives()}
ADMIN_CONTENT_SECURITY_POLICY = {"DIRECTIVES": admin_directives()}
CMS_ADMIN_URL_PREFIX = "/admin/"
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
    "fullscreen": ["self", "https://www.youtube.com", "https://player.vimeo.com"],
}

# --- E-mail: EMAIL_URL (smtp://user:password@host:587/?tls=True) or the EMAIL_* variables ---------
_email = dj_email_url.parse(os.environ["EMAIL_URL"]) if os.environ.get("EMAIL_URL") else {}
EMAIL_BACKEND = _email.get(
    "EMAIL_BACKEND",
    os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
)
EMAIL_HOST = _email.get("EMAIL_HOST", os.environ.get("EMAIL_HOST", "localhost"))
EMAIL_PORT = _email.get("EMAIL_PORT", int(os.environ.get("EMAIL_PORT", "25")))
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", os.environ.get("EMAIL_HOST_USER", ""))
EMAIL_HOST_PASSWORD = _email.get(
    "EMAIL_HOST_PASSWORD", os.environ.get("EMAIL_HOST_PASSWORD", "")
)
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", env_bool("EMAIL_USE_TLS", False))
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", env_bool("EMAIL_USE_SSL", False))
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cổng thông tin <no-reply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# One line per request on "cms.request" (cms/requestlog.py) with its request id; 500s with
# their traceback from "django.request"; LOG_FORMAT=json for one JSON object per line.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cms.requestlog.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "cms.requestlog.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if os.environ.get("LOG_FORMAT") == "json" else "text",
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "cms.request": {"level": os.environ.get("REQUEST_LOG_LEVEL", "INFO")},
    },
}

# The page cache (cms.cache): seconds a page is kept at most (it is purged on every change that
# shows on it, and never kept past the next expiry of a live page); seconds a CDN may keep it.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "3600"))
PAGE_CACHE_CDN_MAX_AGE = int(os.environ.get("PAGE_CACHE_CDN_MAX_AGE", "300"))

# A CDN or caching proxy in front (wagtail.contrib.frontend_cache), purged with the page cache:
# FRONTEND_CACHE=cloudflare (CLOUDFLARE_BEARER_TOKEN, CLOUDFLARE_ZONEID), cloudfront
# (CLOUDFRONT_DISTRIBUTION_ID; AWS credentials from the environment) or purge (an HTTP PURGE
# proxy such as Varnish or nginx: FRONTEND_CACHE_LOCATION=http://127.0.0.1:6081).
_FRONTEND_CACHE = os.environ.get("FRONTEND_CACHE", "").strip().lower()
if _FRONTEND_CACHE == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
            "ZONEID": os.environ.get("CLOUDFLARE_ZONEID", ""),
        }
    }
elif _FRONTEND_CACHE == "cloudfront":
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": os.environ.get("CLOUDFRONT_DISTRIBUTION_ID", ""),
        }
    }
elif _FRONTEND_CACHE == "purge":
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ.get("FRONTEND_CACHE_LOCATION", "http://127.0.0.1:8000"),
        }
    }
if _FRONTEND_CACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
