from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fazhi.deadlines"
    verbose_name = "法定期限与办理流程"
