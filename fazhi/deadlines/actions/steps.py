"""Workflow steps: checked against the statutory order, recorded, mirrored into the ledger's summary fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from fazhi.lib.errors import FazhiError
from fazhi.lib.history import attributed as _attributed
from fazhi.lib.history import save_changes
from fazhi.orgs.access import Need, door
from fazhi.records.actions import StaleEdit, do_add_attachment
from fazhi.records.kinds import kind_for
from fazhi.records.models import Record

from ..models import DueItem, WorkflowStep
from ..queries import steps_in_recorded_order
from ..rules import GXGK, JUECE
from ..workflows import DONE, DONE_OR_NOT, NOT_APPLICABLE, StepSpec, Workflow, blocker, workflow_for
from ._common import _today
from .due import sync_record_deadlines

FIELD_LABELS = {
    "result": "结果",
    "reviewer": "审查人员",
    "court_level": "审级",
    "head_appeared": "负责人是否出庭/参加",
    "days": "天数",
    "note": "说明",
    "dissent": "不同意见",
}
STEP_FIELDS = tuple(FIELD_LABELS)
NO_WORKFLOW = "该类台账没有法定办理流程。"
UNKNOWN_STEP = "没有这个办理步骤。"
NEED_REASON = "选择“不适用”的，须说明理由。"
SHORT_COMMENT = f"公开征求意见期少于30日的，应当说明理由（{JUECE}第十五条）。"
BAD_EXTENSION = f"延长答复期限最长不超过20个工作日（{GXGK}第三十三条）。"
LATE_EXTENSION = "答复期限已于{due}届满，不能再延长。"
EARLY_DECISION = "公开征求意见期至{due}届满，届满前不能集体讨论决定。"
STALE_STEP = (
    "{who}已于{when}记录了办理步骤“{label}”，您要记录的“{this}”未记录，以免重复记录或顺序错乱。"
    "请查看最新的办理步骤后再记录。"
)


def workflow_of(record: Record) -> Workflow:
    workflow = workflow_for(record)
    if workflow is None:
        raise FazhiError(NO_WORKFLOW, "no-workflow")
    return workflow


def check_record_step(
    record: Record,
    *,
    code: str,
    data: dict[str, Any],
    today: dt.date,
    steps: list[WorkflowStep] | None = None,
) -> StepSpec:
    """The step's spec if ``code`` may be recorded on ``record`` with ``data``; ``FazhiError`` otherwise."""
    kind, workflow = kind_for(record), workflow_of(record)
    spec = workflow.step(code)
    if spec is None:
        raise FazhiError(UNKNOWN_STEP, "unknown-step")
    steps = steps_in_recorded_order(record) if steps is None else steps
    reason = blocker(workflow, spec, steps, case_type=record.case_type if kind.slug == "case" else "")
    if reason:
        raise FazhiError(reason, "step-not-allowed")
    _check_date(record, spec, data.get("date"), steps, today, kind.date_label)
    _check_fields(spec, data)
    _check_statutory(record, spec, data, steps)
    return spec


def _check_date(record, spec: StepSpec, day, steps, today: dt.date, date_label: str) -> None:
    if not isinstance(day, dt.date):
        raise FazhiError("请填写步骤日期。", "no-date")
    if day > today:
        raise FazhiError("步骤日期不能晚于今天。", "future-date")
    if day < record.date:
        raise FazhiError(f"步骤日期不能早于{date_label}（{record.date.isoformat()}）。", "early-date")
    earlier = [s for s in steps if s.code in spec.requires + spec.requires_any]
    latest = max(earlier, key=lambda s: s.date, default=None)
    if latest is not None and day < latest.date:
        label = workflow_of(record).step(latest.code)
        name = label.label if label else latest.code
        raise FazhiError(
            f"“{spec.label}”的日期不能早于“{name}”（{latest.date.isoformat()}）。", "out-of-order"
        )


