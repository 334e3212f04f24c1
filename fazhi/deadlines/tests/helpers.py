"""Shared setup for the deadlines tests: records made through the records app's own action."""

from __future__ import annotations

from datetime import date

from fazhi.deadlines.actions import do_record_step, sync_record_deadlines
from fazhi.deadlines.models import DueItem
from fazhi.deadlines.queries import list_due_items_for_record
from fazhi.records.actions import do_create_record
from fazhi.records.kinds import KINDS
from fazhi.testing import BaseTestCase

D = date


class DeadlinesTestCase(BaseTestCase):
    today = D(2025, 12, 31)

    def make(self, slug: str, unit, on: date, title: str = "测试", /, *, user=None, **fields):
        user = user or self.clerk_of(unit)
        record = do_create_record(
            KINDS[slug], unit=unit, data={"date": on, "title": title, **fields}, acting_user=user
        )
        sync_record_deadlines(record, acting_user=user, today=self.today)
        return record

    def request(self, unit, received: date, **fields):
        fields.setdefault("applicant_type", "person")
        return self.make("request", unit, received, "申请公开某项目审批文件", **fields)

    def step(self, record, code: str, on: date, *, user=None, today: date | None = None, **data):
        return do_record_step(
            record,
            code=code,
            data={"date": on, **data},
            acting_user=user or self.clerk_of(record.unit),
            today=today or self.today,
        )

    def item(self, record, slot: str = "reply") -> DueItem:
        return next(i for i in list_due_items_for_record(record) if i.slot == slot)

    def due(self, record, slot: str = "reply") -> date | None:
        return self.item(record, slot).due_on
