from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức"

    def ready(self) -> None:
        from . import interchange, signals  # noqa: F401 - signals connects its receivers

        interchange.register()
