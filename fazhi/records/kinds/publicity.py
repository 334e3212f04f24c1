"""普法宣传: publicity activities, their theme, channel and reach.

Natural key: date and 活动名称: one activity a day under one name.
"""

from __future__ import annotations

from django.db import models

from ..models.base import Record, count_field
from .base import RecordKind


class PublicityActivity(Record):
    class Theme(models.TextChoices):
        CONSTITUTION = "constitution", "宪法宣传周"
        CIVIL_CODE = "civil_code", "民法典宣传"
        IP = "ip", "全国知识产权宣传周"
        EMERGENCY = "emergency", "应急管理法治宣传"
        XI_THOUGHT = "xi_thought", "习近平法治思想宣传"
        OTHER = "other", "其他"

    class Channel(models.TextChoices):
        WECHAT = "wechat", "微信公众号"
        WEBSITE = "website", "门户网站"
        OFFLINE = "offline", "线下活动"
        QUIZ = "quiz", "知识答题"
        OTHER = "other", "其他"

    theme = models.CharField("主题", max_length=16, choices=Theme.choices)
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    reach = count_field("覆盖人次")

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "普法宣传"


KIND = RecordKind(
    "publicity",
    PublicityActivity,
    fields=("theme", "channel", "reach"),
    list_fields=("theme", "channel", "reach"),
    natural_key=("date", "title"),
    title_label="活动名称",
)
