"""The daily schedule (issue 14, item 2): the deadline run and the reminders at 07:00 Beijing time,
enqueued once a day however often the scheduler is called, run once a day however often they were
queued, on the immediate backend (the tests' own) and on the database queue with the real worker
(``manage.py db_worker --batch``), the clock moved by time-machine."""

from __future__ import annotations

import datetime as dt
import io
from unittest import mock

import time_machine
from django.core.management import call_command
from django.test import TestCase, override_settings
from django_tasks_db.models import DBTaskResult

from fazhi.deadlines.models import DueItem
from fazhi.deadlines.tests.helpers import D, DeadlinesTestCase
from fazhi.inbox.tests.worker import DATABASE_QUEUE, run_worker
from fazhi.ops.models import ScheduledRun
from fazhi.ops.schedule import SCHEDULE, SHANGHAI, job_named, run_daily_job, run_schedule

S = ScheduledRun.Status


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def clock(day: dt.date, hour: int, minute: int = 0):
    return time_machine.travel(at(day, hour, minute), tick=False)


def runs() -> list[tuple[str, str, str]]:
    return [(r.job, r.day.isoformat(), r.status) for r in ScheduledRun.objects.order_by("day", "job")]


class RegistryTest(TestCase):
    def test_the_deadline_run_then_the_reminders_at_seven_beijing_time(self):
        self.assertEqual([job.name for job in SCHEDULE], ["deadlines", "reminders"])
        deadlines, reminders = job_named("deadlines"), job_named("reminders")
        self.assertEqual((deadlines.command, reminders.command), ("run_deadlines", "run_reminders"))
        for job in SCHEDULE:
            self.assertEqual((job.at, job.tz.key), (dt.time(7, 0), "Asia/Shanghai"))
        self.assertGreater(deadlines.priority, reminders.priority)  # the worker takes it first
        self.assertEqual(deadlines.moment(D(2026, 3, 2)), dt.datetime(2026, 3, 1, 23, 0, tzinfo=dt.UTC))

    def test_the_command_lists_the_schedule(self):
        out = io.StringIO()
        call_command("run_schedule", "--list", stdout=out)
        self.assertIn(
            "deadlines：法定期限逾期登记，每天07:00（Asia/Shanghai），运行 run_deadlines", out.getvalue()
        )


class ImmediateScheduleTest(DeadlinesTestCase):
    """The tests' backend runs a job as it is enqueued: the scheduler's call is the day's run."""

    today = D(2025, 2, 25)  # records are entered before anything is due

    def test_each_job_is_enqueued_once_a_day_and_again_the_next_day(self):
        day = D(2026, 3, 2)
        with clock(day, 6, 59):
            self.assertEqual(run_schedule(), [])  # 07:00 has not come; nothing can wait in this queue
        with clock(day, 7, 0):
            self.assertEqual([r.job for r in run_schedule()], ["deadlines", "reminders"])
        with clock(day, 17):
            self.assertEqual(run_schedule(), [])  # the same day: nothing again
        self.assertEqual(runs(), [("deadlines", "2026-03-02", S.DONE), ("reminders", "2026-03-02", S.DONE)])
        with clock(day + dt.timedelta(days=1), 8):
            self.assertEqual(len(run_schedule()), 2)
            self.assertEqual(run_schedule(), [])
        self.assertEqual(ScheduledRun.objects.filter(status=S.DONE).count(), 4)

    def test_the_deadline_run_registers_an_item_gone_overdue(self):
        late = self.request(self.unit_a, D(2025, 2, 10))  # due 2025-03-10
        item = self.item(late)
        self.assertIsNone(item.overdue_since)
        with clock(D(2025, 3, 20), 7, 30):
            run_schedule()
        item.refresh_from_db()
        self.assertEqual(item.overdue_since, D(2025, 3, 20))
        self.assertTrue(DueItem.history.filter(id=item.pk, history_change_reason="逾期登记").exists())
        run = ScheduledRun.objects.get(job="deadlines")
        self.assertEqual((run.status, run.outcome), (S.DONE, "已处理1个到期事项。"))
        self.assertEqual(ScheduledRun.objects.get(job="reminders").outcome, "已发送0条提醒。")

    def test_a_failing_command_is_recorded_and_the_other_job_still_runs(self):
        with mock.patch("fazhi.ops.schedule.call_command", side_effect=[RuntimeError("数据库忙"), None]):
            with clock(D(2026, 3, 2), 8):
                run_schedule()
        self.assertEqual(
            [(r.job, r.status, r.outcome) for r in ScheduledRun.objects.order_by("job")],
            [("deadlines", S.FAILED, "RuntimeError: 数据库忙"), ("reminders", S.DONE, "")],
        )

    def test_the_command_enqueues_what_is_due(self):
        out = io.StringIO()
        with clock(D(2026, 3, 2), 9):
            call_command("run_schedule", stdout=out)
            call_command("run_schedule", stdout=out)
        text = out.getvalue()
        self.assertIn("已排队：deadlines 2026-03-02", text)
        self.assertIn("没有需要排队的每日任务", text)
        self.assertEqual(ScheduledRun.objects.count(), 2)


