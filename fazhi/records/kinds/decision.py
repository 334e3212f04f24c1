"""重大行政决策: major decisions and their statutory steps (《重大行政决策程序暂行条例》).

Natural key: 列入目录日期 and 决策事项: a decision enters the catalogue once.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from ..models.base import Record
from .base import RecordKind


class MajorDecision(Record):
    public_participation = models.BooleanField("公众参与", default=False)
    expert_review = models.BooleanField("专家论证", default=False)
    risk_assessment = models.BooleanField("风险评估", default=False)
    legality_review = models.BooleanField("合法性审查", default=False)
    collective_decision = models.BooleanField("集体讨论决定", default=False)
    published = models.BooleanField("已公布", default=False)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "重大行政决策"

    NO_REVIEW = "未经合法性审查的重大行政决策不得提交集体讨论决定（《重大行政决策程序暂行条例》第二十五条）。"

    def clean(self) -> None:
        super().clean()
        if self.collective_decision and not self.legality_review:
            raise ValidationError({"collective_decision": self.NO_REVIEW})


KIND = RecordKind(
    "decision",
    MajorDecision,
    fields=(
        "public_participation",
        "expert_review",
        "risk_assessment",
        "legality_review",
        "collective_decision",
        "published",
    ),
    list_fields=("legality_review", "collective_decision", "published"),
    natural_key=("date", "title"),
    date_label="列入目录日期",
    title_label="决策事项",
)
