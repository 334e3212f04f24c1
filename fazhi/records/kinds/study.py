"""学法活动: the unit's study of law (collective study, lectures, online courses).

Natural key: date and 学习主题: one study session a day on one topic.
"""

from __future__ import annotations

from django.db import models

from ..models.base import Record, count_field
from .base import RecordKind


class StudySession(Record):
    class Form(models.TextChoices):
        PARTY_GROUP = "party_group", "党组会集体学法"
        CENTER_GROUP = "center_group", "党组理论学习中心组专题学法"
        ORGAN_CENTER_GROUP = "organ_center_group", "机关党组理论学习中心组专题学法"
        EXECUTIVE_MEETING = "executive_meeting", "政府常务会议集体学法"
        LECTURE = "lecture", "法治专题讲座"
        BRANCH = "branch", "党支部集体学习"
        ONLINE = "online", "线上平台学习"
        VISIT = "visit", "警示教育/参观学习"
        OTHER = "other", "其他"

    form = models.CharField("学习形式", max_length=24, choices=Form.choices)
    laws = models.TextField("学习的法律法规", blank=True)
    speaker = models.CharField("主讲人", max_length=100, blank=True)
    attendees = count_field("参加人数")
    led_by_head = models.BooleanField("主要负责人组织/主持", default=False)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "学法活动"


KIND = RecordKind(
    "study",
    StudySession,
    fields=("form", "laws", "speaker", "attendees", "led_by_head"),
    list_fields=("form", "attendees", "led_by_head"),
    natural_key=("date", "title"),
    title_label="学习主题",
)
