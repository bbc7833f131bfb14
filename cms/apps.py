from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Cổng thông tin"

    def ready(self) -> None:
        # Sections get their team, reviewers and workflow when their index page is created.
        from cms.editorial import signals

        signals.connect_post_migrate(self)

        # The page cache: purges on page events, and pages opting in when served.
        from cms.cache import signals as cache_signals

        cache_signals.connect()