def _check_fields(spec: StepSpec, data: dict[str, Any]) -> None:
    for name in spec.required:
        if data.get(name) in (None, ""):
            label = spec.note_label if name == "note" else FIELD_LABELS[name]
            raise FazhiError(f"请填写“{label}”。", "missing-field")
    result = data.get("result") or ""
    if spec.results and result and result not in spec.result_labels:
        raise FazhiError(f"“{spec.label}”的结果无效：{result}", "bad-result")
    if spec.results == DONE_OR_NOT and result == NOT_APPLICABLE and not data.get("note"):
        raise FazhiError(NEED_REASON, "missing-reason")


def _check_statutory(record, spec: StepSpec, data: dict[str, Any], steps) -> None:
    kind, code, day = kind_for(record).slug, spec.code, data["date"]
    if kind == "decision" and code == "participation" and data.get("result") == DONE:
        days = data.get("days")
        if days is not None and days < 30 and not data.get("note"):
            raise FazhiError(SHORT_COMMENT, "short-comment-period")
    if code == "extension":
        if kind == "request" and not 1 <= (data.get("days") or 0) <= 20:
            raise FazhiError(BAD_EXTENSION, "bad-extension")
        reply = _item(record, "reply")
        if reply is not None and reply.due_on is not None and day > reply.due_on:
            raise FazhiError(LATE_EXTENSION.format(due=reply.due_on.isoformat()), "late-extension")
    if kind == "decision" and code == "collective":
        window = _item(record, "comment")
        if window is not None and window.due_on is not None and day < window.due_on:
            raise FazhiError(EARLY_DECISION.format(due=window.due_on.isoformat()), "comment-period-open")


def _item(record: Record, slot: str) -> DueItem | None:
    ct = ContentType.objects.get_for_model(record)
    return DueItem.objects.filter(content_type=ct, object_id=record.pk, slot=slot).first()


def steps_revision(steps: list[WorkflowStep]) -> int:
    """What a step form names as the steps it saw: the last recorded step's id (0: none yet)."""
    return max((step.pk for step in steps), default=0)


@door(Need.WRITE)
@transaction.atomic
def do_record_step(
    record: Record,
    *,
    code: str,
    data: dict[str, Any],
    acting_user,
    today: dt.date | None = None,
    upload=None,
    revision: int | None = None,
) -> WorkflowStep:
    """Record one statutory step, keep the record's summary fields and its due dates in step.

    Steps of one record are recorded one at a time (the record's row is locked first), so the
    order and the once-only rules are checked against every step recorded before. With ``revision``
    (``steps_revision`` of the steps the form was shown with), refused with ``StaleEdit`` if someone
    recorded a step since."""
    today = _today(today)
    list(type(record).objects.select_for_update().filter(pk=record.pk).values_list("pk", flat=True))
    steps = steps_in_recorded_order(record)
    if revision is not None and revision != steps_revision(steps):
        _refuse_stale(record, code, steps)
    check_record_step(record, code=code, data=data, today=today, steps=steps)
    values = {name: data[name] for name in STEP_FIELDS if data.get(name) not in (None, "")}
    step = WorkflowStep(
        record=record, unit_id=record.unit_id, code=code, date=data["date"], recorded_by=acting_user, **values
    )
    _attributed(step, acting_user).save()
    if upload is not None:
        do_add_attachment(step, upload=upload, acting_user=acting_user)
    save_changes(record, workflow_of(record).summary([*steps, step]), acting_user)
    sync_record_deadlines(record, acting_user=acting_user, today=today)
    return step


def _refuse_stale(record: Record, code: str, steps: list[WorkflowStep]) -> None:
    if not steps:
        raise StaleEdit("办理步骤已有变化，您要记录的步骤未记录。请刷新页面后再记录。", current=record)
    workflow = workflow_of(record)
    last = max(steps, key=lambda step: step.pk)
    by = last.recorded_by
    spec, this = workflow.step(last.code), workflow.step(code)
    raise StaleEdit(
        STALE_STEP.format(
            who=(by.get_full_name() or by.get_username()) if by is not None else "系统",
            when=timezone.localtime(last.recorded_at).strftime("%Y-%m-%d %H:%M"),
            label=spec.label if spec else last.code,
            this=this.label if this else code,
        ),
        current=record,
    )
