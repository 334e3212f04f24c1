"""What the ledger holds no records of, entered once a year for table 2 of the 政府信息公开工作年度报告:
规章 issued and repealed, documents in force at year end, and the year's 行政许可, 行政处罚, 行政强制
decisions and 行政事业性收费 (万元). 行政规范性文件 issued and repealed come from the ledger."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.orgs.models import Unit


class DisclosureYear(models.Model):
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    rules_issued = models.PositiveIntegerField("规章本年制发件数", default=0)
    rules_repealed = models.PositiveIntegerField("规章本年废止件数", default=0)
    rules_in_force = models.PositiveIntegerField("规章现行有效件数", default=0)
    normdocs_in_force = models.PositiveIntegerField("行政规范性文件现行有效件数", null=True, blank=True)
    permits = models.PositiveIntegerField("行政许可本年处理决定数量", default=0)
    penalties = models.PositiveIntegerField("行政处罚本年处理决定数量", default=0)
    enforcement = models.PositiveIntegerField("行政强制本年处理决定数量", default=0)
    fees = models.DecimalField(
        "行政事业性收费本年收费金额（万元）", max_digits=12, decimal_places=4, default=0
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填报人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField("填报时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开年度数据"
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_disclosure_year")]

    def __str__(self) -> str:
        return f"{self.unit.name}{self.year}年政府信息公开年度数据"

    ENTERED = (
        "rules_issued",
        "rules_repealed",
        "rules_in_force",
        "normdocs_in_force",
        "permits",
        "penalties",
        "enforcement",
        "fees",
    )
