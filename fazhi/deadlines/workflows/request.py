"""依申请公开 (disclosure on request): its statutory steps, what blocks a step, its due dates, the ledger fields its steps set.

docs/domain.md#disclosure-requests"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fazhi.records.models import DisclosureRequest

from ..rules import GXGK, get_rule, pause_length
from ..schedule import PAUSED, Context, DueSpec, status_of
from .base import StepLike, StepSpec, Workflow, after, codes, consultation_open, correction_pending, last


def _request_blocker(spec: StepSpec, steps: Sequence[StepLike]) -> str | None:
    if spec.code not in ("archive", "reply") and "reply" in codes(steps):
        return "申请已答复，不能再记录该步骤。"
    if spec.code == "third_party" and consultation_open(steps):
        return "上一次征求第三方意见尚未收到意见，请先记录“第三方意见收到”。"
    if spec.code == "third_party_reply" and not consultation_open(steps):
        return "没有正在征求的第三方意见。"
    if spec.code in ("third_party", "extension") and correction_pending(steps):
        return "申请人尚未补正，答复期限中止计算。"
    return None


def request_schedule(record: Any, steps: Sequence[StepLike], ctx: Context) -> list[DueSpec]:
    """依申请公开: 20 working days from receipt (or from the corrected application), plus an
    approved extension, not counting the time a third party was consulted (第三十条、第三十二条、第三十三条)."""
    specs: list[DueSpec] = []
    corrected = last(steps, "corrected")
    start = corrected.date if corrected else record.date
    paused = 0
    for consult in (s for s in steps if s.code == "third_party"):
        answer = after(steps, consult, "third_party_reply")
        limit = ctx.due("disclosure-third-party", consult.date)
        # The clock stops from the letter until the answer, and at most for the third party's 15 working days.
        resumed = min(answer.date, limit.due) if answer else limit.due
        if consult.date >= start:
            paused += pause_length(get_rule("disclosure-reply"), consult.date, resumed, ctx.calendar)
        closed = answer.date if answer else (record.replied_on or None)
        specs.append(
            DueSpec(f"third-party:{consult.pk}", limit.rule, consult.date, limit, status_of(closed), closed)
        )
    extension = last(steps, "extension")
    replied = record.replied_on
    if correction_pending(steps) and not replied:
        specs.insert(0, DueSpec("reply", "disclosure-reply", start, None, PAUSED))
        return specs
    days = extension.days if extension and extension.days else None
    deadline = ctx.due("disclosure-reply", start, extension=days, paused_days=paused)
    specs.insert(0, DueSpec("reply", "disclosure-reply", start, deadline, status_of(replied), replied))
    return specs


def _request_summary(steps: Sequence[StepLike]) -> dict[str, Any]:
    reply = last(steps, "reply")
    return {"reply_type": reply.result, "replied_on": reply.date} if reply else {}


WORKFLOW = Workflow(
    DisclosureRequest,
    "request",
    "依申请公开办理",
    (
        StepSpec("register", "登记", basis=f"{GXGK}第三十一条、第四十五条", note_label="登记情况"),
        StepSpec("review", "审核", requires=("register",), note_label="审核意见"),
        StepSpec(
            "correction",
            "补正告知",
            requires=("review",),
            note_label="需补正的事项",
            required=("note",),
            basis=f"{GXGK}第三十条：收到申请之日起7个工作日内一次性告知",
        ),
        StepSpec(
            "corrected",
            "收到补正后的申请",
            requires=("correction",),
            basis=f"{GXGK}第三十条：答复期限自收到补正的申请之日起计算",
        ),
        StepSpec(
            "third_party",
            "征求第三方意见",
            requires=("review",),
            once=False,
            note_label="第三方及征求事项",
            required=("note",),
            basis=f"{GXGK}第三十二条：第三方15个工作日内提出意见，所需时间不计入答复期限",
        ),
        StepSpec(
            "third_party_reply",
            "第三方意见收到",
            requires=("third_party",),
            once=False,
            note_label="第三方意见",
        ),
        StepSpec(
            "extension",
            "延长答复期限",
            requires=("review",),
            fields=("days",),
            required=("days", "note"),
            note_label="批准人及告知申请人情况",
            basis=f"{GXGK}第三十三条：延长不超过20个工作日",
        ),
        StepSpec(
            "reply",
            "答复",
            requires=("register",),
            fields=("result",),
            required=("result",),
            results=tuple(DisclosureRequest.Reply.choices),
            note_label="答复内容",
            basis=f"{GXGK}第三十六条",
        ),
        StepSpec("archive", "归档", requires=("reply",), basis=f"{GXGK}第四十五条"),
    ),
    terminal="archive",
    blocks=_request_blocker,
    schedule=request_schedule,
    summary=_request_summary,
    summary_fields=("reply_type", "replied_on"),
)
