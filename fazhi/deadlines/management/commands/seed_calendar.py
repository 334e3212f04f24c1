from django.core.management.base import BaseCommand

from fazhi.deadlines.actions import do_seed_calendar
from fazhi.orgs.access import SYSTEM


class Command(BaseCommand):
    help = "把 chinesecalendar 收录的各年节假日安排存入数据库（已有的年份不覆盖，可重复运行）"

    def handle(self, *args, **options):
        added = do_seed_calendar(acting_user=SYSTEM)
        if added:
            self.stdout.write(f"已存入{len(added)}个年份：{added[0]}—{added[-1]}年。")
        else:
            self.stdout.write("数据库中已有全部年份，无需存入。")
