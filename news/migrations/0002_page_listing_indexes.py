"""Indexes on Wagtail's page table for the sorts of the news index's admin listing.

With 100,000 articles, "sort by title" or "by date updated" sorted every child of the news index
(an external merge sort on disk) to show 50. Each index is the column then the primary key, the
listing's tie-break, so that a page is read by walking the index in either direction.
Wagtail's table is not this app's model: the indexes are created with SQL, ``IF NOT EXISTS``
(PostgreSQL and SQLite alike). Wagtail sorts "updated" with NULLs first when ascending (last when
descending); SQLite's default order is that already, PostgreSQL's index says it.
"""

from django.db import migrations

INDEXES = {
    "news_page_title_idx": "(title, id)",
    "news_page_updated_idx": "(latest_revision_created_at{nulls_first}, id)",
}


def create(apps, schema_editor):
    nulls_first = " NULLS FIRST" if schema_editor.connection.vendor == "postgresql" else ""
    for name, columns in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON wagtailcore_page "
            + columns.format(nulls_first=nulls_first)
        )


def drop(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, drop)]
