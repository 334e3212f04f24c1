"""法治培训: training courses, enrolled and completed.

Natural key: date and 培训名称: one course starting on a day under one name.
"""

from __future__ import annotations

from django.db import models

from ..models.base import Record, count_field
from .base import RecordKind


class Training(Record):
    platform = models.CharField("平台/形式", max_length=100, blank=True)
    enrolled_count = count_field("参训人数")
    completed_count = count_field("结业人数")

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "法治培训"


KIND = RecordKind(
    "training",
    Training,
    fields=("platform", "enrolled_count", "completed_count"),
    list_fields=("platform", "enrolled_count", "completed_count"),
    natural_key=("date", "title"),
    title_label="培训名称",
)
