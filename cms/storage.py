"""Where media live: chosen from the environment, so several app servers can share them.

``MEDIA_STORAGE`` unset or ``local``: ``MEDIA_ROOT`` on disk (one server, or a folder every
server mounts). ``MEDIA_STORAGE=s3``: an S3-compatible object store (AWS, MinIO, Ceph…) through
django-storages; Wagtail writes originals and renditions through this default storage, so both
land there. Documents stay private either way: they are read through Django's serve view
(``WAGTAILDOCS_SERVE_METHOD``), which opens them from the storage, never by a public URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"


def media_storage(env: Mapping[str, str]) -> dict[str, Any]:
    """The ``STORAGES["default"]`` entry for this environment."""
    kind = env.get("MEDIA_STORAGE", "local").strip().lower() or "local"
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'local' or 's3', not {kind!r}.")
    bucket = env.get("S3_BUCKET") or env.get("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET (the bucket's name).")
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "location": env.get("S3_LOCATION", "media"),
        # Wagtail gives every upload and rendition a unique name; never replace a file in place.
        "file_overwrite": False,
        "default_acl": None,
        # Without a public domain, URLs are signed (private bucket); with one, plain and cacheable.
        "querystring_auth": not env.get("S3_CUSTOM_DOMAIN"),
    }
    optional = {
        "endpoint_url": env.get("S3_ENDPOINT_URL") or env.get("AWS_S3_ENDPOINT_URL"),
        "region_name": env.get("S3_REGION") or env.get("AWS_S3_REGION_NAME"),
        "custom_domain": env.get("S3_CUSTOM_DOMAIN"),
        # Else boto3 finds credentials itself (AWS_ACCESS_KEY_ID… in the env, an instance role).
        "access_key": env.get("S3_ACCESS_KEY"),
        "secret_key": env.get("S3_SECRET_KEY"),
    }
    options.update({key: value for key, value in optional.items() if value})
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}
