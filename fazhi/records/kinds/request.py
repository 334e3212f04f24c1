"""依申请公开: disclosure requests and their replies (《政府信息公开条例》).

Natural key: 收到申请日期, 申请内容 and 申请人类型. The ledger has no applicant's name: two people asking
for the same on one day must differ in 申请内容 (e.g. “张某申请公开……”).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.disclosurecheck.tables import REASON_CHOICES, REASONS

from ..models.base import Record
from .base import RecordKind


class DisclosureRequest(Record):
    class Applicant(models.TextChoices):
        # The columns of table 3 of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号)
        PERSON = "person", "自然人"
        BUSINESS = "business", "商业企业"
        RESEARCH = "research", "科研机构"
        CHARITY = "charity", "社会公益组织"
        LEGAL = "legal", "法律服务机构"
        OTHER_ORG = "other_org", "其他法人或其他组织"

    class Reply(models.TextChoices):
        # 《政府信息公开条例》第三十六条
        PUBLIC = "public", "予以公开"
        PARTIAL = "partial", "部分公开"
        WITHHELD = "withheld", "不予公开"
        NONEXISTENT = "nonexistent", "无法提供"
        NOT_HANDLED = "not_handled", "不予处理"
        OTHER = "other", "其他处理"

    applicant_type = models.CharField("申请人类型", max_length=12, choices=Applicant.choices)
    reply_type = models.CharField("答复类型", max_length=12, choices=Reply.choices, blank=True)
    # The reason under 不予公开, 无法提供, 不予处理 and 其他处理 (table 3's numbered rows).
    reply_reason = models.CharField("具体情形", max_length=20, choices=REASON_CHOICES, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    # Set by fazhi.deadlines.actions from the stored due date: None while not yet due.
    replied_on_time = models.BooleanField("按期答复", null=True, blank=True, editable=False)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "依申请公开"
        # The 年度报告's rates count requests by the year they were answered (dated_by="replied_on").
        indexes = [
            models.Index(fields=["unit", "date"], name="disclosurerequest_unit_date"),
            models.Index(fields=["unit", "replied_on"], name="disclosurerequest_unit_replied"),
        ]

    def clean(self) -> None:
        super().clean()
        reasons = REASONS.get(self.reply_type, ())
        if reasons and self.reply_reason not in reasons:
            raise ValidationError({"reply_reason": f"“{self.get_reply_type_display()}”须选择具体情形。"})
        if not reasons and self.reply_reason:
            raise ValidationError(
                {"reply_reason": "只有不予公开、无法提供、不予处理和其他处理需要选择具体情形。"}
            )


KIND = RecordKind(
    "request",
    DisclosureRequest,
    fields=("applicant_type", "reply_type", "reply_reason", "replied_on"),
    list_fields=("applicant_type", "reply_type", "replied_on"),
    natural_key=("date", "title", "applicant_type"),
    date_label="收到申请日期",
    title_label="申请内容",
)
