"""The engine's own storage for search entries: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Not in Django's model state: only ``search.engines`` reads and writes these, with SQL.
"""

from django.db import migrations

SQLITE = [
    # remove_diacritics 0: "bán" and "ban" stay two terms; "_" joins pairs and code keys.
    "CREATE VIRTUAL TABLE search_searchentry_fts USING fts5("
    "title, body, extra, tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\")",
    "CREATE TRIGGER search_searchentry_fts_delete AFTER DELETE ON search_searchentry "
    "BEGIN DELETE FROM search_searchentry_fts WHERE rowid = OLD.id; END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_searchentry_fts_delete",
    "DROP TABLE IF EXISTS search_searchentry_fts",
]
POSTGRES = [
    "ALTER TABLE search_searchentry "
    "ADD COLUMN title tsvector NOT NULL DEFAULT '', "
    "ADD COLUMN body tsvector NOT NULL DEFAULT '', "
    "ADD COLUMN extra tsvector NOT NULL DEFAULT ''",
    # Vectors live out of line, so that scanning matches for dates and keys reads small rows.
    "ALTER TABLE search_searchentry SET (toast_tuple_target = 128)",
    "CREATE INDEX search_entry_title_gin ON search_searchentry USING gin (title)",
    "CREATE INDEX search_entry_body_gin ON search_searchentry USING gin (body)",
    "CREATE INDEX search_entry_extra_gin ON search_searchentry USING gin (extra)",
    "CREATE INDEX search_entry_object_int ON search_searchentry (object_int)",
]
POSTGRES_REVERSE = [
    "ALTER TABLE search_searchentry DROP COLUMN title, DROP COLUMN body, DROP COLUMN extra",
    "DROP INDEX IF EXISTS search_entry_object_int",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]
