"""会议与集体决策: party group, executive and rule-of-law meetings.

Natural key: date, 会议名称 and 会议类型: titles are often generic (“党组会”), so two meetings of different types on one day may share one.
"""

from __future__ import annotations

from django.db import models

from ..models.base import Record, count_field
from .base import RecordKind


class Meeting(Record):
    class Type(models.TextChoices):
        PARTY_GROUP = "party_group", "党组会"
        ORGAN_PARTY_GROUP = "organ_party_group", "机关党组会"
        EXECUTIVE = "executive", "政府常务会议"
        LEADING_GROUP = "leading_group", "法治建设领导小组会议"
        SPECIAL = "special", "法治建设专题会议"
        OFFICE = "office", "局长办公会/主任办公会"

    meeting_type = models.CharField("会议类型", max_length=20, choices=Type.choices)
    chaired_by_head = models.BooleanField("主要负责人主持", default=False)
    studies_rule_of_law = models.BooleanField("研究法治工作", default=False)
    sanzhong_topics = count_field("“三重一大”议题数")
    topics = models.TextField("议题", blank=True)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "会议与集体决策"


KIND = RecordKind(
    "meeting",
    Meeting,
    fields=("meeting_type", "chaired_by_head", "studies_rule_of_law", "sanzhong_topics", "topics"),
    list_fields=("meeting_type", "chaired_by_head", "studies_rule_of_law", "sanzhong_topics"),
    natural_key=("date", "title", "meeting_type"),
    date_label="会议日期",
    title_label="会议名称",
)
