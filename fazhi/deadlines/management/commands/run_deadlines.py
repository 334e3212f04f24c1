from django.core.management.base import BaseCommand
from django.utils import timezone

from fazhi.deadlines.actions import process_one_due_item


class Command(BaseCommand):
    help = "登记刚逾期的法定期限事项，关闭已届满的期间（可重复运行；建议每天运行）"

    def handle(self, *args, **options):
        today = timezone.localdate()
        count = 0
        while process_one_due_item(today=today):
            count += 1
        self.stdout.write(f"已处理{count}个到期事项。")
