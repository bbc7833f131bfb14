from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "cms.security"
    label = "cms_security"
    verbose_name = "Bảo mật"

    def ready(self) -> None:
        from cms.security import signin

        signin.connect()
