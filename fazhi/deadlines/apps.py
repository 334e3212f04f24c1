from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fazhi.deadlines"
    verbose_name = "法定期限与办理流程"

    def ready(self) -> None:
        # records sits below deadlines: it calls these through its hooks, never imports them.
        from fazhi.records import hooks

        from .actions import forget_record_deadlines, sync_record_deadlines
        from .queries import fields_set_by_steps

        hooks.register(
            after_write=sync_record_deadlines,
            before_delete=forget_record_deadlines,
            owned_fields=fields_set_by_steps,
            detail_panel="deadlines/_record_panel.html",
        )
