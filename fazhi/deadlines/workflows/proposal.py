"""建议提案 (NPC suggestions, CPPCC proposals): steps, blockers, due dates, the ledger fields its steps set.

docs/domain.md#proposals"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fazhi.records.models import Proposal

from ..rules import DAIBIAO
from ..schedule import Context, DueSpec, status_of
from .base import StepLike, StepSpec, Workflow, after, codes, last

DISSATISFIED = Proposal.Satisfaction.DISSATISFIED.value
SATISFACTION = tuple((v, label) for v, label in Proposal.Satisfaction.choices if v != "pending")


def _proposal_blocker(spec: StepSpec, steps: Sequence[StepLike]) -> str | None:
    if spec.code == "extension" and "reply" in codes(steps):
        return "已答复，不能再延期。"
    answered = last(steps, "reply", "rereply")
    said = last(steps, "feedback")
    if (
        spec.code == "feedback"
        and answered is not None
        and said is not None
        and after(steps, answered, "feedback")
    ):
        return "本次答复已有反馈；代表/委员不满意的，请先重新办理答复。"
    if spec.code == "rereply":
        if said is None or said.result != DISSATISFIED:
            return "只有代表/委员反馈不满意的，才需要重新办理。"
        if after(steps, said, "rereply"):
            return "已针对该反馈重新答复，请等待代表/委员再次反馈。"
    return None


def proposal_schedule(record: Any, steps: Sequence[StepLike], ctx: Context) -> list[DueSpec]:
    """建议提案: 3 months from assignment, 6 for complex ones; a re-reply after a dissatisfied response."""
    assign = last(steps, "assign")
    start = assign.date if assign else record.date
    extended = last(steps, "extension") is not None
    deadline = ctx.due("proposal-reply", start, extended=extended)
    specs = [
        DueSpec("reply", "proposal-reply", start, deadline, status_of(record.replied_on), record.replied_on)
    ]
    for feedback in (s for s in steps if s.code == "feedback" and s.result == "dissatisfied"):
        again = after(steps, feedback, "rereply")
        closed = again.date if again else None
        rereply = ctx.due("proposal-rereply", feedback.date)
        specs.append(
            DueSpec(f"rereply:{feedback.pk}", rereply.rule, feedback.date, rereply, status_of(closed), closed)
        )
    return specs


def _proposal_summary(steps: Sequence[StepLike]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if last(steps, "meet"):
        values["face_to_face"] = True
    reply, answer, said = last(steps, "reply"), last(steps, "reply", "rereply"), last(steps, "feedback")
    if reply:
        values["replied_on"] = reply.date
    if answer:
        values["result_code"] = answer.result
    if said:
        values["satisfaction"] = "pending" if after(steps, said, "rereply") else said.result
    return values


WORKFLOW = Workflow(
    Proposal,
    "proposal",
    "建议提案办理",
    (
        StepSpec("assign", "交办", note_label="交办机关"),
        StepSpec(
            "extension",
            "延期答复（涉及面广、处理难度大）",
            requires=("assign",),
            required=("note",),
            note_label="延期理由及同意情况",
            basis=f"{DAIBIAO}第五十一条：六个月内答复",
        ),
        StepSpec(
            "meet",
            "面商",
            requires=("assign",),
            once=False,
            required=("note",),
            note_label="面商记录（时间、地点、参加人、代表委员意见）",
        ),
        StepSpec(
            "reply",
            "答复",
            requires=("assign",),
            fields=("result",),
            required=("result",),
            results=tuple(Proposal.Result.choices),
            note_label="答复要点",
        ),
        StepSpec(
            "feedback",
            "代表/委员反馈",
            requires=("reply",),
            once=False,
            fields=("result",),
            required=("result",),
            results=SATISFACTION,
            note_label="反馈意见",
        ),
        StepSpec(
            "rereply",
            "重新办理答复",
            requires=("feedback",),
            once=False,
            fields=("result",),
            required=("result",),
            results=tuple(Proposal.Result.choices),
            note_label="重新办理情况",
        ),
    ),
    blocks=_proposal_blocker,
    schedule=proposal_schedule,
    summary=_proposal_summary,
    summary_fields=("face_to_face", "replied_on", "result_code", "satisfaction"),
)
