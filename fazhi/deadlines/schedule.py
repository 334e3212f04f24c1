"""Which due dates a record has, given its steps: the statutes of ``rules.py`` applied to a workflow.

Pure functions of the record's values, its steps (in order), the calendar, the
settings and ``today``; the actions store what they return as ``DueItem`` rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .calendar import WorkingCalendar
from .rules import Bound, Deadline, RuleSettings, compute_due, get_rule, pause_length
from .workflows import DONE, StepLike, after, correction_pending, last

OPEN, PAUSED, FINISHED = "open", "paused", "done"


@dataclass(frozen=True)
class DueSpec:
    slot: str
    rule: str
    start: dt.date
    deadline: Deadline | None  # None while the clock is stopped
    status: str
    done_on: dt.date | None = None
    bound: Bound = Bound.DEADLINE


@dataclass(frozen=True)
class Context:
    calendar: WorkingCalendar
    settings: RuleSettings
    today: dt.date

    def due(self, rule: str, start: dt.date, **options: Any) -> Deadline:
        return compute_due(rule, start, settings=self.settings, calendar=self.calendar, **options)

    def window(self, slot: str, deadline: Deadline, closed_on: dt.date | None) -> DueSpec:
        """A period that ends by itself: closed by the step that ends it, or once its last day is past."""
        if closed_on is None and deadline.due < self.today:
            closed_on = deadline.due
        status = FINISHED if closed_on else OPEN
        return DueSpec(slot, deadline.rule, deadline.start, deadline, status, closed_on, Bound.WINDOW)


def _done(done_on: dt.date | None) -> str:
    return FINISHED if done_on else OPEN


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
            DueSpec(f"third-party:{consult.pk}", limit.rule, consult.date, limit, _done(closed), closed)
        )
    extension = last(steps, "extension")
    replied = record.replied_on
    if correction_pending(steps) and not replied:
        specs.insert(0, DueSpec("reply", "disclosure-reply", start, None, PAUSED))
        return specs
    days = extension.days if extension and extension.days else None
    deadline = ctx.due("disclosure-reply", start, extension=days, paused_days=paused)
    specs.insert(0, DueSpec("reply", "disclosure-reply", start, deadline, _done(replied), replied))
    return specs


def proposal_schedule(record: Any, steps: Sequence[StepLike], ctx: Context) -> list[DueSpec]:
    """建议提案: 3 months from assignment, 6 for complex ones; a re-reply after a dissatisfied response."""
    assign = last(steps, "assign")
    start = assign.date if assign else record.date
    extended = last(steps, "extension") is not None
    deadline = ctx.due("proposal-reply", start, extended=extended)
    specs = [DueSpec("reply", "proposal-reply", start, deadline, _done(record.replied_on), record.replied_on)]
    for feedback in (s for s in steps if s.code == "feedback" and s.result == "dissatisfied"):
        again = after(steps, feedback, "rereply")
        closed = again.date if again else None
        rereply = ctx.due("proposal-rereply", feedback.date)
        specs.append(
            DueSpec(f"rereply:{feedback.pk}", rereply.rule, feedback.date, rereply, _done(closed), closed)
        )
    return specs


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


def case_schedule(record: Any, steps: Sequence[StepLike], ctx: Context) -> list[DueSpec]:
    """Cases: the defence (15 days, 行政诉讼法第六十七条) or written answer (10 working days,
    行政复议法第四十八条); after a first-instance judgment or ruling, the time to appeal (第八十五条)."""
    specs: list[DueSpec] = []
    served = last(steps, "served", "served_reconsideration")
    if served is not None:
        rule = "litigation-defence" if served.code == "served" else "reconsideration-answer"
        answered = after(steps, served, "defence", "answer")
        closed = answered.date if answered else None
        specs.append(DueSpec("defence", rule, served.date, ctx.due(rule, served.date), _done(closed), closed))
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


SCHEDULES = {
    "request": request_schedule,
    "proposal": proposal_schedule,
    "decision": decision_schedule,
    "case": case_schedule,
}
