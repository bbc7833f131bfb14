from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức"

    def ready(self) -> None:
        from . import editorial, signals  # noqa: F401 - signals connects the receivers

        editorial.register()
