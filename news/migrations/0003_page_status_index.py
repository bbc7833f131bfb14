"""An index (live, id) on Wagtail's page table for the news explorer's sort by status.

As 0002 for title and date updated: sorting 100,000 children by ``live`` (then the primary key,
the listing's tie-break) sorted them all to show 25.
"""

from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS news_page_status_idx ON wagtailcore_page (live, id)"
DROP = "DROP INDEX IF EXISTS news_page_status_idx"


class Migration(migrations.Migration):
    dependencies = [("news", "0002_page_listing_indexes")]

    operations = [migrations.RunSQL(CREATE, DROP)]
