"""Keep the index rows' copy of page columns right where Wagtail changes pages without saving
them: a move (or a reorder) rewrites tree paths in SQL, of the moved page's descendants and of
the siblings it shifts."""

from __future__ import annotations

from django.db import connections, router
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import post_page_move

from search import synonyms
from search.models import SearchEntry, Synonym

post_save.connect(synonyms.purge, sender=Synonym, dispatch_uid="search_synonyms_saved")
post_delete.connect(synonyms.purge, sender=Synonym, dispatch_uid="search_synonyms_deleted")

_ENTRY = SearchEntry._meta.db_table
_COPY_TREE = (
    f"UPDATE {_ENTRY} SET path = p.path, depth = p.depth "  # noqa: S608 - constant names
    f"FROM {Page._meta.db_table} p "
    f"WHERE {_ENTRY}.object_int = p.id AND {_ENTRY}.content_type_id = p.content_type_id "
    f"AND p.path LIKE %s AND ({_ENTRY}.path IS DISTINCT FROM p.path "
    f"OR {_ENTRY}.depth IS DISTINCT FROM p.depth)"
)


@receiver(post_page_move)
def copy_moved_paths(sender, instance: Page, parent_page_after: Page, **kwargs) -> None:
    """Rows under the new parent take their pages' paths and depths (one statement; only the
    rows that changed are written)."""
    parent = Page.objects.filter(pk=parent_page_after.pk).values_list("path", flat=True).first()
    if parent:
        with connections[router.db_for_write(SearchEntry)].cursor() as cursor:
            cursor.execute(_COPY_TREE, [parent + "%"])
