"""Figures of a unit-year (or of many units at once), and of a region (its units taken
together), computed from the ledgers by the declarations of the indicator catalogue. The only
place that turns a ``Count``/``Sum``/``Average``/``Ratio`` into database queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models import Count as CountAgg
from django.db.models import Sum as SumAgg

from fazhi.indicators import INDICATORS, Average, Count, Indicator, Ratio, Sum
from fazhi.indicators.spec import Computation

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


def records_for(
    kind: str, unit_ids: Iterable[int], year: int, where: dict | None = None, dated_by: str = "date"
) -> QuerySet:
    """The records behind a computation: the unit(s), the year (of its ``dated_by`` date), the filter."""
    model = KINDS[kind].model
    return model.objects.filter(unit_id__in=list(unit_ids), **{f"{dated_by}__year": year}, **(where or {}))


def records_for_indicator(indicator: Indicator, unit_id: int, year: int) -> QuerySet:
    """The records a figure was computed from (for a rate: the records it is a rate of)."""
    c = indicator.compute
    base = c.denominator if isinstance(c, Ratio) else c
    return records_for(base.kind, [unit_id], year, dict(base.where), getattr(base, "dated_by", "date"))


def _clean(value: Number | Decimal | None, decimals: int) -> Number | None:
    if value is None:
        return None
    value = round(float(value), decimals)
    return int(value) if value.is_integer() else value


@dataclass(frozen=True)
class Tally:
    """What a figure is made of, so that the figures of units add up to their region's.

    A count or a sum is its ``amount``; an average is ``amount`` (the weighted total) over
    ``base`` (the total weight); a rate is ``amount`` (the numerator) over ``base`` (the
    denominator). Tallies add, values do not: a region's rate is the sum of its units'
    numerators over the sum of their denominators, never the mean of their rates.
    """

    amount: int | Decimal = 0
    base: int | Decimal = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.amount + other.amount, self.base + other.base)


NOTHING = Tally()


def value_of(computation: Computation, tally: Tally) -> Number | Decimal | None:
    """The figure a tally makes: the amount itself, or a mean or a rate (undefined over nothing)."""
    if isinstance(computation, Ratio):
        return 100 * tally.amount / tally.base if tally.base else None
    if isinstance(computation, Average):
        return tally.amount / tally.base if tally.base else None
    return tally.amount


# A tally's key: (the unit, or ``None`` for all the units together; the year).
Key = tuple[int | None, int]
# The units to compute over: their ids, or a query of their ids (``values_list("pk", flat=True)``).
Units = Iterable[int] | QuerySet


def _column(c: Count | Sum) -> CountAgg | SumAgg:
    """A count or a sum as one aggregate column, its filter a ``FILTER (WHERE ...)``."""
    where = Q(**dict(c.where)) if c.where else None
    return CountAgg("id", filter=where) if isinstance(c, Count) else SumAgg(c.field, filter=where)


class _Tallies:
    """Many units and years at once, grouped by unit or over all the units, and by year. One query
    per record kind: each count or sum of the kind is a filtered column (``prepare``); averages,
    weighted record by record, one query each. Indicators share computations: each is asked once."""

    def __init__(self, unit_ids: Units, years: Iterable[int], *, per_unit: bool) -> None:
        # A query of unit ids stays a subquery: a thousand ids are not compiled into every query.
        self.unit_ids = unit_ids if isinstance(unit_ids, QuerySet) else list(unit_ids)
        self.years = sorted(set(years))
        self.per_unit = per_unit
        self._done: dict[str, dict[Key, Tally]] = {}

    def prepare(self, computations: Iterable[Computation]) -> None:
        """Ask for every count and sum of these computations at once, one query per record kind."""
        by_kind: dict[tuple[str, str], dict[str, Count | Sum]] = defaultdict(dict)
        for c in computations:
            for part in (c.numerator, c.denominator) if isinstance(c, Ratio) else (c,):
                if not isinstance(part, Average) and repr(part) not in self._done:
                    by_kind[part.kind, part.dated_by][repr(part)] = part
        for (kind, dated_by), parts in by_kind.items():
            self._done |= self._counts_and_sums(kind, parts, dated_by)

    def of(self, computation: Computation) -> dict[Key, Tally]:
        """Every non-empty tally of the computation; a missing key is ``NOTHING``."""
        if isinstance(computation, Ratio):
            num, den = self.of(computation.numerator), self.of(computation.denominator)
            return {
                k: Tally(num.get(k, NOTHING).amount, den.get(k, NOTHING).amount)
                for k in num.keys() | den.keys()
            }
        memo = repr(computation)  # frozen declarations: equal computations, equal repr
        if memo not in self._done:
            if isinstance(computation, Average):
                self._done[memo] = self._average(computation)
            else:
                self._done |= self._counts_and_sums(
                    computation.kind, {memo: computation}, computation.dated_by
                )
        return self._done[memo]

    def _records(self, kind: str, dated_by: str = "date") -> QuerySet:
        model = KINDS[kind].model
        return model.objects.filter(
            unit_id__in=self.unit_ids,
            **{f"{dated_by}__year__gte": self.years[0], f"{dated_by}__year__lte": self.years[-1]},
        )

    def _counts_and_sums(
        self, kind: str, parts: dict[str, Count | Sum], dated_by: str = "date"
    ) -> dict[str, dict[Key, Tally]]:
        # A filtered aggregate per computation, grouped by the year (a CASE over date ranges:
        # no per-row date function, the same SQL on SQLite and PostgreSQL) and by unit.
        columns = {f"c{index}": _column(c) for index, c in enumerate(parts.values())}
        group = ["unit_id"] if self.per_unit else []
        qs = self._records(kind, dated_by).order_by()
        if len(self.years) > 1:
            year = Case(
                *(When(**{f"{dated_by}__year": y}, then=Value(y)) for y in self.years),
                output_field=IntegerField(),
            )
            qs = qs.annotate(record_year=year)
            group.append("record_year")
        if group:
            rows = list(qs.values(*group).annotate(**columns).values_list(*group, *columns))
        else:
            rows = [tuple(qs.aggregate(**columns).values())]
        result: dict[str, dict[Key, Tally]] = {memo: {} for memo in parts}
        for row in rows:
            unit = row[0] if self.per_unit else None
            year = row[len(group) - 1] if len(self.years) > 1 else self.years[0]
            for memo, amount in zip(parts, row[len(group) :], strict=True):
                result[memo][(unit, year)] = Tally(amount or 0)
        return result

    def _average(self, c: Average) -> dict[Key, Tally]:
        # Few rows (exams): weighting in Python is clearer than a cross-database expression.
        qs = self._records(c.kind).filter(**dict(c.where))
        totals: dict[Key, Tally] = defaultdict(Tally)
        fields = ["unit_id", "date", c.field] + ([c.weight] if c.weight else [])
        for row in qs.exclude(**{f"{c.field}__isnull": True}).values_list(*fields):
            value = Decimal(row[2])
            weight = Decimal(row[3]) if c.weight else Decimal(1)
            key = (row[0] if self.per_unit else None, row[1].year)
            totals[key] += Tally(value * weight, weight)
        return dict(totals)


def compute_unit_figures(
    unit_ids: Units, year: int, indicators: Iterable[Indicator] = INDICATORS
) -> dict[int, list[Figure]]:
    ids = list(unit_ids)
    indicators = list(indicators)
    tallies = _Tallies(unit_ids if isinstance(unit_ids, QuerySet) else ids, [year], per_unit=True)
    tallies.prepare(i.compute for i in indicators)
    result: dict[int, list[Figure]] = {u: [] for u in ids}
    for indicator in indicators:
        found = tallies.of(indicator.compute)
        for u in ids:
            value = value_of(indicator.compute, found.get((u, year), NOTHING))
            result[u].append(Figure(indicator, _clean(value, indicator.decimals)))
    return result


@dataclass(frozen=True)
class RegionFigure(Figure):
    """A figure of many units together, with what it is made of (a rate's numerator and denominator)."""

    tally: Tally = NOTHING


def compute_region_years(
    unit_ids: Units, years: Iterable[int], indicators: Iterable[Indicator] = INDICATORS
) -> dict[int, list[RegionFigure]]:
    """The figures of the units taken together, for each year: counts and sums added up, rates
    recomputed from the summed numerators and denominators, averages weighted over all the
    records. One query per record kind (and per average), whatever the number of units and years."""
    years = sorted(set(years))
    indicators = list(indicators)
    tallies = _Tallies(unit_ids, years, per_unit=False)
    tallies.prepare(i.compute for i in indicators)
    result: dict[int, list[RegionFigure]] = {y: [] for y in years}
    for indicator in indicators:
        found = tallies.of(indicator.compute)
        for y in years:
            tally = found.get((None, y), NOTHING)
            value = _clean(value_of(indicator.compute, tally), indicator.decimals)
            result[y].append(RegionFigure(indicator, value, tally))
    return result


def compute_region_figures(
    unit_ids: Units, year: int, indicators: Iterable[Indicator] = INDICATORS
) -> list[RegionFigure]:
    """The figures of a region-year over its units (``compute_region_years`` for one year)."""
    return compute_region_years(unit_ids, [year], indicators)[year]


def compute_figures(unit_id: int, year: int, indicators: Iterable[Indicator] = INDICATORS) -> list[Figure]:
    return compute_unit_figures([unit_id], year, indicators)[unit_id]


def figures_by_code(unit_id: int, year: int) -> dict[str, Number | None]:
    return {f.indicator.code: f.value for f in compute_figures(unit_id, year)}
