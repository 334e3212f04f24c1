"""The statutory steps of each record kind, and which step may follow which.

A workflow is data: its steps, what each requires before it, which inputs it takes.
``blocker`` says, in Chinese, why a step may not be recorded now (or ``None``);
the actions call it before writing, the workflow panel to offer only allowed steps.
Steps are read through their ``code``, ``date``, ``result`` and ``pk`` only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from fazhi.records.models import Case, DisclosureRequest, Proposal

from .rules import DAIBIAO, FUYI, GXGK, JUECE, SUSONG

DONE, NOT_APPLICABLE = "done", "not_applicable"
LAWFUL, LAWFUL_AFTER_CHANGES, UNLAWFUL = "lawful", "amended", "unlawful"
DISSATISFIED = Proposal.Satisfaction.DISSATISFIED.value

DONE_OR_NOT = ((DONE, "已开展"), (NOT_APPLICABLE, "不适用（须说明理由）"))
LEGALITY = ((LAWFUL, "合法"), (LAWFUL_AFTER_CHANGES, "修改后合法"), (UNLAWFUL, "不合法"))
SATISFACTION = tuple((v, label) for v, label in Proposal.Satisfaction.choices if v != "pending")
OUTCOMES = tuple((v, label) for v, label in Case.Outcome.choices)


class StepLike(Protocol):
    pk: Any
    code: str
    date: Any
    result: str


@dataclass(frozen=True)
class StepSpec:
    code: str
    label: str
    requires: tuple[str, ...] = ()  # each recorded before
    requires_any: tuple[str, ...] = ()  # one of them recorded before
    once: bool = True
    fields: tuple[str, ...] = ()  # inputs besides date and note
    required: tuple[str, ...] = ()  # of fields (and "note"), must be given
    results: tuple[tuple[str, str], ...] = ()
    case_type: str = ""  # a Case step for only this type of case (``Case.case_type``)
    note_label: str = "说明"
    basis: str = ""

    @property
    def result_labels(self) -> dict[str, str]:
        return dict(self.results)


@dataclass(frozen=True)
class Workflow:
    kind: str  # record kind slug (fazhi.records.kinds)
    name: str
    steps: tuple[StepSpec, ...]
    terminal: str = ""  # nothing may be recorded after this step

    def step(self, code: str) -> StepSpec | None:
        return next((s for s in self.steps if s.code == code), None)


REQUEST = Workflow(
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
)

PROPOSAL = Workflow(
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
)

DECISION = Workflow(
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
)

CASE = Workflow(
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
)

WORKFLOWS: dict[str, Workflow] = {w.kind: w for w in (REQUEST, PROPOSAL, DECISION, CASE)}


def codes(steps: Sequence[StepLike]) -> list[str]:
    return [s.code for s in steps]


def last(steps: Sequence[StepLike], *wanted: str) -> StepLike | None:
    return next((s for s in reversed(steps) if s.code in wanted), None)


def after(steps: Sequence[StepLike], first: StepLike, *wanted: str) -> StepLike | None:
    """The first step of ``wanted`` recorded after ``first``."""
    return next((s for s in steps[list(steps).index(first) + 1 :] if s.code in wanted), None)


def consultation_open(steps: Sequence[StepLike]) -> bool:
    started = last(steps, "third_party")
    return started is not None and after(steps, started, "third_party_reply") is None


def correction_pending(steps: Sequence[StepLike]) -> bool:
    return "correction" in codes(steps) and "corrected" not in codes(steps)


# --- step-specific blockers: why a step may not be recorded now --------------------------


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


def _decision_blocker(spec: StepSpec, steps: Sequence[StepLike]) -> str | None:
    if spec.code == "legality" and "collective" in codes(steps):
        return "已集体讨论决定，不能再补记合法性审查。"
    if spec.code == "collective":
        review = last(steps, "legality")
        if review is not None and review.result == UNLAWFUL:
            return f"经合法性审查不合法的，不得提交集体讨论（{JUECE}第二十五条）。"
    return None


def _case_blocker(spec: StepSpec, steps: Sequence[StepLike]) -> str | None:
    return None


STEP_BLOCKERS: dict[str, Callable[[StepSpec, Sequence[StepLike]], str | None]] = {
    "request": _request_blocker,
    "proposal": _proposal_blocker,
    "decision": _decision_blocker,
    "case": _case_blocker,
}


def blocker(
    workflow: Workflow, spec: StepSpec, steps: Sequence[StepLike], *, case_type: str = ""
) -> str | None:
    """Why ``spec`` may not be recorded after ``steps`` (in order), or ``None`` if it may."""
    done = codes(steps)
    if spec.case_type and case_type and spec.case_type != case_type:
        return f"“{spec.label}”不适用于本类案件。"
    if workflow.terminal and workflow.terminal in done:
        return "已归档，不能再记录办理步骤。"
    if spec.once and spec.code in done:
        return f"“{spec.label}”已记录，不能重复记录。"
    missing = [workflow.step(code) for code in spec.requires if code not in done]
    if missing:
        names = "、".join(f"“{m.label}”" for m in missing if m)
        return f"须先记录{names}，才能记录“{spec.label}”。"
    if spec.requires_any and not set(spec.requires_any) & set(done):
        names = "或".join(f"“{m.label}”" for m in map(workflow.step, spec.requires_any) if m)
        return f"须先记录{names}，才能记录“{spec.label}”。"
    return STEP_BLOCKERS[workflow.kind](spec, steps)


def allowed_steps(workflow: Workflow, steps: Sequence[StepLike], *, case_type: str = "") -> list[StepSpec]:
    return [s for s in workflow.steps if blocker(workflow, s, steps, case_type=case_type) is None]
