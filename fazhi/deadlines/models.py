"""The official calendar in the database, the statutory steps of a record, and stored due dates.

``CalendarYear``/``CalendarDay``: a year's official schedule (holidays and adjusted
working days), seeded from chinesecalendar or entered by an admin. ``WorkflowStep``:
one statutory step done on a ledger record (登记, 答复, 合法性审查 ...). ``DueItem``:
a due date computed by ``rules.compute_due`` from the record and its steps, stored
and indexed so that home pages list what is due and overdue without recomputing.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.orgs.models import Unit
from fazhi.records.models import Attachment

from .rules import PERIOD_RULES, Bound, provisional_warning
from .workflows import workflow_for

# A stored due item is a deadline or a window (a rule's minimum period is stored as a window).
BOUND_CHOICES = [(Bound.DEADLINE.value, "期限"), (Bound.WINDOW.value, "期间")]


class CalendarYear(models.Model):
    class Source(models.TextChoices):
        SEED = "seed", "chinesecalendar 数据"
        ADMIN = "admin", "管理员录入"
        IMPORT = "import", "导入"

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField("来源", max_length=8, choices=Source.choices, default=Source.ADMIN)
    notice = models.CharField("依据（通知名称或文号）", max_length=200, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "年度节假日安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "放假"
        WORKDAY = "workday", "调休上班"

    calendar_year = models.ForeignKey(
        CalendarYear, verbose_name="年度", on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=8, choices=Kind.choices)
    name = models.CharField("名称", max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "节假日与调休日"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()} {self.name}".strip()


class WorkflowStep(models.Model):
    """One statutory step done on a record; which fields mean what is set by ``workflows.WORKFLOWS``."""

    class Instance(models.TextChoices):
        FIRST = "first", "一审"
        SECOND = "second", "二审"
        RETRIAL = "retrial", "再审"

    class Reviewer(models.TextChoices):
        COUNSEL = "counsel", "法律顾问"
        PUBLIC_LAWYER = "public_lawyer", "公职律师"

    content_type = models.ForeignKey(
        ContentType, verbose_name="台账类型", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField("记录编号")
    record = GenericForeignKey("content_type", "object_id")
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    code = models.CharField("步骤", max_length=24)
    date = models.DateField("日期")
    result = models.CharField("结果", max_length=16, blank=True)
    reviewer = models.CharField("审查人员", max_length=16, choices=Reviewer.choices, blank=True)
    court_level = models.CharField("审级", max_length=8, choices=Instance.choices, blank=True)
    head_appeared = models.BooleanField("负责人出庭/参加", null=True, blank=True)
    days = models.PositiveSmallIntegerField("天数", null=True, blank=True)
    note = models.TextField("说明/意见", blank=True)
    dissent = models.TextField("不同意见", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    attachments = GenericRelation(Attachment)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "办理步骤"
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="step_record")]

    def __str__(self) -> str:
        return f"{self.label} {self.date.isoformat()}"

    @property
    def label(self) -> str:
        """The step's name in its record's workflow (答复, 归档 ...); the code if it has none."""
        workflow = workflow_for(self.content_type.model_class())
        spec = workflow.step(self.code) if workflow else None
        return spec.label if spec else self.code


# Dates a supervising office sets itself (not statutes): their names, for the due lists.
LOCAL_DATES = {"annual-report-draft": "年度报告初稿（依法治区办要求）"}


class DueItem(models.Model):
    """A statutory due date of a record, computed by an action and kept up to date by actions."""

    class Status(models.TextChoices):
        OPEN = "open", "办理中"
        PAUSED = "paused", "中止计算"  # e.g. waiting for the applicant's corrected application
        DONE = "done", "已办结"

    content_type = models.ForeignKey(
        ContentType, verbose_name="台账类型", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField("记录编号")
    record = GenericForeignKey("content_type", "object_id")
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    slot = models.CharField("事项", max_length=40)  # stable per record: "reply", "third-party:12" ...
    rule = models.CharField("期限规则", max_length=40)
    bound = models.CharField("性质", max_length=8, choices=BOUND_CHOICES, default=Bound.DEADLINE.value)
    start = models.DateField("起算日")
    due_on = models.DateField("到期日", null=True, blank=True)
    provisional = models.BooleanField("暂定日期", default=False)
    unknown_years = models.CharField("未录入节假日安排的年份", max_length=40, blank=True)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField("办结日期", null=True, blank=True)
    overdue_since = models.DateField("逾期登记日", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "法定期限事项"
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["unit", "due_on"], name="dueitem_open", condition=models.Q(status="open")),
            models.Index(fields=["content_type", "object_id"], name="dueitem_record"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "slot"], name="dueitem_unique_slot"),
            models.CheckConstraint(
                name="dueitem_open_has_due",
                condition=~models.Q(status="open") | models.Q(due_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.due_on or '—'}"

    @property
    def label(self) -> str:
        if self.rule in PERIOD_RULES:
            return PERIOD_RULES[self.rule].name
        return LOCAL_DATES.get(self.rule, self.rule)

    @property
    def basis(self) -> str:
        return PERIOD_RULES[self.rule].basis if self.rule in PERIOD_RULES else ""

    @property
    def warning(self) -> str | None:
        years = tuple(int(y) for y in self.unknown_years.split(",") if y)
        return provisional_warning(years) if self.provisional else None

    def days_left(self, today: dt.date) -> int | None:
        return None if self.due_on is None else (self.due_on - today).days

    @property
    def on_time(self) -> bool | None:
        if self.done_on is None or self.due_on is None:
            return None
        return self.done_on <= self.due_on
