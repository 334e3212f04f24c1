"""``manage.py run_schedule``: start (or check) the daily schedule of ``fazhi/ops/schedule.py``."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from fazhi.ops.models import ScheduledRun
from fazhi.ops.schedule import SCHEDULE, can_wait, run_schedule


class Command(BaseCommand):
    help = (
        "把到时的每日任务（07:00 法定期限逾期登记、报送提醒和催报）和下一次运行放入后台任务队列；"
        "每个任务每天只排队一次，可重复运行（启动 db_worker 前运行一次即可，也可由 cron 定时运行）"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--list", action="store_true", help="只列出每日任务和最近的运行记录，不排队")

    def handle(self, *args, **options) -> None:
        if options["list"]:
            self.show()
            return
        made = run_schedule()
        for run in made:
            when = timezone.localtime(run.run_after).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(f"已排队：{run.job} {run.day.isoformat()}（{when}起运行）")
        if not made:
            self.stdout.write("没有需要排队的每日任务（今天的和下一次的都已排队或已运行）。")
        if not can_wait():
            self.stdout.write("注意：当前任务后端不能定时等待，下一次运行需要再次运行本命令。")

    def show(self) -> None:
        for job in SCHEDULE:
            self.stdout.write(
                f"{job.name}：{job.title}，每天{job.at:%H:%M}（{job.tz.key}），运行 {job.command}"
            )
            for run in ScheduledRun.objects.filter(job=job.name)[:5]:
                self.stdout.write(f"  {run.day.isoformat()} {run.get_status_display()} {run.outcome}")
