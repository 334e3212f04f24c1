"""The daily reminders (催报) of open campaigns; safe to run more than once a day."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from fazhi.campaigns.actions import send_due_reminders


class Command(BaseCommand):
    help = "按工作日日历向未报送年度报告的单位发送到期提醒和逾期催报（同一事由同一天只发一次）"

    def handle(self, *args, **options):
        count = send_due_reminders(today=timezone.localdate())
        self.stdout.write(f"已发送{count}条提醒。")
