"""Citizens' attachments (personal data) move to the private storage (``STORAGES["private"]``).

The fields change storage, and the files sent before this migration move with them: each one
is copied from the media storage (under MEDIA_ROOT, served by nginx) to the private storage
under the same name, then deleted from the media. A file already moved is skipped and a file
missing from the media is left as it is (its row keeps its name), so running it again, or
after an interrupted run, finishes the job. Reversing moves them back.
"""

from django.core.files.storage import storages
from django.db import migrations, models

import cms.storage
import home.models.consultations
import home.models.questions

MODELS = ("Question", "DraftComment")


def _names(apps):
    for model_name in MODELS:
        model = apps.get_model("home", model_name)
        yield from model.objects.exclude(attachment="").values_list("attachment", flat=True)


def _move(names, source, target) -> None:
    for name in names:
        if not target.exists(name):
            if not source.exists(name):
                continue
            with source.open(name, "rb") as file:
                saved = target.save(name, file)
            if saved != name:  # never: the names are unique (uuid); refuse to lose a link
                target.delete(saved)
                raise RuntimeError(f"{name} could not keep its name in the target storage")
        if source.exists(name):
            source.delete(name)


def to_private(apps, schema_editor) -> None:
    _move(list(_names(apps)), storages["default"], storages["private"])


def to_media(apps, schema_editor) -> None:
    _move(list(_names(apps)), storages["private"], storages["default"])


class Migration(migrations.Migration):

    dependencies = [
        ("home", "0009_ministry_name_en"),
    ]

    operations = [
        migrations.AlterField(
            model_name="question",
            name="attachment",
            field=models.FileField(blank=True, max_length=255, storage=cms.storage.private_storage, upload_to=home.models.questions.attachment_path, verbose_name="Tệp đính kèm"),
        ),
        migrations.AlterField(
            model_name="draftcomment",
            name="attachment",
            field=models.FileField(blank=True, max_length=255, storage=cms.storage.private_storage, upload_to=home.models.consultations.comment_attachment_path, verbose_name="Tệp đính kèm"),
        ),
        migrations.RunPython(to_private, to_media, elidable=True),
    ]
