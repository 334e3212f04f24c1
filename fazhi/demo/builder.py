"""Collects demo records per kind and writes them in bulk, each with its history row."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from simple_history.utils import bulk_create_with_history

from fazhi.records.kinds import KINDS


class Ledger:
    """``ledger.add("study", date, "主题", form=...)`` for one unit, entered by one clerk."""

    def __init__(self, unit, clerk) -> None:
        self.unit = unit
        self.clerk = clerk
        self.pending: dict[str, list] = defaultdict(list)

    def add(self, kind: str, on: date, title: str, /, **fields) -> None:
        model = KINDS[kind].model
        self.pending[kind].append(
            model(unit=self.unit, date=on, title=title, created_by=self.clerk, **fields)
        )

    def save(self) -> int:
        total = 0
        for kind, objs in self.pending.items():
            bulk_create_with_history(objs, KINDS[kind].model, batch_size=500, default_user=self.clerk)
            total += len(objs)
        self.pending.clear()
        return total
