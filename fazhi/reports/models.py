"""The annual report of a unit-year: its sections as the unit wrote them, the figures
each section states (with the values stated, for stale detection), its review
events, and its approved versions (frozen)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.orgs.models import Unit

from . import genres


class Report(models.Model):
    class Status(models.TextChoices):
        # The unit's own steps, then the supervising office's (docs/domain.md#submission-states).
        DRAFT = "draft", "起草中"
        SUBMITTED = "submitted", "待负责人审定"
        RETURNED = "returned", "负责人退回修改"
        APPROVED = "approved", "已审定"
        SENT = "sent", "已报送"
        SENT_BACK = "sent_back", "已被退回"
        ACCEPTED = "accepted", "已接收"
        PUBLISHED = "published", "已公开"

    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField("报告年度")
    genre = models.CharField("报告类别", max_length=12, choices=genres.CHOICES, default="law")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    preamble = models.TextField("开头语", blank=True)
    # Each part's heading as the unit words it (kind -> heading); a kind not here has the statutory
    # heading, "" leaves the part out (an imported report that covers it under another heading).
    part_headings = models.JSONField("各部分标题", default=dict, blank=True)
    revision = models.PositiveIntegerField("修订号", default=1)  # guards the preamble and part headings
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="建立人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("建立时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "年度报告"
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "genre"], name="one_report_per_unit_year_genre")
        ]

    def __str__(self) -> str:
        return self.kind.title(self.unit.name, self.year)

    @property
    def kind(self) -> genres.Genre:
        """The genre's structure and behaviour (``genres.py``)."""
        return genres.genre_of(self.genre)

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED, self.Status.SENT_BACK)


class ReportSection(models.Model):
    """A titled section of a part, or a part's body text (``key`` ending in ``.text``: the
    paragraphs before the part's first titled section, or all of them).

    ``text`` is the unit's own words; ``stated`` maps each indicator code the figure reader
    finds in them to the value written, so a later change in the ledger shows. Section numbers
    are never stored: they follow from the order. ``revision`` guards against two people
    overwriting each other.
    """

    report = models.ForeignKey(
        Report, verbose_name="年度报告", on_delete=models.CASCADE, related_name="sections"
    )
    part = models.CharField("部分", max_length=12)  # measures / shortcomings / leadership / plan / other
    key = models.CharField("标识", max_length=40)
    position = models.PositiveSmallIntegerField("顺序")
    heading = models.CharField("小标题", max_length=200, blank=True)
    text = models.TextField("正文", blank=True)
    stated = models.JSONField("所述指标", default=dict, blank=True)
    revision = models.PositiveIntegerField("修订号", default=1)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "报告段落"
        ordering = ["report_id", "position"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="one_section_per_key")]

    def __str__(self) -> str:
        return self.heading or self.key

    @property
    def is_body(self) -> bool:
        return self.key.endswith(".text")


class SectionConflict(models.Model):
    """A save refused because someone else saved first: the refused words, kept for both writers
    to see until one of them marks it merged (nothing typed is lost)."""

    section = models.ForeignKey(
        ReportSection, verbose_name="报告段落", on_delete=models.CASCADE, related_name="conflicts"
    )
    heading = models.CharField("小标题", max_length=200, blank=True)
    text = models.TextField("未能保存的文字")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填写人", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "保存冲突"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.section} {self.at:%Y-%m-%d %H:%M}"


class ReportEvent(models.Model):
    class Action(models.TextChoices):
        SUBMIT = "submit", "提交审定"
        APPROVE = "approve", "审定通过"
        RETURN = "return", "退回修改"
        REOPEN = "reopen", "重新修改"
        SEND = "send", "报送依法治区办"
        SEND_BACK = "send_back", "依法治区办退回"
        ACCEPT = "accept", "依法治区办接收"
        PUBLISH = "publish", "公开"

    report = models.ForeignKey(
        Report, verbose_name="年度报告", on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField("操作", max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField("意见", blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "审定记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class ReportVersion(models.Model):
    """An approved report, frozen: the document as approved, numbered 1, 2, ..."""

    report = models.ForeignKey(
        Report, verbose_name="年度报告", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField("版本号")
    document = models.JSONField("报告内容")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审定人", on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField("审定时间", auto_now_add=True)
    # The checker's findings at approval (errors and warnings), each error with the head's reason
    # for approving it as it is: what the supervising office reads beside the report.
    findings = models.JSONField("审定时的检查结果", default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "报告版本"
        ordering = ["report_id", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="one_version_number")]

    def __str__(self) -> str:
        return f"第{self.number}版"
