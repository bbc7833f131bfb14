"""An index (depth, path) on Wagtail's page table, for the tree queries that filter on depth.

treebeard finds the root with ``WHERE depth = 1`` and counts a page's children with
``depth = N AND path BETWEEN …``; the path indexes cannot answer the depth, so at 100,000
articles both read the whole table (70-100 ms each, on every admin dashboard of a superuser and
every page-chooser listing of the news index). With this index they are index scans.
"""

from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS cms_page_depth_path_idx ON wagtailcore_page (depth, path)"
DROP = "DROP INDEX IF EXISTS cms_page_depth_path_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_editorial_setup"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
