"""Figures of a unit-year (or of many units at once), computed from the ledgers by
the declarations of the indicator catalogue. The only place that turns a
``Count``/``Sum``/``Average``/``Ratio`` into database queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count as CountAgg
from django.db.models import QuerySet
from django.db.models import Sum as SumAgg

from fazhi.indicators import INDICATORS, Average, Count, Indicator, Ratio, Sum

from .kinds import KINDS

Number = int | float


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    value: Number | None  # None: not applicable (a rate over no records)

    @property
    def display(self) -> str:
        if self.value is None:
            return "—"
        return f"{self.value}{self.indicator.unit}"

    def as_json(self) -> dict:
        i = self.indicator
        return {"indicator": i.code, "name": i.name, "value": self.value, "unit": i.unit}


def records_for(kind: str, unit_ids: Iterable[int], year: int, where: dict | None = None) -> QuerySet:
    """The records behind a computation: the unit(s), the year, the filter."""
    model = KINDS[kind].model
    return model.objects.filter(unit_id__in=list(unit_ids), date__year=year, **(where or {}))


def records_for_indicator(indicator: Indicator, unit_id: int, year: int) -> QuerySet:
    """The records a figure was computed from (for a rate: the records it is a rate of)."""
    c = indicator.compute
    base = c.denominator if isinstance(c, Ratio) else c
    return records_for(base.kind, [unit_id], year, dict(base.where))


def _clean(value: Number | Decimal | None, decimals: int) -> Number | None:
    if value is None:
        return None
    value = round(float(value), decimals)
    return int(value) if value.is_integer() else value


def _per_unit(computation, unit_ids: list[int], year: int) -> dict[int, Number | None]:
    if isinstance(computation, Ratio):
        num = _per_unit(computation.numerator, unit_ids, year)
        den = _per_unit(computation.denominator, unit_ids, year)
        return {u: (100 * num[u] / den[u] if den[u] else None) for u in unit_ids}
    qs = records_for(computation.kind, unit_ids, year, dict(computation.where))
    if isinstance(computation, Count):
        rows = qs.values("unit_id").annotate(v=CountAgg("id")).values_list("unit_id", "v")
        found = dict(rows)
        return {u: found.get(u, 0) for u in unit_ids}
    if isinstance(computation, Sum):
        rows = qs.values("unit_id").annotate(v=SumAgg(computation.field)).values_list("unit_id", "v")
        found = dict(rows)
        return {u: found.get(u) or 0 for u in unit_ids}
    if isinstance(computation, Average):
        return _average(qs, computation, unit_ids)
    raise TypeError(f"unknown computation {computation!r}")


def _average(qs: QuerySet, c: Average, unit_ids: list[int]) -> dict[int, Number | None]:
    # Few rows (exams): weighting in Python is clearer than a cross-database expression.
    totals: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    fields = ["unit_id", c.field] + ([c.weight] if c.weight else [])
    for row in qs.exclude(**{f"{c.field}__isnull": True}).values_list(*fields):
        weight = Decimal(row[2]) if c.weight else Decimal(1)
        totals[row[0]][0] += Decimal(row[1]) * weight
        totals[row[0]][1] += weight
    return {u: (totals[u][0] / totals[u][1] if totals[u][1] else None) for u in unit_ids}


def compute_unit_figures(
    unit_ids: Iterable[int], year: int, indicators: Iterable[Indicator] = INDICATORS
) -> dict[int, list[Figure]]:
    unit_ids = list(unit_ids)
    result: dict[int, list[Figure]] = {u: [] for u in unit_ids}
    for indicator in indicators:
        values = _per_unit(indicator.compute, unit_ids, year)
        for u in unit_ids:
            result[u].append(Figure(indicator, _clean(values[u], indicator.decimals)))
    return result


def compute_figures(unit_id: int, year: int, indicators: Iterable[Indicator] = INDICATORS) -> list[Figure]:
    return compute_unit_figures([unit_id], year, indicators)[unit_id]


def figures_by_code(unit_id: int, year: int) -> dict[str, Number | None]:
    return {f.indicator.code: f.value for f in compute_figures(unit_id, year)}
