"""The English locale beside the Vietnamese one Wagtail made when it was installed (its default
locale, from LANGUAGE_CODE, already holds every existing page), so that editors can translate."""

from django.db import migrations


def add_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="vi")
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_consultations"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [migrations.RunPython(add_english, migrations.RunPython.noop)]
