"""建议提案: NPC deputies' suggestions and CPPCC members' proposals handled by the unit.

Natural key: 交办日期, 编号, 类别 and 级别: each 类别 (人大/政协) and 级别 (市级/区级) numbers its own,
and a batch is assigned on one day. An entry without a 编号 is never a duplicate.
"""

from __future__ import annotations

from django.db import models

from ..models.base import Record
from .base import RecordKind


class Proposal(Record):
    class Type(models.TextChoices):
        NPC = "npc", "人大代表建议"
        CPPCC = "cppcc", "政协委员提案"

    class Level(models.TextChoices):
        CITY = "city", "市级"
        DISTRICT = "district", "区级"

    class Result(models.TextChoices):
        A = "A", "A 已解决或基本解决"
        B = "B", "B 正在解决或列入计划"
        C = "C", "C 因条件限制以后解决"
        D = "D", "D 留作参考"

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASIC = "basic", "基本满意"
        DISSATISFIED = "dissatisfied", "不满意"
        PENDING = "pending", "未反馈"

    number = models.CharField("编号", max_length=40, blank=True)
    proposal_type = models.CharField("类别", max_length=6, choices=Type.choices)
    level = models.CharField("级别", max_length=10, choices=Level.choices)
    proposer = models.CharField("代表/委员", max_length=100, blank=True)
    face_to_face = models.BooleanField("已面商", default=False)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    result_code = models.CharField("办理结果", max_length=1, choices=Result.choices, blank=True)
    satisfaction = models.CharField(
        "反馈意见", max_length=12, choices=Satisfaction.choices, default=Satisfaction.PENDING
    )
    # Set by fazhi.deadlines.actions from the stored due date: None while not yet due.
    replied_on_time = models.BooleanField("按期答复", null=True, blank=True, editable=False)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "建议提案"


KIND = RecordKind(
    "proposal",
    Proposal,
    fields=(
        "number",
        "proposal_type",
        "level",
        "proposer",
        "face_to_face",
        "replied_on",
        "result_code",
        "satisfaction",
    ),
    list_fields=("number", "proposal_type", "level", "face_to_face", "replied_on", "satisfaction"),
    natural_key=("date", "number", "proposal_type", "level"),
    date_label="交办日期",
    title_label="建议提案标题",
)
