"""Teams, collections and the review workflow "Biên tập → Duyệt → Xuất bản".

Sections that already exist get their permissions and workflow here; sections created later
(``load_demo``, the importer) get them from ``cms.editorial.signals``, with the same functions.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from cms.editorial.setup import remove_wagtail_defaults, setup_editorial

    remove_wagtail_defaults(apps)
    setup_editorial(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0095_groupsitepermission"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
