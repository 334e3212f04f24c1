import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from fazhi.deadlines.actions import do_sync_all_deadlines
from fazhi.orgs.access import SYSTEM


class Command(BaseCommand):
    help = "按台账记录及其办理步骤重新计算并保存全部法定期限（导入台账或升级后运行；可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument("--since", help="只处理该日期（YYYY-MM-DD）及以后的记录")

    def handle(self, *args, since=None, **options):
        try:
            start = dt.date.fromisoformat(since) if since else None
        except ValueError:
            raise CommandError(f"日期无效：“{since}”，应为 YYYY-MM-DD") from None
        count = do_sync_all_deadlines(since=start, acting_user=SYSTEM)
        self.stdout.write(f"已重新计算{count}条记录的法定期限。")