@override_settings(TASKS=DATABASE_QUEUE)
class DatabaseQueueTest(TestCase):
    """On the real queue: the runs wait in the table until 07:00, the worker runs each once and
    queues the next day's before it does the work."""

    DAY = D(2026, 3, 2)

    def tasks(self) -> list[tuple[str, str]]:
        return [
            (t.args_kwargs["args"][0], t.status)
            for t in DBTaskResult.objects.filter(task_path__endswith="run_daily_job").order_by("enqueued_at")
        ]

    def test_the_worker_runs_the_day_once_then_the_next_day(self):
        with clock(self.DAY, 6):
            made = run_schedule()
            self.assertEqual(
                [(r.job, r.day) for r in made], [("deadlines", self.DAY), ("reminders", self.DAY)]
            )
            self.assertEqual(run_schedule(), [])  # a second scheduler, the same morning
            queued = DBTaskResult.objects.get(pk=made[0].task_id)
            self.assertEqual(queued.run_after, at(self.DAY, 7))
            run_worker()  # 06:00: nothing is ready
            self.assertEqual(
                runs(), [("deadlines", "2026-03-02", S.QUEUED), ("reminders", "2026-03-02", S.QUEUED)]
            )
        with clock(self.DAY, 7, 1):
            run_worker()
            self.assertEqual(
                self.tasks(),
                [("deadlines", "SUCCESSFUL"), ("reminders", "SUCCESSFUL")]
                + [
                    ("deadlines", "READY"),
                    ("reminders", "READY"),
                ],
            )
            first = ScheduledRun.objects.filter(day=self.DAY).order_by("started_at")
            self.assertEqual([r.job for r in first], ["deadlines", "reminders"])  # the deadline run first
            self.assertEqual(first[0].outcome, "已处理0个到期事项。")
            # The same day's run queued once more behind the schedule's back still runs once.
            run_daily_job.enqueue("deadlines", self.DAY.isoformat())
            run_worker()
            self.assertEqual(
                DBTaskResult.objects.filter(status="SUCCESSFUL").last().return_value, "已运行过，不再运行。"
            )
        self.assertEqual(
            runs(),
            [
                ("deadlines", "2026-03-02", S.DONE),
                ("reminders", "2026-03-02", S.DONE),
                ("deadlines", "2026-03-03", S.QUEUED),
                ("reminders", "2026-03-03", S.QUEUED),
            ],
        )
        with clock(self.DAY + dt.timedelta(days=1), 7, 0):
            run_worker()
        self.assertEqual(ScheduledRun.objects.filter(status=S.DONE).count(), 4)
        self.assertEqual(ScheduledRun.objects.filter(status=S.QUEUED, day=D(2026, 3, 4)).count(), 2)

    def test_days_the_worker_missed_are_skipped_and_today_is_run_once(self):
        with clock(self.DAY, 8):
            run_schedule()
            run_worker()
        with clock(self.DAY + dt.timedelta(days=3), 10):  # the worker was stopped for two days
            run_worker()
        self.assertEqual(
            runs(),
            [
                ("deadlines", "2026-03-02", S.DONE),
                ("reminders", "2026-03-02", S.DONE),
                ("deadlines", "2026-03-03", S.SKIPPED),
                ("reminders", "2026-03-03", S.SKIPPED),
                ("deadlines", "2026-03-05", S.DONE),
                ("reminders", "2026-03-05", S.DONE),
                ("deadlines", "2026-03-06", S.QUEUED),
                ("reminders", "2026-03-06", S.QUEUED),
            ],
        )

    def test_a_run_whose_task_was_deleted_is_queued_again_once(self):
        with clock(self.DAY, 6):
            run_schedule()
            lost = ScheduledRun.objects.get(job="deadlines", day=self.DAY)
            DBTaskResult.objects.filter(pk=lost.task_id).delete()
            again = run_schedule()
            self.assertEqual([(r.job, r.day) for r in again], [("deadlines", self.DAY)])
            self.assertEqual(run_schedule(), [])
            lost.refresh_from_db()
            self.assertTrue(DBTaskResult.objects.filter(pk=lost.task_id, status="READY").exists())
        with clock(self.DAY, 7):
            run_worker()
        self.assertEqual(ScheduledRun.objects.get(job="deadlines", day=self.DAY).status, S.DONE)
