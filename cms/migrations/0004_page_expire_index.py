"""An index on the expiry of pages that have one: the page cache asks for the next expiry of a
live page (``cms.cache.purge.seconds_to_next_expiry``) whenever it stores a page after a change;
without it that is a scan of the whole page table (100,000 articles, none of them expiring)."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS cms_page_expire_idx ON wagtailcore_page (expire_at) "
    "WHERE expire_at IS NOT NULL"
)
DROP = "DROP INDEX IF EXISTS cms_page_expire_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_page_tree_index"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
