"""Publication of an accepted report (docs/domain.md#annual-report-publication): the unit's
保密审查 first, then a published version that never changes; a correction is a new one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from fazhi.orgs.models import Region, Unit
from fazhi.reports import genres
from fazhi.reports.models import Report

from .models import Participant, Submission


class SecrecyReview(models.Model):
    """保密审查: who reviewed the accepted report for state secrets, and when, before it goes public."""

    report = models.ForeignKey(
        Report, verbose_name="年度报告", on_delete=models.CASCADE, related_name="secrecy_reviews"
    )
    submission = models.ForeignKey(
        Submission, verbose_name="报送记录", on_delete=models.PROTECT, related_name="+"
    )  # what was reviewed
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    reviewer = models.CharField("审查人", max_length=50)
    reviewed_on = models.DateField("审查日期")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("登记时间", default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "保密审查"
        ordering = ["report_id", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.reviewer} {self.reviewed_on.isoformat()}"


def public_url(name: str, genre: str, *args) -> str:
    """A portal address: the rule-of-law report's without a genre segment (its addresses predate
    the other genre and stay), the disclosure report's under ``…/<year>/disclosure/``."""
    if genre != "law":
        name = name.replace("show-", f"show-{genre}-").replace("download-", f"download-{genre}-")
    return reverse(f"portal:{name}", args=args)


class PublicationQuerySet(models.QuerySet):
    def update(self, **kwargs):  # the derived PDF may be added later; nothing else ever changes
        if set(kwargs) - PDF_FIELDS:
            raise PublishedIsFrozen
        return super().update(**kwargs)

    def delete(self):
        raise PublishedIsFrozen


class PublishedIsFrozen(Exception):
    def __init__(self) -> None:
        super().__init__("已公开的版本不能修改或删除；如需更正，请发布更正版本。")


PDF_FIELDS = {"pdf", "pdf_sha256", "pdf_error"}


class Publication(models.Model):
    """One published version of a unit's report for a year: immutable, with the SHA-256 of its
    canonical text and of each file. Number 1 is the first publication; 2, 3 … are corrections,
    each with its date and reason."""

    participant = models.ForeignKey(
        Participant, verbose_name="报送单位", on_delete=models.PROTECT, related_name="publications"
    )
    unit = models.ForeignKey(Unit, verbose_name="发布机构", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, verbose_name="区域", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("报告年度")
    genre = models.CharField("报告类别", max_length=12, choices=genres.CHOICES, default="law")
    number = models.PositiveSmallIntegerField("公开版本")
    submission = models.ForeignKey(
        Submission, verbose_name="报送记录", on_delete=models.PROTECT, related_name="+"
    )
    review = models.ForeignKey(
        SecrecyReview, verbose_name="保密审查", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("标题", max_length=200)
    document = models.JSONField("公开内容")
    text = models.TextField("正文（规范文本）")  # the document's lines joined by "\n"
    sha256 = models.CharField("正文SHA-256", max_length=64)
    docx = models.FileField("Word文件", upload_to="published/%Y/")
    docx_sha256 = models.CharField("Word文件SHA-256", max_length=64)
    pdf = models.FileField("PDF文件", upload_to="published/%Y/", blank=True)  # made from the .docx, after
    pdf_sha256 = models.CharField("PDF文件SHA-256", max_length=64, blank=True)
    pdf_error = models.CharField("PDF生成问题", max_length=200, blank=True)
    signed_on = models.DateField("成文日期", null=True, blank=True)
    published_at = models.DateTimeField("发布日期", default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发布人", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField("更正理由", blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "公开版本"
        ordering = ["unit_id", "year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "number"], name="one_publication_number")
        ]
        indexes = [models.Index(fields=["region", "year"], name="publication_region_year")]

    def __str__(self) -> str:
        return self.title + (f"（更正第{self.number - 1}次）" if self.number > 1 else "")

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and (update_fields is None or set(update_fields) - PDF_FIELDS):
            raise PublishedIsFrozen
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The report's one public address for its unit, year and genre: the current version there."""
        return public_url("show-report", self.genre, self.unit_id, self.year)

    def version_url(self) -> str:
        return public_url("show-version", self.genre, self.unit_id, self.year, self.number)

    @property
    def docx_url(self) -> str:
        return public_url("download-version", self.genre, self.unit_id, self.year, self.number, "docx")

    @property
    def pdf_url(self) -> str:
        return public_url("download-version", self.genre, self.unit_id, self.year, self.number, "pdf")

    def delete(self, *args, **kwargs):
        raise PublishedIsFrozen

    @property
    def is_correction(self) -> bool:
        return self.number > 1
