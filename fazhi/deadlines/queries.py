"""Reads for workflows and due dates: a record's steps and due items, and what a user sees due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from fazhi.orgs.access import scope_for
from fazhi.orgs.models import Unit
from fazhi.records.models import Record

from .calendar_db import current_calendar
from .models import DueItem, WorkflowStep
from .rules import Bound
from .workflows import workflow_for

DUE_SOON_WORKING_DAYS = 7


def _of_record(model, record: Record):
    return model.objects.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)


def steps_in_recorded_order(record: Record) -> list[WorkflowStep]:
    """The record's steps in the order they were recorded: the order the workflow rules read."""
    return list(_of_record(WorkflowStep, record).order_by("id"))


def fields_set_by_steps(record: Record) -> frozenset[str]:
    """The ledger fields a record's workflow steps establish, once it has steps: not for the plain form."""
    workflow = workflow_for(record)
    if workflow is None or record.pk is None or not _of_record(WorkflowStep, record).exists():
        return frozenset()
    return frozenset(workflow.summary_fields)


def list_steps_for_record(record: Record) -> list[WorkflowStep]:
    return list(
        _of_record(WorkflowStep, record)
        .select_related("recorded_by")
        .prefetch_related("attachments")
        .order_by("date", "id")
    )


def list_due_items_for_record(record: Record) -> list[DueItem]:
    return list(_of_record(DueItem, record).order_by("status", "due_on", "id"))


@dataclass
class UnitDue:
    unit: Unit
    overdue: int
    due_soon: int


@dataclass
class DueOverview:
    today: dt.date
    horizon: dt.date  # the 7th working day after today
    overdue: list[DueItem] = field(default_factory=list)
    due_soon: list[DueItem] = field(default_factory=list)
    overdue_count: int = 0
    due_soon_count: int = 0
    per_unit: list[UnitDue] = field(default_factory=list)  # supervisors and admins only

    @property
    def empty(self) -> bool:
        return not (self.overdue_count or self.due_soon_count)


def list_due_items_for_user(user, *, today: dt.date, limit: int | None = None) -> DueOverview:
    """Overdue items and items due within 7 working days, in the user's scope.

    A clerk or head sees their own unit; a supervisor every unit of its region (with
    counts per unit); nobody else sees anything.
    """
    scope = scope_for(user)
    horizon = current_calendar().add_working_days(today, DUE_SOON_WORKING_DAYS).date
    base = DueItem.objects.filter(status=DueItem.Status.OPEN, unit_id__in=scope.readable)
    overdue_q = Q(due_on__lt=today, bound=Bound.DEADLINE)
    soon_q = Q(due_on__gte=today, due_on__lte=horizon)
    overview = DueOverview(today, horizon)
    overview.overdue = _with_records(base.filter(overdue_q), limit)
    overview.due_soon = _with_records(base.filter(soon_q), limit)
    overview.overdue_count = base.filter(overdue_q).count()
    overview.due_soon_count = base.filter(soon_q).count()
    if scope.is_supervisor or scope.is_admin:
        overview.per_unit = _per_unit(base, overdue_q, soon_q)
    return overview


def _with_records(qs, limit: int | None) -> list[DueItem]:
    qs = qs.select_related("unit", "content_type").prefetch_related("record").order_by("due_on", "id")
    # A ledger record or anything else with due dates (a campaign's participant): each says
    # its own link (get_absolute_url) and subject (due_subject).
    items = [i for i in (qs[:limit] if limit else qs) if i.record is not None]
    return items


def _per_unit(base, overdue_q: Q, soon_q: Q) -> list[UnitDue]:
    rows = (
        base.values("unit_id")
        .annotate(overdue=Count("id", filter=overdue_q), soon=Count("id", filter=soon_q))
        .filter(Q(overdue__gt=0) | Q(soon__gt=0))
    )
    counts = {r["unit_id"]: r for r in rows}
    units = Unit.objects.filter(pk__in=counts).order_by("name")
    table = [UnitDue(u, counts[u.pk]["overdue"], counts[u.pk]["soon"]) for u in units]
    return sorted(table, key=lambda row: (-row.overdue, -row.due_soon, row.unit.name))
