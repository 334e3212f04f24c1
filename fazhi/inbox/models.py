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
