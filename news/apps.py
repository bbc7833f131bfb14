from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức"

    def ready(self) -> None:
        from . import editorial, interchange, signals  # noqa: F401 - signals connects its receivers

        editorial.register()
        interchange.register()
