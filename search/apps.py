from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Tìm kiếm"

    def ready(self) -> None:
        from cms.editorial.setup import register_admin_apps
        from cms.importer import registry
        from search import signals  # noqa: F401 - connects the receivers
        from search.bulk_index import INDEXER

        # Portal administrators manage the search's models (query statistics).
        register_admin_apps("search")
        registry.register_bulk_indexer(INDEXER)
