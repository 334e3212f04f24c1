from dataclasses import replace

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    verbose_name = "年度报告"

    def ready(self) -> None:
        from .checking import law_check
        from .compose import LAW
        from .genres import register
        from .queries import law_draft

        register(replace(LAW, draft=law_draft, check=law_check))
