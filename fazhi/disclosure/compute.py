"""Tables 2, 3 and 4 of a unit-year's 政府信息公开工作年度报告, computed from its records, with
the records behind every cell (each cell of the page links to them).

A request belongs to year Y when it was received by the end of Y and not answered before Y: it
is 本年新收 when received in Y, else 上年结转; its result counts when it was answered in Y, else it
is 结转下年度. So table 3's identities hold by construction, and a request counted as carried
over into Y is the one counted as carried out of Y-1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from fazhi.disclosurecheck.tables import REASONS, Tables
from fazhi.records.models import Case, DisclosureRequest, NormativeDocument

from .models import DisclosureYear

Cell = tuple[int, str, str]  # (table, row, column)


@dataclass
class Computed:
    tables: Tables
    records: dict[Cell, list] = field(default_factory=dict)  # the records behind each cell
    gaps: list[str] = field(default_factory=list)  # what the records leave open, in Chinese
    entered: DisclosureYear | None = None

    def count(self, cell: Cell, record) -> None:
        table = {2: self.tables.table2, 3: self.tables.table3, 4: self.tables.table4}[cell[0]]
        table.add(cell[1], cell[2])
        self.records.setdefault(cell, []).append(record)


def tables_for(unit_id: int, year: int) -> Computed:
    computed = Computed(Tables())
    _table3(computed, unit_id, year)
    _table4(computed, unit_id, year)
    _table2(computed, unit_id, year)
    return computed


def _table3(computed: Computed, unit_id: int, year: int) -> None:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    requests = DisclosureRequest.objects.filter(unit_id=unit_id, date__lte=end).filter(
        Q(replied_on__isnull=True) | Q(replied_on__gte=start)
    )
    unanswered_type = 0
    for request in requests.order_by("date", "pk"):
        column = request.applicant_type if request.applicant_type != "organisation" else "other_org"
        arrived = "new" if request.date >= start else "carried_in"
        for col in (column, "total"):
            computed.count((3, arrived, col), request)
        answered = request.replied_on is not None and request.replied_on <= end
        if answered and not request.reply_type:
            unanswered_type += 1
        if not answered or not request.reply_type:
            for col in (column, "total"):
                computed.count((3, "carried_out", col), request)
            continue
        rows = [request.reply_type, "results_total"]
        if REASONS.get(request.reply_type) and request.reply_reason:
            rows.append(f"{request.reply_type}.{request.reply_reason}")
        for row in rows:
            for col in (column, "total"):
                computed.count((3, row, col), request)
    if unanswered_type:
        computed.gaps.append(
            f"有{unanswered_type}件申请已填答复日期但未填答复类型，暂计入“结转下年度继续办理”。"
        )


def _table4(computed: Computed, unit_id: int, year: int) -> None:
    cases = Case.objects.filter(unit_id=unit_id, date__year=year, about_disclosure=True).order_by(
        "date", "pk"
    )
    for case in cases:
        if case.case_type == Case.Type.RECONSIDERATION:
            group = "reconsideration"
        else:
            group = "suit_after" if case.after_reconsideration else "direct_suit"
        for outcome in (case.outcome, "total"):
            computed.count((4, "cases", f"{group}.{outcome}"), case)


def _table2(computed: Computed, unit_id: int, year: int) -> None:
    table = computed.tables.table2
    docs = NormativeDocument.objects.filter(unit_id=unit_id, date__year=year).order_by("date", "pk")
    for doc in docs:
        if doc.action == NormativeDocument.Action.PUBLISHED:
            computed.count((2, "normdocs", "issued"), doc)
        elif doc.action == NormativeDocument.Action.REPEALED:
            computed.count((2, "normdocs", "repealed"), doc)
    entered = DisclosureYear.objects.filter(unit_id=unit_id, year=year).first()
    computed.entered = entered
    if entered is None:
        computed.gaps.append(f"尚未填报{year}年规章、现行有效文件件数和行政许可、处罚、强制、收费数据。")
        return
    table.set("rules", "issued", entered.rules_issued)
    table.set("rules", "repealed", entered.rules_repealed)
    table.set("rules", "in_force", entered.rules_in_force)
    if entered.normdocs_in_force is None:
        computed.gaps.append("尚未填报行政规范性文件现行有效件数。")
    else:
        table.set("normdocs", "in_force", entered.normdocs_in_force)
    table.set("permits", "decisions", entered.permits)
    table.set("penalties", "decisions", entered.penalties)
    table.set("enforcement", "decisions", entered.enforcement)
    table.set("fees", "amount", Decimal(entered.fees).normalize() if entered.fees else 0)
