"""Reports written outside the platform (issue 9, item 7): the file a unit's head sends instead of
a report drafted here, and the office's bulk uploads of such files for units or years not kept on
the platform, processed by a background job (``fazhi/campaigns/uploads.py``).

Imported at the end of ``models.py`` so that Django finds them in the campaigns app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from fazhi.orgs.models import Unit

from .models import Campaign, Submission


class ReportFile(models.Model):
    """The original file of a sending that was not drafted on the platform: what the office can
    open beside the text the engine read from it."""

    submission = models.OneToOneField(
        Submission, verbose_name="报送记录", on_delete=models.CASCADE, related_name="report_file"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )  # the door reads it
    file = models.FileField("文件", upload_to="campaign-files/%Y/%m/")
    original_name = models.CharField("原文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    by_office = models.BooleanField("由依法治区办上传", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "报告原文件"

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("campaigns:download-file", args=[self.submission_id])


class UploadBatch(models.Model):
    """One bulk upload of the office to a campaign: its files wait as items for the job."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="报送任务", on_delete=models.CASCADE, related_name="upload_batches"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    finished_at = models.DateTimeField("处理完成时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "批量上传"
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.campaign} 批量上传 {self.uploaded_at:%Y-%m-%d %H:%M}"


class UploadItem(models.Model):
    """One file of a batch: queued → parsed (became a submission) | refused (with its reason) |
    waiting (no unit of the campaign named in it) → assigned (the office chose the unit)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        PARSED = "parsed", "已导入"
        REFUSED = "refused", "未导入"
        WAITING = "waiting", "待指定单位"
        ASSIGNED = "assigned", "已指定单位导入"

    batch = models.ForeignKey(
        UploadBatch, verbose_name="上传批次", on_delete=models.CASCADE, related_name="items"
    )
    file = models.FileField("文件", upload_to="campaign-files/%Y/%m/", blank=True)  # empty: refused unread
    original_name = models.CharField("原文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED)
    reason = models.TextField("说明", blank=True)  # why refused or waiting
    named_unit = models.CharField("文件中的单位名称", max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name="单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submission = models.OneToOneField(
        Submission,
        verbose_name="报送记录",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="upload_item",
    )
    processed_at = models.DateTimeField("处理时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "批量上传文件"
        ordering = ["batch_id", "id"]

    def __str__(self) -> str:
        return f"{self.original_name}（{self.get_status_display()}）"
