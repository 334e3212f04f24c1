"""法律知识考试: the annual law exam, the exam on Xi Jinping Thought on the Rule of Law, others.

Natural key: date and 考试名称: one exam a day under one name.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ..models.base import Record, count_field
from .base import RecordKind


class Exam(Record):
    class Type(models.TextChoices):
        ANNUAL_LAW = "annual_law", "年度法律知识考试"
        XI_THOUGHT = "xi_thought", "习近平法治思想专题考试"
        OTHER = "other", "其他考试"

    exam_type = models.CharField("考试类别", max_length=16, choices=Type.choices)
    eligible_count = count_field("应考人数")
    taker_count = count_field("参考人数")
    average_score = models.DecimalField(
        "平均成绩",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    passed_count = count_field("合格人数")

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "法律知识考试"


KIND = RecordKind(
    "exam",
    Exam,
    fields=("exam_type", "eligible_count", "taker_count", "average_score", "passed_count"),
    list_fields=("exam_type", "eligible_count", "taker_count", "average_score"),
    natural_key=("date", "title"),
    date_label="考试日期",
    title_label="考试名称",
)
