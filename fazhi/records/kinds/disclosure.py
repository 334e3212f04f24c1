"""主动公开: items disclosed on the unit's own initiative, by category.

Natural key: 公开日期 and 公开事项: one item disclosed once a day.
"""

from __future__ import annotations

from django.db import models

from ..models.base import Record
from .base import RecordKind


class DisclosureItem(Record):
    class Category(models.TextChoices):
        LEADERSHIP = "leadership", "领导信息"
        FUNCTIONS = "functions", "机构职能和设置"
        BUDGET = "budget", "财政预决算"
        LIVELIHOOD = "livelihood", "重大民生信息"
        ANNUAL_REPORT = "annual_report", "政府信息公开年报"
        PUFA_LIST = "pufa_list", "普法责任清单"
        ROL_REPORT = "rol_report", "法治政府建设年度报告"
        POLICY = "policy", "政策文件"
        OTHER = "other", "其他"

    category = models.CharField("类别", max_length=16, choices=Category.choices)
    channel = models.CharField("公开渠道", max_length=60, default="门户网站")

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "主动公开"


KIND = RecordKind(
    "disclosure",
    DisclosureItem,
    fields=("category", "channel"),
    list_fields=("category", "channel"),
    natural_key=("date", "title"),
    date_label="公开日期",
    title_label="公开事项",
)
