from django.apps import AppConfig


class SecurityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fazhi.security"
    verbose_name = "安全审计"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
