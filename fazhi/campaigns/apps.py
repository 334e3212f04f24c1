from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fazhi.campaigns"
    verbose_name = "报送任务"

    def ready(self) -> None:
        # reports sits below campaigns: its editor shows the campaign through these hooks.
        from fazhi.reports import hooks

        from .queries import section_notes

        hooks.register(panel="campaigns/_report_panel.html", section_notes=section_notes)
