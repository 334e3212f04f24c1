"""The daily schedule's own record (``schedule.py``): one row per job and day."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class ScheduledRun(models.Model):
    """One daily job on one day. The unique (job, day) pair is the guard that makes the day's run
    happen once, however many schedulers enqueue it and however many workers pick it up: a
    scheduler enqueues only the run whose row it created, and a worker runs only the run whose
    row it moved from 排队中 to 运行中 (a conditional UPDATE)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "运行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"
        SKIPPED = "skipped", "已跳过"

    job = models.CharField("任务", max_length=40)
    day = models.DateField("日期")
    run_after = models.DateTimeField("计划时间")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED)
    task_id = models.CharField("队列任务编号", max_length=64, blank=True)
    enqueued_at = models.DateTimeField("排队时间", default=timezone.now)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    outcome = models.CharField("结果", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "每日任务运行记录"
        ordering = ["-day", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="one_run_per_job_and_day")]

    def __str__(self) -> str:
        return f"{self.job} {self.day.isoformat()}"
