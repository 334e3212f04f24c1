"""A person's inbox: what was sent to them, returned, accepted, due or overdue."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Notice(models.Model):
    class Kind(models.TextChoices):
        SENT = "sent", "收到报送"
        SUBMITTED = "submitted", "待审定"
        RETURNED = "returned", "退回修改"
        ACCEPTED = "accepted", "已接收"
        DUE_SOON = "due_soon", "即将到期"
        DUE_TODAY = "due_today", "今日到期"
        OVERDUE = "overdue", "已逾期"
        REMINDER = "reminder", "催报"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="收件人", on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    title = models.CharField("标题", max_length=200)
    url = models.CharField("链接", max_length=300, blank=True)
    # One notice per recipient and reason: the same reminder on the same day is never sent twice.
    key = models.CharField("去重键", max_length=120)
    created_at = models.DateTimeField("时间", default=timezone.now)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "站内消息"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="one_notice_per_reason")]
        indexes = [
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notice_unread")
        ]

    def __str__(self) -> str:
        return self.title


class Job(models.Model):
    """A long piece of work a person started (a bulk upload, an import, a rendering), run by the job
    worker: how far it is, for that person's page to show (``fazhi/inbox/jobs.py``). One row per
    ``key`` (e.g. ``upload-batch:12``), written by the job as it goes; only its starter sees it."""

    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "进行中"
        FINISHED = "finished", "已完成"
        FAILED = "failed", "失败"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发起人", on_delete=models.CASCADE, related_name="jobs"
    )
    key = models.CharField("任务键", max_length=120, unique=True)
    title = models.CharField("任务", max_length=200)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField("已完成", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    message = models.CharField("说明", max_length=300, blank=True)
    url = models.CharField("结果链接", max_length=300, blank=True)
    task_id = models.CharField("队列任务编号", max_length=64, blank=True)
    created_at = models.DateTimeField("开始时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", default=timezone.now)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "后台任务进度"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="job_of_user")]

    def __str__(self) -> str:
        return self.title

    @property
    def running(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def percent(self) -> int:
        if not self.total:
            return 0 if self.running else 100
        return min(100, round(100 * self.done / self.total))
