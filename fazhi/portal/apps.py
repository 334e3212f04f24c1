from django.apps import AppConfig


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fazhi.portal"
    verbose_name = "公开门户"

    def ready(self) -> None:
        # campaigns sits below the portal: each new published version is indexed through this hook.
        from fazhi.campaigns import publication_hooks

        from .search import index_publication

        publication_hooks.register(after_publish=index_publication)
