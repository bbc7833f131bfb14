"""Media storage from the environment: a local folder by default, S3-compatible on demand."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.exceptions import ImproperlyConfigured

from cms.storage import media_storage, private_storage_settings

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django; django.setup()
from django.core.files.storage import default_storage, storages
from wagtail.images import get_image_model
Image = get_image_model()
Rendition = Image.get_rendition_model()
storage = default_storage._wrapped if default_storage._setup() is None else None
print(json.dumps({
    "class": f"{type(storage).__module__}.{type(storage).__name__}",
    "bucket": getattr(default_storage, "bucket_name", None),
    "endpoint": getattr(default_storage, "endpoint_url", None),
    "location": getattr(default_storage, "location", None),
    "image_storage": type(Image._meta.get_field("file").storage).__name__,
    "rendition_storage": type(Rendition._meta.get_field("file").storage).__name__,
    "rendition_bucket": getattr(Rendition._meta.get_field("file").storage, "bucket_name", None),
    "url": default_storage.url("images/a.jpg"),
    "private_class": type(storages["private"]).__name__,
    "private_location": storages["private"].location,
}))
"""


def probe(**env: str) -> dict:
    """The storage a fresh process builds from the dev settings and this environment."""
    environ = {key: value for key, value in os.environ.items()
               if not key.startswith(("MEDIA_", "PRIVATE_MEDIA_", "S3_", "AWS_"))}
    environ.update(env, DJANGO_SETTINGS_MODULE="cms.settings.dev")
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=environ,  # noqa: S603
                            capture_output=True, text=True, timeout=120, check=True)
    return json.loads(result.stdout.splitlines()[-1])


def test_local_folder_by_default():
    found = probe(MEDIA_ROOT="/srv/shared/media")
    assert found["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert found["location"] == "/srv/shared/media"
    assert found["url"] == "/media/images/a.jpg"
    assert found["rendition_storage"] == "RenditionFileSystemStorage"
    # Citizens' attachments: a folder of their own, outside MEDIA_ROOT (never served by nginx).
    assert found["private_class"] == "PrivateFileSystemStorage"
    assert found["private_location"] == str(ROOT / "private-media")


def test_s3_compatible_store_chosen_from_the_environment_for_images_and_renditions():
    found = probe(MEDIA_STORAGE="s3", S3_BUCKET="bxd-media", S3_REGION="us-east-1",
                  S3_ENDPOINT_URL="https://s3.storage.example.vn",
                  AWS_ACCESS_KEY_ID="AKIAEXAMPLE", AWS_SECRET_ACCESS_KEY="not-a-real-secret")
    assert found["class"] == "storages.backends.s3.S3Storage"
    assert (found["bucket"], found["endpoint"], found["location"]) == (
        "bxd-media", "https://s3.storage.example.vn", "media")
    # Wagtail's originals through the default storage, renditions through the same store under
    # unguessable names (STORAGES["renditions"]).
    assert found["image_storage"] == "DefaultStorage"
    assert found["rendition_storage"] == "RenditionS3Storage"
    assert found["rendition_bucket"] == "bxd-media"
    # A private bucket: signed URLs, built locally (no network).
    assert found["url"].startswith("https://s3.storage.example.vn/bxd-media/media/images/a.jpg?")
    assert "Signature" in found["url"] or "X-Amz-Signature" in found["url"]
    assert (found["private_class"], found["private_location"]) == ("S3Storage", "private")


def test_private_files_share_the_bucket_but_never_its_public_domain():
    assert private_storage_settings({}) == {"BACKEND": "cms.storage.PrivateFileSystemStorage"}
    options = private_storage_settings({"MEDIA_STORAGE": "s3", "S3_BUCKET": "b",
                                        "S3_CUSTOM_DOMAIN": "media.example.vn"})["OPTIONS"]
    assert (options["bucket_name"], options["location"]) == ("b", "private")
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True
    assert "custom_domain" not in options


def test_public_domain_gives_plain_urls():
    options = media_storage({"MEDIA_STORAGE": "s3", "S3_BUCKET": "b",
                             "S3_CUSTOM_DOMAIN": "media.example.vn"})["OPTIONS"]
    assert options["querystring_auth"] is False
    assert options["custom_domain"] == "media.example.vn"


@pytest.mark.parametrize("env", [{"MEDIA_STORAGE": "s3"}, {"MEDIA_STORAGE": "ftp"}])
def test_bad_storage_settings_refuse_to_start(env):
    with pytest.raises(ImproperlyConfigured):
        media_storage(env)
