"""重大行政决策 (major administrative decisions): steps, blockers, the comment period, the ledger fields its steps set.

docs/domain.md#major-decisions"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fazhi.records.models import MajorDecision

from ..rules import JUECE, Bound, Deadline, get_rule
from ..schedule import Context, DueSpec
from .base import DONE, DONE_OR_NOT, StepLike, StepSpec, Workflow, codes, last

LAWFUL, LAWFUL_AFTER_CHANGES, UNLAWFUL = "lawful", "amended", "unlawful"
LEGALITY = ((LAWFUL, "合法"), (LAWFUL_AFTER_CHANGES, "修改后合法"), (UNLAWFUL, "不合法"))


def _decision_blocker(spec: StepSpec, steps: Sequence[StepLike]) -> str | None:
    if spec.code == "legality" and "collective" in codes(steps):
        return "已集体讨论决定，不能再补记合法性审查。"
    if spec.code == "collective":
        review = last(steps, "legality")
        if review is not None and review.result == UNLAWFUL:
            return f"经合法性审查不合法的，不得提交集体讨论（{JUECE}第二十五条）。"
    return None


def decision_schedule(record: Any, steps: Sequence[StepLike], ctx: Context) -> list[DueSpec]:
    """重大行政决策: the public comment period (第十五条, at least 30 days unless a reason is recorded)."""
    participation = last(steps, "participation")
    if participation is None or participation.result != DONE:
        return []
    days = getattr(participation, "days", None) or get_rule("decision-comment-period").length(ctx.settings)
    reckoning = ctx.calendar.add_calendar_days(participation.date, days)
    rule = get_rule("decision-comment-period")
    deadline = Deadline(
        rule.code,
        participation.date,
        reckoning.date,
        rule.basis,
        Bound.MINIMUM,
        reckoning.years,
        reckoning.unknown_years,
    )
    decided = last(steps, "collective")
    return [ctx.window("comment", deadline, deadline.due if decided else None)]


DECISION_FIELDS = {
    "participation": "public_participation",
    "expert": "expert_review",
    "risk": "risk_assessment",
}


def _decision_summary(steps: Sequence[StepLike]) -> dict[str, Any]:
    values = {
        field: step.result == DONE for code, field in DECISION_FIELDS.items() if (step := last(steps, code))
    }
    review = last(steps, "legality")
    if review:
        values["legality_review"] = review.result != UNLAWFUL
    if last(steps, "collective"):
        values["collective_decision"] = True
    if last(steps, "publish"):
        values["published"] = True
    return values


WORKFLOW = Workflow(
    MajorDecision,
    "decision",
    "重大行政决策程序",
    (
        StepSpec(
            "participation",
            "公众参与",
            fields=("result", "days"),
            required=("result",),
            results=DONE_OR_NOT,
            note_label="参与方式；征求意见期少于30日或不适用的，说明理由",
            basis=f"{JUECE}第十四条至第十八条；公开征求意见期一般不少于30日",
        ),
        StepSpec(
            "expert",
            "专家论证",
            requires=("participation",),
            fields=("result",),
            required=("result",),
            results=DONE_OR_NOT,
            note_label="论证专家及意见",
            basis=f"{JUECE}第十九条至第二十一条",
        ),
        StepSpec(
            "risk",
            "风险评估",
            requires=("expert",),
            fields=("result",),
            required=("result",),
            results=DONE_OR_NOT,
            note_label="风险评估报告要点",
            basis=f"{JUECE}第二十二条至第二十四条",
        ),
        StepSpec(
            "legality",
            "合法性审查",
            requires=("risk",),
            once=False,
            fields=("result", "reviewer"),
            required=("result", "reviewer", "note"),
            results=LEGALITY,
            note_label="审查意见",
            basis=f"{JUECE}第二十五条至第二十八条：法律顾问、公职律师提出法律意见",
        ),
        StepSpec(
            "collective",
            "集体讨论决定",
            requires=("legality",),
            fields=("dissent",),
            required=("note",),
            note_label="会议名称及决定",
            basis=f"{JUECE}第三十条、第三十一条：如实记录不同意见",
        ),
        StepSpec(
            "publish", "公布", requires=("collective",), note_label="公布渠道", basis=f"{JUECE}第三十二条"
        ),
        StepSpec("archive", "归档", requires=("publish",), basis=f"{JUECE}第三十三条"),
    ),
    terminal="archive",
    blocks=_decision_blocker,
    schedule=decision_schedule,
    summary=_decision_summary,
    summary_fields=(*DECISION_FIELDS.values(), "legality_review", "collective_decision", "published"),
)
