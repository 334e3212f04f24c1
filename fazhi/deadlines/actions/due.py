"""Stored due dates: computed from a record and its steps, claimed when they pass, rebuilt in bulk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from fazhi.lib.history import attributed as _attributed
from fazhi.lib.history import person, save_changes
from fazhi.orgs.access import Need, door
from fazhi.records.models import Record

from .. import schedule as sched
from ..calendar_db import current_calendar, rule_settings
from ..models import DueItem, WorkflowStep
from ..queries import steps_in_recorded_order
from ..workflows import WORKFLOWS, workflow_for
from ._common import _today


@transaction.atomic
def sync_record_deadlines(record: Record, *, acting_user=None, today: dt.date | None = None) -> list[DueItem]:
    """Recompute and store the record's due items from the record and its steps (idempotent).

    Not an action of its own: the consequence of one (a record or step written, a
    calendar year changed, a due date passed), called by those actions after their door.
    """
    workflow = workflow_for(record)
    if workflow is None:
        return []
    today = _today(today)
    context = sched.Context(current_calendar(), rule_settings(), today)
    specs = workflow.schedule(record, steps_in_recorded_order(record), context)
    ct = ContentType.objects.get_for_model(record)
    existing = {i.slot: i for i in DueItem.objects.filter(content_type=ct, object_id=record.pk)}
    items = []
    for spec in specs:
        item = existing.pop(spec.slot, None) or DueItem(content_type=ct, object_id=record.pk, slot=spec.slot)
        save_changes(item, _item_values(record, spec, item, today), acting_user)
        items.append(item)
    for stale in existing.values():
        _attributed(stale, acting_user).delete()
    _mark_on_time(record, items, today, acting_user)
    return items


def _item_values(record: Record, spec: sched.DueSpec, item: DueItem, today: dt.date) -> dict[str, Any]:
    deadline = spec.deadline
    due_on = deadline.due if deadline else None
    still_overdue = due_on is not None and due_on < today
    return {
        "unit_id": record.unit_id,
        "rule": spec.rule,
        "bound": spec.bound,
        "start": spec.start,
        "due_on": due_on,
        "provisional": bool(deadline and deadline.provisional),
        "unknown_years": ",".join(map(str, deadline.unknown_years)) if deadline else "",
        "status": spec.status,
        "done_on": spec.done_on,
        "overdue_since": item.overdue_since if still_overdue else None,
    }


def _mark_on_time(record: Record, items: list[DueItem], today: dt.date, acting_user) -> None:
    if not hasattr(record, "replied_on_time"):
        return
    value = _on_time(record, items, today)
    if record.replied_on_time != value:
        record.replied_on_time = value
        # Not "updated_at": a derived flag is not an edit of the ledger (history still records it).
        _attributed(record, acting_user).save(update_fields=["replied_on_time"])


def _on_time(record: Record, items: list[DueItem], today: dt.date) -> bool | None:
    """``replied_on_time`` of a request or proposal: answered by the due date; late, answered or not;
    ``None`` while it is not yet due."""
    reply = next((i for i in items if i.slot == "reply"), None)
    if reply is None or reply.due_on is None:
        return None
    if record.replied_on:
        return record.replied_on <= reply.due_on
    return False if reply.due_on < today else None


@transaction.atomic
def forget_record_deadlines(record: Record, *, acting_user) -> None:
    """Before a record is deleted: its steps and due items go too (their history rows stay)."""
    ct = ContentType.objects.get_for_model(record)
    for model in (DueItem, WorkflowStep):
        for row in model.objects.filter(content_type=ct, object_id=record.pk):
            _attributed(row, acting_user).delete()


def process_one_due_item(*, today: dt.date) -> bool:
    """Claim one item that has just gone past its due date and bring its record up to date.

    The conditional UPDATE is the claim: two runners never process the same item, and
    a rerun finds nothing left to do. Returns False when there was nothing to claim.
    """
    candidate = (
        DueItem.objects.filter(status=DueItem.Status.OPEN, due_on__lt=today, overdue_since__isnull=True)
        .order_by("due_on", "id")
        .first()
    )
    if candidate is None:
        return False
    claimed = DueItem.objects.filter(pk=candidate.pk, status=DueItem.Status.OPEN, overdue_since__isnull=True)
    if claimed.update(overdue_since=today):
        with transaction.atomic():
            candidate.refresh_from_db()
            DueItem.history.bulk_history_create([candidate], update=True, default_change_reason="逾期登记")
            record = candidate.record
            if record is not None:
                sync_record_deadlines(record, today=today)
    return True


@door(Need.ADMINISTER)
@transaction.atomic
def do_sync_all_deadlines(*, acting_user, today: dt.date | None = None, since: dt.date | None = None) -> int:
    """Create or refresh the due items of every record with a workflow (after an import or an upgrade).

    Records with neither steps nor stored items yet are done in bulk: a first run over
    years of ledgers takes seconds, not minutes.
    """
    today = _today(today)
    context = sched.Context(current_calendar(), rule_settings(), today)
    count = 0
    for workflow in WORKFLOWS:
        model = workflow.model
        ct = ContentType.objects.get_for_model(model)
        records = model.objects.all() if since is None else model.objects.filter(date__gte=since)
        known = set(WorkflowStep.objects.filter(content_type=ct).values_list("object_id", flat=True))
        known |= set(DueItem.objects.filter(content_type=ct).values_list("object_id", flat=True))
        fresh = []
        for record in records.iterator():
            if record.pk in known:
                sync_record_deadlines(record, acting_user=acting_user, today=today)
            else:
                fresh.append(record)
        _create_in_bulk(fresh, ct, workflow.schedule, context, acting_user)
        count += len(fresh) + len(known)
    return count


def _create_in_bulk(
    records: list[Record], ct: ContentType, schedule, context: sched.Context, acting_user
) -> None:
    items, late = [], []
    for record in records:
        own = []
        for spec in schedule(record, [], context):
            item = DueItem(content_type=ct, object_id=record.pk, slot=spec.slot)
            for name, value in _item_values(record, spec, item, context.today).items():
                setattr(item, name, value)
            own.append(item)
        items += own
        value = _on_time(record, own, context.today)
        if hasattr(record, "replied_on_time") and record.replied_on_time != value:
            record.replied_on_time = value
            late.append(record)
    bulk_create_with_history(items, DueItem, batch_size=500, default_user=person(acting_user))
    if late:
        bulk_update_with_history(
            late, type(late[0]), ["replied_on_time"], batch_size=500, default_user=person(acting_user)
        )
