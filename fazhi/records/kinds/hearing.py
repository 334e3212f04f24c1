"""旁听庭审: staff attending administrative court hearings.

Natural key: 旁听日期 and 旁听案件: one hearing of one case a day.
"""

from __future__ import annotations

from django.db import models

from ..models.base import Record, count_field
from .base import RecordKind


class CourtHearing(Record):
    court = models.CharField("法院", max_length=100)
    attendees = count_field("旁听人数")

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "旁听庭审"


KIND = RecordKind(
    "hearing",
    CourtHearing,
    fields=("court", "attendees"),
    list_fields=("court", "attendees"),
    natural_key=("date", "title"),
    date_label="旁听日期",
    title_label="旁听案件",
)
