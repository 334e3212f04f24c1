from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "fazhi.disclosure"
    verbose_name = "政府信息公开年报"

    def ready(self) -> None:
        from fazhi.reports.genres import register

        from .genre import DISCLOSURE

        register(DISCLOSURE)
