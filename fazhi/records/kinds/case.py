"""复议诉讼案件: administrative reconsideration and litigation cases and their outcome.

Natural key: 案号: a case number names one case. An entry without a 案号 is never a duplicate.
"""

from __future__ import annotations

from django.db import models

from ..models.base import Record
from .base import RecordKind


class Case(Record):
    class Type(models.TextChoices):
        RECONSIDERATION = "reconsideration", "行政复议"
        LITIGATION = "litigation", "行政诉讼"

    class Outcome(models.TextChoices):
        # 政府信息公开年报表四的分类
        UPHELD = "upheld", "结果维持"
        CORRECTED = "corrected", "结果纠正"
        OTHER = "other", "其他结果"
        PENDING = "pending", "尚未审结"

    case_type = models.CharField("类别", max_length=16, choices=Type.choices)
    case_number = models.CharField("案号", max_length=80, blank=True)
    forum = models.CharField("复议机关/法院", max_length=100, blank=True)
    head_appeared = models.BooleanField("负责人出庭应诉", default=False)
    outcome = models.CharField("结果", max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    # Table 4 of the 政府信息公开工作年度报告 counts the cases about disclosure, litigation apart by
    # whether a reconsideration came first.
    about_disclosure = models.BooleanField("涉及政府信息公开", default=False)
    after_reconsideration = models.BooleanField("复议后起诉", default=False)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "复议诉讼案件"


KIND = RecordKind(
    "case",
    Case,
    fields=(
        "case_type",
        "case_number",
        "forum",
        "head_appeared",
        "outcome",
        "about_disclosure",
        "after_reconsideration",
    ),
    list_fields=("case_type", "case_number", "head_appeared", "outcome"),
    natural_key=("case_number",),
    date_label="收案日期",
    title_label="案件名称",
)
