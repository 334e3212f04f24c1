"""制度建设: internal rules adopted, revised, repealed.

Natural key: date, 制度名称 and 类型: repealing a rule and adopting its successor of the same name on one day are two entries.
"""

from __future__ import annotations

from django.db import models

from ..models.base import Record
from .base import RecordKind


class InternalRule(Record):
    class Action(models.TextChoices):
        ADOPTED = "adopted", "新制定"
        REVISED = "revised", "修订"
        REPEALED = "repealed", "废止"

    action = models.CharField("类型", max_length=10, choices=Action.choices)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "制度建设"


KIND = RecordKind(
    "rule",
    InternalRule,
    fields=("action",),
    list_fields=("action",),
    natural_key=("date", "title", "action"),
    title_label="制度名称",
)
