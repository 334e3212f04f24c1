"""复议诉讼 (reconsideration and litigation cases): steps, due dates, the ledger fields its steps set.

docs/domain.md#reconsideration, docs/domain.md#litigation"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fazhi.records.models import Case

from ..rules import FUYI, SUSONG
from ..schedule import Context, DueSpec, status_of
from .base import StepLike, StepSpec, Workflow, after, last, no_blocker

OUTCOMES = tuple((v, label) for v, label in Case.Outcome.choices)


def case_schedule(record: Any, steps: Sequence[StepLike], ctx: Context) -> list[DueSpec]:
    """Cases: the defence (15 days, 行政诉讼法第六十七条) or written answer (10 working days,
    行政复议法第四十八条); after a first-instance judgment or ruling, the time to appeal (第八十五条)."""
    specs: list[DueSpec] = []
    served = last(steps, "served", "served_reconsideration")
    if served is not None:
        rule = "litigation-defence" if served.code == "served" else "reconsideration-answer"
        answered = after(steps, served, "defence", "answer")
        closed = answered.date if answered else None
        specs.append(
            DueSpec("defence", rule, served.date, ctx.due(rule, served.date), status_of(closed), closed)
        )
    for decided in (
        s for s in steps if s.code in ("judgment", "ruling") and getattr(s, "court_level", "") == "first"
    ):
        rule = "appeal-judgment" if decided.code == "judgment" else "appeal-ruling"
        appealed = after(steps, decided, "appeal")
        specs.append(
            ctx.window(
                f"appeal:{decided.pk}", ctx.due(rule, decided.date), appealed.date if appealed else None
            )
        )
    return specs


def _case_summary(steps: Sequence[StepLike]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    hearings = [s for s in steps if s.code in ("hearing", "hearing_reconsideration")]
    if hearings:
        values["head_appeared"] = any(s.head_appeared for s in hearings)
    decided = last(steps, "judgment", "ruling", "decision")
    if decided:
        values["outcome"] = decided.result
    return values


WORKFLOW = Workflow(
    Case,
    "case",
    "复议诉讼案件",
    (
        StepSpec("served", "收到起诉状副本", case_type="litigation", basis=f"{SUSONG}第六十七条"),
        StepSpec(
            "served_reconsideration",
            "收到复议申请书副本",
            case_type="reconsideration",
            basis=f"{FUYI}第四十八条",
        ),
        StepSpec("defence", "提交答辩状和证据", case_type="litigation", requires=("served",)),
        StepSpec(
            "answer", "提交书面答复和证据", case_type="reconsideration", requires=("served_reconsideration",)
        ),
        StepSpec(
            "hearing",
            "开庭",
            case_type="litigation",
            requires=("served",),
            once=False,
            fields=("court_level", "head_appeared"),
            required=("court_level", "head_appeared"),
            note_label="出庭人员；负责人未出庭的理由",
            basis="《关于行政机关负责人出庭应诉若干问题的规定》",
        ),
        StepSpec(
            "hearing_reconsideration",
            "听证",
            case_type="reconsideration",
            requires=("served_reconsideration",),
            once=False,
            fields=("head_appeared",),
            required=("head_appeared",),
            note_label="参加人员",
            basis=f"{FUYI}第五十一条",
        ),
        StepSpec(
            "judgment",
            "判决书送达",
            case_type="litigation",
            requires=("served",),
            once=False,
            fields=("court_level", "result"),
            required=("court_level", "result"),
            results=OUTCOMES,
        ),
        StepSpec(
            "ruling",
            "裁定书送达",
            case_type="litigation",
            requires=("served",),
            once=False,
            fields=("court_level", "result"),
            required=("court_level", "result"),
            results=OUTCOMES,
        ),
        StepSpec(
            "appeal", "提起上诉", case_type="litigation", requires_any=("judgment", "ruling"), once=False
        ),
        StepSpec(
            "decision",
            "复议决定送达",
            case_type="reconsideration",
            requires=("served_reconsideration",),
            fields=("result",),
            required=("result",),
            results=OUTCOMES,
        ),
    ),
    blocks=no_blocker,
    schedule=case_schedule,
    summary=_case_summary,
    summary_fields=("head_appeared", "outcome"),
)
