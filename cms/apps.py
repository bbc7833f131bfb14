from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Cổng thông tin"

    def ready(self) -> None:
        # Sections get their team, reviewers and workflow when their index page is created.
        from cms.editorial import signals

        signals.connect_post_migrate(self)
