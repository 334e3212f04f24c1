"""Two third-party apps as a Chinese admin reads them in /admin/ (tests/test_admin_words.py).

Their models' and fields' words go through gettext and are translated in
locale/zh_Hans/LC_MESSAGES/django.po; what they hard-code in English (the app's name,
a few admin columns) is named here. Their admin pages are re-registered in ``ready``,
which runs after the admin has discovered every app's own ``admin`` module.
"""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django.contrib import admin
from django.utils import timezone
from django_tasks_db.apps import TasksAppConfig


def _named(what: str):
    """``__str__`` for an axes row: "zhang 的登录记录（2025-03-01 09:30）"."""

    def name(row) -> str:
        return f"{row.username} 的{what}（{timezone.localtime(row.attempt_time):%Y-%m-%d %H:%M}）"

    return name


class AxesConfig(AxesAppConfig):
    verbose_name = "登录保护"

    def ready(self) -> None:
        super().ready()
        from axes.admin import AccessAttemptAdmin
        from axes.conf import settings
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        class ChineseAccessAttemptAdmin(AccessAttemptAdmin):
            @admin.display(description="失效时间")
            def expiration(self, obj: AccessAttempt):
                return super().expiration(obj)

            @admin.display(description="状态")
            def status(self, obj: AccessAttempt) -> str:
                left = settings.AXES_FAILURE_LIMIT - obj.failures_since_start
                return f"还可尝试{left}次" if left > 0 else "已锁定"

        if admin.site.is_registered(AccessAttempt):  # AXES_ENABLE_ADMIN
            admin.site.unregister(AccessAttempt)
            admin.site.register(AccessAttempt, ChineseAccessAttemptAdmin)
        # A row's own name (its page's title, the breadcrumbs) is English in axes' models.
        AccessAttempt.__str__ = _named("登录失败记录")
        AccessLog.__str__ = _named("登录记录")
        AccessFailureLog.__str__ = _named("登录失败日志")


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = "后台任务"

    def ready(self) -> None:
        super().ready()
        from django_tasks_db.admin import DBTaskResultAdmin
        from django_tasks_db.models import DBTaskResult

        class ChineseTaskResultAdmin(DBTaskResultAdmin):
            list_display = ("task_id", "task_label", *DBTaskResultAdmin.list_display[2:])

            def get_readonly_fields(self, request, obj=None) -> list[str]:
                return ["task_id" if f == "id" else f for f in super().get_readonly_fields(request, obj)]

            @admin.display(description="任务编号", ordering="id")
            def task_id(self, obj: DBTaskResult) -> str:
                return str(obj.id)

            @admin.display(description="任务")
            def task_label(self, obj: DBTaskResult) -> str:
                return obj.task_name

            @admin.display(description="错误详情")
            def formatted_traceback(self, obj: DBTaskResult) -> str:
                return super().formatted_traceback(obj)

            @admin.display(description="最早执行时间")
            def display_run_after(self, obj: DBTaskResult):
                return super().display_run_after(obj)

        admin.site.unregister(DBTaskResult)
        admin.site.register(DBTaskResult, ChineseTaskResultAdmin)
