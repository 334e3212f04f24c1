"""The yearly report campaign (报送任务) of a supervising office, and what units send to it.

docs/domain.md#campaigns: every unit of the region reports its year before 1 March and
publishes before 1 April; the office fans the task out, chases, reads, returns or accepts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from fazhi.orgs.models import Region, Unit
from fazhi.reports import genres
from fazhi.reports.models import Report, ReportVersion


class Campaign(models.Model):
    class Publisher(models.TextChoices):
        UNIT = "unit", "各单位自行公开"
        OFFICE = "office", "依法治区办统一公开"

    region = models.ForeignKey(
        Region, verbose_name="区域", on_delete=models.PROTECT, related_name="campaigns"
    )
    year = models.PositiveSmallIntegerField("报告年度")
    genre = models.CharField("报告类别", max_length=12, choices=genres.CHOICES, default="law")
    statutory_submit_due = models.DateField("法定报送期限")  # the rule annual-report-submit
    publish_due = models.DateField("法定公开期限")  # the rule annual-report-publish
    submit_due = models.DateField("报送截止日期")  # the statutory date, or the office's earlier one
    draft_due = models.DateField("初稿截止日期", null=True, blank=True)  # optional, the office's own
    publisher = models.CharField("公开方式", max_length=8, choices=Publisher.choices, default=Publisher.UNIT)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="开启人", on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField("开启时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "报送任务"
        ordering = ["-year", "region_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "genre"], name="one_campaign_per_region_year_genre"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region.name}{self.kind.of_year(self.year)}报送"

    def get_absolute_url(self) -> str:
        return reverse("campaigns:show-board", args=[self.pk])

    @property
    def kind(self) -> genres.Genre:
        return genres.genre_of(self.genre)


class Participant(models.Model):
    """A unit taking part: a row of the board; its due items hang here."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="报送任务", on_delete=models.CASCADE, related_name="participants"
    )
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    report = models.ForeignKey(Report, verbose_name="年度报告", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField("加入时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "报送单位"
        ordering = ["campaign_id", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="one_participant_per_unit")]

    due_subject = "年度报告报送"

    def __str__(self) -> str:
        return f"{self.unit.name}{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("reports:edit-report", args=[self.report_id])

    @property
    def title(self) -> str:
        return self.campaign.kind.of_year(self.campaign.year)


class Submission(models.Model):
    """One sending of a report to the office: the approved version as sent, frozen, with what
    the checker found in it and the head's reasons; then the office's decision."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "待审阅"
        RETURNED = "returned", "已退回"
        ACCEPTED = "accepted", "已接收"

    participant = models.ForeignKey(
        Participant, verbose_name="报送单位", on_delete=models.CASCADE, related_name="submissions"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )  # the door reads it
    version = models.ForeignKey(
        ReportVersion,
        verbose_name="报送版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    document = models.JSONField("报送内容")
    findings = models.JSONField("检查结果", default=list)  # errors and warnings, with the head's reasons
    stated = models.JSONField("报告所述指标", default=dict)  # indicator code -> value stated
    copies = models.JSONField("雷同段落", default=list)
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    ledger_mismatches = models.PositiveIntegerField("与台账不符", default=0)
    copied_percent = models.FloatField("雷同比例（%）", default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送人", on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField("报送时间", default=timezone.now)
    sent_on = models.DateField("报送日期")  # the local date, for the working days late
    outcome = models.CharField("审阅结果", max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审阅人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("审阅时间", null=True, blank=True)
    comment = models.TextField("退回意见", blank=True)
    section_comments = models.JSONField("分段意见", default=dict, blank=True)  # section key -> text
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "报送记录"
        ordering = ["participant_id", "sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.unit} {self.sent_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("campaigns:review-submission", args=[self.pk])


class Reminder(models.Model):
    """A reminder (催报) to a unit: by the office's hand or by the daily job (``sent_by`` empty)."""

    participant = models.ForeignKey(
        Participant, verbose_name="报送单位", on_delete=models.CASCADE, related_name="reminders"
    )
    reason = models.CharField("事由", max_length=20)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="催报人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField("催报时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "催报记录"
        ordering = ["participant_id", "sent_at"]

    def __str__(self) -> str:
        return f"{self.participant} {self.reason} {self.sent_at:%Y-%m-%d}"


from .publication_models import Publication, SecrecyReview  # noqa: E402, F401  (publication)
from .upload_models import ReportFile, UploadBatch, UploadItem  # noqa: E402, F401  (reports written outside the platform)
