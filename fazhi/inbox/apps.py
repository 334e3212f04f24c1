from django.apps import AppConfig


class InboxConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fazhi.inbox"
    verbose_name = "站内消息"
