"""合法性审核: legality reviews of contracts, normative documents, decisions.

Natural key: 审核日期 and 审核事项: one review of one matter a day.
"""

from __future__ import annotations

from django.db import models

from ..models.base import Record
from .base import RecordKind


class LegalityReview(Record):
    class Subject(models.TextChoices):
        CONTRACT = "contract", "合同协议"
        NORMATIVE = "normative", "规范性文件"
        DECISION = "decision", "重大行政决策"
        OTHER = "other", "其他事项"

    class Reviewer(models.TextChoices):
        COUNSEL = "counsel", "法律顾问"
        PUBLIC_LAWYER = "public_lawyer", "公职律师"
        LEGAL_OFFICE = "legal_office", "法制机构"

    subject = models.CharField("审核对象", max_length=12, choices=Subject.choices)
    reviewer = models.CharField("审核人", max_length=16, choices=Reviewer.choices)
    opinion = models.TextField("审核意见", blank=True)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "合法性审核"


KIND = RecordKind(
    "review",
    LegalityReview,
    fields=("subject", "reviewer", "opinion"),
    list_fields=("subject", "reviewer"),
    natural_key=("date", "title"),
    date_label="审核日期",
    title_label="审核事项",
)
