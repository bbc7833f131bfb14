from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Tìm kiếm"

    def ready(self) -> None:
        from cms.importer import registry
        from search import signals  # noqa: F401 - connects the receivers
        from search.bulk_index import INDEXER

        registry.register_bulk_indexer(INDEXER)
