"""What every ledger (台账) shares: the abstract ``Record`` and its evidence ``Attachment``.

Every record has a unit, a date (which puts it in a report year), a title, who
entered it and when, evidence attachments and a full change history. Each kind's
own model lives beside its ``RecordKind`` in ``fazhi.records.kinds.<slug>``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from fazhi.lib.years import validate_ledger_date
from fazhi.orgs.models import Unit


class Attachment(models.Model):
    """An evidence file for any record (会议纪要, 签到表, 答复书 ...)."""

    content_type = models.ForeignKey(ContentType, verbose_name="台账类型", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField("记录编号")
    record = GenericForeignKey("content_type", "object_id")
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    file = models.FileField("文件", upload_to="evidence/%Y/%m/")
    original_name = models.CharField("原文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "佐证材料"
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_record")]

    def __str__(self) -> str:
        return self.original_name


class Record(models.Model):
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    date = models.DateField("日期", validators=[validate_ledger_date])
    title = models.CharField("名称", max_length=300)
    notes = models.TextField("备注", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    # Guards the edit form: a save names the revision it was loaded at, and is refused if someone
    # saved since (actions.do_update_record, a conditional UPDATE). Workflow steps do not change it.
    revision = models.PositiveIntegerField("修订号", default=1, editable=False)
    attachments = GenericRelation(Attachment)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["unit", "date"], name="%(class)s_unit_date")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from ..kinds import kind_for  # the registry imports the models: looked up when called

        return reverse("records:show-record", args=[self.unit_id, kind_for(self).slug, self.pk])

    @property
    def due_subject(self) -> str:
        """What a due item of this record is about, in the due lists: the ledger's name."""
        from ..kinds import kind_for

        return kind_for(self).label


def count_field(label: str) -> models.PositiveIntegerField:
    """A head count or a number of items: zero unless entered."""
    return models.PositiveIntegerField(label, default=0)
