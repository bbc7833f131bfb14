"""Indexes for "newest first" (a search walks them for a common query, see ``search.plan``),
the title vector kept in the row (it scores every candidate), and the ``search_entry_ids``
function gone: the plan now says how PostgreSQL should find matches, statement by statement."""

import importlib

from django.db import migrations

# SQLite puts NULLs last in a descending order already (and takes no NULLS LAST in an index).
NEWEST = {
    "postgresql": "published_at DESC NULLS LAST, id DESC",
    "sqlite": "published_at DESC, id DESC",
}


def _indexes(vendor: str) -> list[str]:
    newest = NEWEST[vendor]
    return [
        f"CREATE INDEX search_entry_newest ON search_searchentry ({newest})",
        f"CREATE INDEX search_entry_type_newest ON search_searchentry (content_type_id, {newest})",
    ]


BOTH_REVERSE = [
    "DROP INDEX IF EXISTS search_entry_newest",
    "DROP INDEX IF EXISTS search_entry_type_newest",
]
POSTGRES = [
    "DROP FUNCTION IF EXISTS search_entry_ids(text, tsquery)",
    "ALTER TABLE search_searchentry ALTER COLUMN title SET STORAGE PLAIN",
]
# Backwards, the function that 0003 created and this drops comes back (its own statement).
POSTGRES_REVERSE = [
    "ALTER TABLE search_searchentry ALTER COLUMN title SET STORAGE EXTERNAL",
    *importlib.import_module("search.migrations.0003_entry_ids_function").POSTGRES,
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in _indexes(vendor) + (POSTGRES if vendor == "postgresql" else []):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    reverse = POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else []
    for statement in BOTH_REVERSE + reverse:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_page_mirror")]

    operations = [migrations.RunPython(forwards, backwards)]
