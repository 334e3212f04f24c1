"""What a workflow is: statutory steps, which may follow which, and what the steps decide.

A workflow is data plus three functions of its steps, declared once per record kind
in its own module (``request.py`` …): ``blocks`` (the kind's own rules of order),
``schedule`` (its due dates) and ``summary`` (the ledger fields the steps establish).
``blocker`` says, in Chinese, why a step may not be recorded now (or ``None``); the
actions call it before writing, the workflow panel to offer only allowed steps.
Steps are read through their ``code``, ``date``, ``result`` and ``pk`` only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..schedule import Context, DueSpec

DONE, NOT_APPLICABLE = "done", "not_applicable"
DONE_OR_NOT = ((DONE, "已开展"), (NOT_APPLICABLE, "不适用（须说明理由）"))


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


Blocks = Callable[[StepSpec, Sequence[StepLike]], "str | None"]
Schedule = Callable[[Any, Sequence[StepLike], Context], list[DueSpec]]
Summary = Callable[[Sequence[StepLike]], dict[str, Any]]


@dataclass(frozen=True)
class Workflow:
    model: type  # the ledger's model (fazhi.records): the registry looks workflows up by it
    kind: str  # that ledger's slug (fazhi.records.kinds)
    name: str
    steps: tuple[StepSpec, ...]
    blocks: Blocks  # why a step may not follow these steps, beyond the order ``requires`` sets
    schedule: Schedule  # the due dates of a record with these steps
    summary: Summary  # the ledger fields these steps establish
    summary_fields: tuple[str, ...]  # every field ``summary`` may set: read-only in the plain form
    terminal: str = ""  # nothing may be recorded after this step

    def step(self, code: str) -> StepSpec | None:
        return next((s for s in self.steps if s.code == code), None)


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
    return workflow.blocks(spec, steps)


def allowed_steps(workflow: Workflow, steps: Sequence[StepLike], *, case_type: str = "") -> list[StepSpec]:
    return [s for s in workflow.steps if blocker(workflow, s, steps, case_type=case_type) is None]


def no_blocker(spec: StepSpec, steps: Sequence[StepLike]) -> str | None:
    """For a workflow whose order is wholly said by ``requires``."""
    return None
