"""The daily schedule: what the job worker (``manage.py db_worker``) runs every day at 07:00 Beijing
time, first the deadline run (``run_deadlines``), then the campaigns' reminders (``run_reminders``).

django-tasks has no clock of its own, so the schedule is a registry (``SCHEDULE``) and one rule:

- **One row per job and day** (``ScheduledRun``, unique on job and day). ``run_schedule`` enqueues
  a day's run only in the transaction that created its row, so however many processes call it
  (the worker, ``manage.py run_schedule`` from cron or at start-up, two servers), each job is
  enqueued once a day. The task runs only if it moves its row from 排队中 to 运行中 (a conditional
  UPDATE), so a run that somehow got queued twice still runs once.
- **The next run waits in the queue.** With a queue that can hold a job until a time (the database
  backend: ``run_after``), ``run_schedule`` also enqueues each job's next run at its 07:00, and every
  run, before it does its work, enqueues the one after it. The worker alone keeps the schedule going;
  ``run_schedule`` only has to be called once to start it (``make demo``, ``make serve``, the
  worker's ``ExecStartPre``) and may be called any number of times (cron, as a safety net).
- **Missed days are not replayed.** A run found waiting after its day (the worker was stopped) is
  skipped: today's run, enqueued at once because 07:00 has passed, does the work. Both commands
  look at everything up to today, so nothing is lost.
- A run whose queued task has disappeared (deleted in the admin) is enqueued again.

With the immediate backend (the tests) a due job runs inside ``run_schedule``, and nothing waits.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.exceptions import TaskResultDoesNotExist

from .models import ScheduledRun

log = logging.getLogger(__name__)

SHANGHAI = ZoneInfo("Asia/Shanghai")
SEVEN = dt.time(7, 0)


@dataclass(frozen=True)
class DailyJob:
    name: str  # the slug in ScheduledRun.job
    title: str
    command: str  # the management command it runs, exactly as cron would
    at: dt.time = SEVEN
    tz: ZoneInfo = SHANGHAI
    priority: int = 0  # of two runs ready at once, the worker takes the higher first

    def moment(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.at, tzinfo=self.tz)

    def today(self, now: dt.datetime) -> dt.date:
        return now.astimezone(self.tz).date()


SCHEDULE: tuple[DailyJob, ...] = (
    DailyJob("deadlines", "法定期限逾期登记", "run_deadlines", priority=20),
    DailyJob("reminders", "报送提醒和催报", "run_reminders", priority=10),
)


def job_named(name: str) -> DailyJob:
    for job in SCHEDULE:
        if job.name == name:
            return job
    raise KeyError(name)


# --- enqueueing -------------------------------------------------------------------------------


def run_schedule(now: dt.datetime | None = None) -> list[ScheduledRun]:
    """Enqueue each job's run of today if its time has come and it has none yet, and (when the queue
    can wait) its next run at its time. Returns the runs this call enqueued: none on a second call."""
    now = now or timezone.now()
    waits = can_wait()
    made: list[ScheduledRun] = []
    for job in SCHEDULE:
        today = job.today(now)
        following = today
        if now >= job.moment(today):
            made += _enqueue_once(job, today, run_after=None)
            following = today + dt.timedelta(days=1)
        if waits:
            made += _enqueue_once(job, following, run_after=job.moment(following))
    return made


def can_wait() -> bool:
    """Does the task backend hold a job until a time (``run_after``)? The database backend does."""
    return bool(run_daily_job.get_backend().supports_defer)


def _enqueue_once(job: DailyJob, day: dt.date, *, run_after: dt.datetime | None) -> list[ScheduledRun]:
    """The run's row and its task in one transaction (the database backend's queue is a table of the
    same database): either both exist or neither. A row that exists already means someone enqueued it."""
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(job=job.name, day=day, run_after=run_after or timezone.now())
            _enqueue(job, run)
            ScheduledRun.objects.filter(pk=run.pk).update(task_id=run.task_id)
    except IntegrityError:
        return _enqueue_lost(job, day)
    return [run]


def _enqueue(job: DailyJob, run: ScheduledRun) -> None:
    waiting = run.run_after if run.run_after > timezone.now() else None
    result = run_daily_job.using(priority=job.priority, run_after=waiting).enqueue(
        job.name, run.day.isoformat()
    )
    run.task_id = str(result.id)


def _enqueue_lost(job: DailyJob, day: dt.date) -> list[ScheduledRun]:
    """A run still 排队中 whose task the queue no longer has is enqueued again, once: the task id
    is swapped only where it is still the lost one, so of two processes repairing it one wins."""
    run = ScheduledRun.objects.filter(job=job.name, day=day, status=ScheduledRun.Status.QUEUED).first()
    if run is None or not _lost(run):
        return []
    with transaction.atomic():
        lost = run.task_id
        _enqueue(job, run)
        mine = ScheduledRun.objects.filter(pk=run.pk, status=ScheduledRun.Status.QUEUED, task_id=lost)
        if not mine.update(task_id=run.task_id):
            transaction.set_rollback(True)  # repaired by someone else meanwhile: this task goes too
            return []
    log.warning("每日任务%s（%s）的队列任务已不存在，已重新排队。", job.name, day.isoformat())
    return [run]


def _lost(run: ScheduledRun) -> bool:
    backend = run_daily_job.get_backend()
    if not backend.supports_get_result:
        return False
    if not run.task_id:
        return True
    try:
        result = backend.get_result(run.task_id)
    except TaskResultDoesNotExist:
        return True
    return result.is_finished  # it ran without claiming its row: it failed before it could


# --- running ----------------------------------------------------------------------------------


@task()
def run_daily_job(name: str, day: str) -> str:
    """One job's run of one day, on the worker. Returns (and records) what the command printed."""
    job = job_named(name)
    on = dt.date.fromisoformat(day)
    started = timezone.now()
    mine = ScheduledRun.objects.filter(job=name, day=on, status=ScheduledRun.Status.QUEUED)
    if not mine.update(status=ScheduledRun.Status.RUNNING, started_at=started):
        return "已运行过，不再运行。"
    _rearm(started)  # first: a run that crashes still leaves tomorrow's queued
    if job.today(started) > on:
        outcome = "计划日已过（当时后台任务进程未运行），由当天的运行补做。"
        _close(name, on, ScheduledRun.Status.SKIPPED, outcome)
        return outcome
    out = io.StringIO()
    try:
        call_command(job.command, stdout=out)
    except Exception as exc:
        _close(name, on, ScheduledRun.Status.FAILED, f"{type(exc).__name__}: {exc}")
        raise
    outcome = out.getvalue().strip()
    _close(name, on, ScheduledRun.Status.DONE, outcome)
    return outcome


def _rearm(now: dt.datetime) -> None:
    if not can_wait():
        return  # the immediate backend would run tomorrow's job now
    try:
        run_schedule(now)
    except Exception:  # the day's work goes on; run_schedule at the next start repairs the chain
        log.exception("每日任务的下一次运行未能排队")


def _close(name: str, day: dt.date, status: str, outcome: str) -> None:
    ScheduledRun.objects.filter(job=name, day=day).update(
        status=status, outcome=outcome[:300], finished_at=timezone.now()
    )
