from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Trang chủ và cổng thông tin"

    def ready(self) -> None:
        from . import editorial, interchange, signals

        signals.connect()
        editorial.register()
        interchange.register()
