from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Tìm kiếm"

    def ready(self) -> None:
        from cms.editorial.setup import register_admin_apps
        from search import signals  # noqa: F401 - connects the receivers

        # Portal administrators manage the search's models (query statistics).
        register_admin_apps("search")
