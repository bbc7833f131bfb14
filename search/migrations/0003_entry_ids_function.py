"""PostgreSQL: ``search_entry_ids(column, query)``, the ids of the entries whose vector in
``column`` matches, always found through that column's GIN index.

The vectors are stored out of line (TOAST); the planner does not count the cost of reading them,
so for a query of the whole table it prefers scanning the small heap and decompressing every
row's vectors (seconds) to the index (milliseconds). The function's own settings price plain
scans out for the one statement it runs. SQLite (FTS5) needs nothing.
"""

from django.db import migrations

POSTGRES = [
    "CREATE FUNCTION search_entry_ids(col text, query tsquery) RETURNS SETOF bigint "
    "LANGUAGE plpgsql STABLE ROWS 1000 "
    "SET enable_seqscan = off SET enable_indexscan = off AS $$ "
    "BEGIN "
    "IF col NOT IN ('title', 'body', 'extra') THEN "
    "RAISE EXCEPTION 'search_entry_ids: unknown column'; "
    "END IF; "
    "RETURN QUERY EXECUTE 'SELECT id FROM search_searchentry WHERE ' || quote_ident(col) "
    "|| ' @@ $1' "
    "USING query; "
    "END $$",
]
POSTGRES_REVERSE = ["DROP FUNCTION IF EXISTS search_entry_ids(text, tsquery)"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engine_columns")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES}),
            _run({"postgresql": POSTGRES_REVERSE}),
        ),
    ]
