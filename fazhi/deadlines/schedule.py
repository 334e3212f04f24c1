"""What a workflow's schedule returns: the due dates of a record, given its steps.

Each workflow (``workflows/<kind>.py``) has a pure ``schedule(record, steps, ctx)``
applying the statutes of ``rules.py`` through ``Context``; the actions store what it
returns as ``DueItem`` rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .calendar import WorkingCalendar
from .rules import Bound, Deadline, RuleSettings, compute_due

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


def status_of(done_on: dt.date | None) -> str:
    return FINISHED if done_on else OPEN
