"""Test settings: fast hashing, local memory cache, files under a temporary folder."""

import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="cms-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="cms-test-private-")
STATIC_ROOT = tempfile.mkdtemp(prefix="cms-test-static-")  # whitenoise warns when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "renditions": {"BACKEND": "cms.storage.RenditionFileSystemStorage"},
    "private": {"BACKEND": "cms.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests that count a page's queries or change content without signals measure the rendering;
# the page cache's own tests turn it on (tests/news/test_page_cache.py).
PAGE_CACHE_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
