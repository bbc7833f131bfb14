"""Where media live: chosen from the environment, so several app servers can share them.

``MEDIA_STORAGE`` unset or ``local``: ``MEDIA_ROOT`` on disk (one server, or a folder every
server mounts). ``MEDIA_STORAGE=s3``: an S3-compatible object store (AWS, MinIO, Ceph…) through
django-storages; Wagtail writes originals and renditions through this default storage, so both
land there. Documents stay private either way: they are read through Django's serve view
(``WAGTAILDOCS_SERVE_METHOD``), which opens them from the storage, never by a public URL.

Renditions are written through ``STORAGES["renditions"]`` (``WAGTAILIMAGES_RENDITION_STORAGE``):
the same place, under names with a random part. Wagtail names a rendition after its original
and filter (``images/anh.fill-800x450.webp``), so anyone who learnt an original's name could
fetch the pictures of an image uploaded for a draft before its page is published; now
``images/anh.Xq3…Zk.fill-800x450.webp`` is known only to the page that shows it.

A second storage, ``STORAGES["private"]``, holds what citizens send (attachments of questions
and draft comments: personal data). It is never under ``MEDIA_ROOT`` (which nginx serves as it
is) and has no URL: a local folder ``PRIVATE_MEDIA_ROOT`` (default ``./private-media``), or, with
``MEDIA_STORAGE=s3``, the same bucket under ``S3_PRIVATE_LOCATION`` (default ``private``) with a
private ACL. Its files are read only through views that check the reader's permission
(``home.citizens.files``).
"""

from __future__ import annotations

import posixpath
import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.functional import cached_property

S3_BACKEND = "storages.backends.s3.S3Storage"
RENDITION_BACKENDS = {
    "django.core.files.storage.FileSystemStorage": "cms.storage.RenditionFileSystemStorage",
    S3_BACKEND: "cms.storage.RenditionS3Storage",
}
# 12 URL-safe characters: 72 random bits. Wagtail keeps a rendition's name within 60 characters
# and the field holds 100, so ``images/`` + name + ``.`` + token always fits.
TOKEN_BYTES = 9


def unguessable(name: str) -> str:
    """``images/anh.fill-80x80.jpg`` → ``images/anh.<random>.fill-80x80.jpg``."""
    folder, base = posixpath.split(name)
    stem, dot, rest = base.partition(".")
    return posixpath.join(folder, f"{stem}.{secrets.token_urlsafe(TOKEN_BYTES)}{dot}{rest}")


class UnguessableNames:
    """A storage mixin: every file saved gets a random part in its name (renditions)."""

    def generate_filename(self, filename: str) -> str:
        return unguessable(super().generate_filename(filename))  # type: ignore[misc]


class RenditionFileSystemStorage(UnguessableNames, FileSystemStorage):
    """``MEDIA_ROOT`` on disk, renditions under names nobody can derive."""


def __getattr__(name: str) -> Any:
    """``RenditionS3Storage``, built on first use: importing boto3 costs every process that
    reads the settings, and only ``MEDIA_STORAGE=s3`` needs it."""
    if name == "RenditionS3Storage":
        from storages.backends.s3 import S3Storage

        cls = type(name, (UnguessableNames, S3Storage), {"__module__": __name__})
        globals()[name] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


def rendition_storage(env: Mapping[str, str]) -> dict[str, Any]:
    """The ``STORAGES["renditions"]`` entry: the media storage, names made unguessable."""
    media = media_storage(env)
    return {**media, "BACKEND": RENDITION_BACKENDS[media["BACKEND"]]}
PRIVATE_BACKEND = "cms.storage.PrivateFileSystemStorage"


def private_storage_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """The ``STORAGES["private"]`` entry: beside the media, never public."""
    media = media_storage(env)
    if media["BACKEND"] != S3_BACKEND:
        return {"BACKEND": PRIVATE_BACKEND}
    options = {key: value for key, value in media["OPTIONS"].items() if key != "custom_domain"}
    options.update(
        location=env.get("S3_PRIVATE_LOCATION", "private"),
        default_acl="private",
        querystring_auth=True,  # a URL, if ever made, is signed and short-lived
        querystring_expire=60,
    )
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder outside ``MEDIA_ROOT`` (``settings.PRIVATE_MEDIA_ROOT``) whose files have no URL:
    a link to one would be a way around the permission check of the view that serves it."""

    @cached_property
    def base_location(self) -> str:
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting: str, **kwargs: Any) -> None:
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name: str | None) -> str:
        raise ValueError("A private file has no public URL; it is served by a checked view.")


def private_storage() -> Storage:
    """The private storage (``storage=`` of a model's file field: a callable, so migrations
    name this function rather than freeze a storage and its settings)."""
    return storages["private"]
