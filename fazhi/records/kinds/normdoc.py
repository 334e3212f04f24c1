"""规范性文件: normative documents published, filed, repealed.

Natural key: 文号 and 类型: normative documents are numbered (统一编号), so the 文号 names one document;
its publication, filing and repeal are one entry each. An entry without a 文号 is never a duplicate.
"""

from __future__ import annotations

from django.db import models

from ..models.base import Record
from .base import RecordKind


class NormativeDocument(Record):
    class Action(models.TextChoices):
        PUBLISHED = "published", "发布"
        FILED = "filed", "备案"
        REPEALED = "repealed", "废止"

    doc_number = models.CharField("文号", max_length=60, blank=True)
    action = models.CharField("类型", max_length=10, choices=Action.choices)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "规范性文件"


KIND = RecordKind(
    "normdoc",
    NormativeDocument,
    fields=("doc_number", "action"),
    list_fields=("doc_number", "action"),
    natural_key=("doc_number", "action"),
    date_label="发布日期",
    title_label="文件名称",
)
