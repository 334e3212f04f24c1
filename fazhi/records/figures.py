"""Figures of a unit-year (or of many units at once), and of a region (its units taken
together), computed from the ledgers by the declarations of the indicator catalogue. The only
place that turns a ``Count``/``Sum``/``Average``/``Ratio`` into database queries.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal, TypeVar

from django.core.cache import cache
from django.db.models import Case, DecimalField, ExpressionWrapper, F, IntegerField, Q, QuerySet, Value, When
from django.db.models import Count as CountAgg
from django.db.models import Sum as SumAgg

from fazhi.indicators import INDICATORS, Average, Count, Indicator, Ratio, Sum
from fazhi.indicators.spec import Computation
from fazhi.orgs.models import Unit

from .kinds import KINDS
from .models.stamp import stamp_of

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
    if value is None or type(value) is int:  # a count (most figures): nothing to round
        return value
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


Amount = int | Decimal
# A tally's key: (the unit, the unit's region, or ``None`` for all the units together; the year).
Key = tuple[int | None, int]


@dataclass(frozen=True)
class RegionUnits:
    """The units of some regions (not the supervising offices): the records are joined to their
    unit and filtered by its region, so a region of a thousand units is never a list of their ids."""

    region_ids: frozenset[int]

    @classmethod
    def of(cls, region) -> RegionUnits:
        """A region and the regions below it (``orgs.queries.units_of_region``'s units)."""
        return cls(frozenset(region.descendant_ids()))

    def units(self) -> QuerySet[Unit]:
        units = Unit.objects.filter(region_id__in=self.region_ids, is_supervisor_office=False)
        return units.order_by("region_id", "id")


# The units to compute over: their ids, a query of their ids (``values_list("pk", flat=True)``),
# or the units of some regions.
Units = Iterable[int] | QuerySet | RegionUnits
Group = Literal["unit", "region", "all"]
G = TypeVar("G")


def _parts(c: Count | Sum | Average) -> list[SumAgg | CountAgg]:
    """A computation as aggregate columns, each filtered (``FILTER (WHERE ...)``, or a ``CASE``
    where the database has no ``FILTER``): a count or a sum one column (its amount), an average
    two (its weighted total and its total weight, over the records where the value is entered)."""
    where = Q(**dict(c.where))
    if isinstance(c, Count):
        return [CountAgg("id", filter=where or None)]
    if isinstance(c, Sum):
        return [SumAgg(c.field, filter=where or None)]
    where &= Q(**{f"{c.field}__isnull": False})
    if c.weight is None:
        return [SumAgg(c.field, filter=where), CountAgg(c.field, filter=where)]
    where &= Q(**{f"{c.weight}__isnull": False})
    # Exact on PostgreSQL (numeric); on SQLite a float sum, quantized back to the cents (as before).
    weighted = ExpressionWrapper(
        F(c.field) * F(c.weight), output_field=DecimalField(max_digits=30, decimal_places=6)
    )
    return [SumAgg(weighted, filter=where), SumAgg(c.weight, filter=where)]


class _Tallies:
    """Many units and years at once, grouped by unit, by the units' region or over all the units,
    and by year. One query per record kind (and dating field): each count, sum and weighted
    average of the kind is a filtered column (``prepare``). Indicators share computations: each is
    asked once."""

    def __init__(self, units: Units, years: Iterable[int], *, group: Group) -> None:
        # A query of unit ids stays a subquery; the units of regions are a join on the unit, but
        # for figures unit by unit a subquery of their ids (SQLite then reads the records in the
        # order of the unit index and groups them as they come, with no temporary B-tree).
        if isinstance(units, RegionUnits) and group == "unit":
            self.unit_filter = {"unit_id__in": units.units().values("pk")}
        elif isinstance(units, RegionUnits):
            self.unit_filter = {
                "unit__region_id__in": sorted(units.region_ids),
                "unit__is_supervisor_office": False,
            }
        else:
            self.unit_filter = {"unit_id__in": units if isinstance(units, QuerySet) else list(units)}
        self.years = sorted(set(years))
        self.group = group
        # Each computation's non-zero amounts (a count's or a sum's: plain numbers, which the
        # garbage collector does not track, a thousand units a kind; an average's: tallies).
        self._done: dict[str, dict[Key, Amount | Tally]] = {}

    def prepare(self, computations: Iterable[Computation]) -> None:
        """Ask for every count, sum and average of these computations at once, one query per kind."""
        by_kind: dict[tuple[str, str], dict[str, Count | Sum | Average]] = defaultdict(dict)
        for c in computations:
            for part in (c.numerator, c.denominator) if isinstance(c, Ratio) else (c,):
                if repr(part) not in self._done:
                    by_kind[part.kind, getattr(part, "dated_by", "date")][repr(part)] = part
        for (kind, dated_by), parts in by_kind.items():
            self._done |= self._tally(kind, parts, dated_by)

    def of(self, computation: Computation) -> dict[Key, Tally]:
        """Every non-empty tally of the computation; a missing key is ``NOTHING``."""
        if isinstance(computation, Ratio):
            num, den = self.raw(computation.numerator), self.raw(computation.denominator)
            return {k: Tally(num.get(k, 0), den.get(k, 0)) for k in num.keys() | den.keys()}  # type: ignore[arg-type]
        if isinstance(computation, Average):
            return self.raw(computation)  # type: ignore[return-value]
        return {k: Tally(a) for k, a in self.raw(computation).items()}  # type: ignore[arg-type]

    def raw(self, computation: Count | Sum | Average) -> dict[Key, Amount | Tally]:
        """The computation's non-zero amounts: a count's or a sum's, or an average's tallies."""
        memo = repr(computation)  # frozen declarations: equal computations, equal repr
        if memo not in self._done:
            dated_by = getattr(computation, "dated_by", "date")
            self._done |= self._tally(computation.kind, {memo: computation}, dated_by)
        return self._done[memo]

    def _tally(
        self, kind: str, parts: dict[str, Count | Sum | Average], dated_by: str
    ) -> dict[str, dict[Key, Amount | Tally]]:
        # Grouped by the year (a CASE over date ranges: no per-row date function, the same SQL
        # on SQLite and PostgreSQL, and the (unit, date) index bounds the rows read) and by the
        # unit or its region.
        columns: dict[str, SumAgg | CountAgg] = {}
        shapes: list[tuple[dict[Key, Amount | Tally], list[int]]] = []  # where each part goes, its columns
        result: dict[str, dict[Key, Amount | Tally]] = {memo: {} for memo in parts}
        for memo, part in parts.items():
            at = []
            for column in _parts(part):
                at.append(len(columns))
                columns[f"c{len(columns)}"] = column
            shapes.append((result[memo], at))
        first, last = date(self.years[0], 1, 1), date(self.years[-1], 12, 31)
        model = KINDS[kind].model
        qs = model.objects.filter(**self.unit_filter, **{f"{dated_by}__range": (first, last)}).order_by()
        group = {"unit": ["unit_id"], "region": ["unit__region_id"], "all": []}[self.group]
        if len(self.years) > 1:
            year = Case(
                *(
                    When(**{f"{dated_by}__range": (date(y, 1, 1), date(y, 12, 31))}, then=Value(y))
                    for y in self.years
                ),
                output_field=IntegerField(),
            )
            qs = qs.annotate(record_year=year)
            group = [*group, "record_year"]
        if group:
            rows = list(qs.values(*group).annotate(**columns).values_list(*group, *columns))
        else:
            rows = [tuple(qs.aggregate(**columns).values())]
        width = len(group)
        columns_of_rows = list(zip(*rows, strict=True)) if rows else [()] * (width + len(columns))
        whos = columns_of_rows[0] if width and self.group != "all" else [None] * len(rows)
        years = columns_of_rows[width - 1] if len(self.years) > 1 else [self.years[0]] * len(rows)
        keys = list(zip(whos, years, strict=True))
        amounts = columns_of_rows[width:]
        for tallies, at in shapes:
            if len(at) == 1:
                tallies.update({k: a for k, a in zip(keys, amounts[at[0]], strict=True) if a})
            else:
                for k, *values in zip(keys, *(amounts[i] for i in at), strict=True):
                    if any(values):
                        tallies[k] = Tally(*(v or 0 for v in values))
        return result


def _unit_ids(units: Units) -> list[int]:
    if isinstance(units, RegionUnits):
        return list(units.units().values_list("pk", flat=True))
    return list(units)


def compute_unit_figures(
    unit_ids: Units, year: int, indicators: Iterable[Indicator] = INDICATORS
) -> dict[int, list[Figure]]:
    """Each unit's figures of the year (in the order of ``unit_ids``): one query per record kind."""
    ids = _unit_ids(unit_ids)
    indicators = list(indicators)
    tallies = _Tallies(
        unit_ids if isinstance(unit_ids, QuerySet | RegionUnits) else ids, [year], group="unit"
    )
    tallies.prepare(i.compute for i in indicators)
    result: dict[int, list[Figure]] = {u: [] for u in ids}
    for indicator in indicators:
        c, decimals = indicator.compute, indicator.decimals
        nothing = Figure(indicator, _clean(value_of(c, NOTHING), decimals))  # 0, or None for a rate
        # A thousand units: the amounts themselves, a rate straight from its numerator's and
        # denominator's, and one figure for each distinct value (units share most).
        found = tallies.raw(c.denominator if isinstance(c, Ratio) else c)
        over = tallies.raw(c.numerator) if isinstance(c, Ratio) else {}
        made: dict[object, Figure] = {}
        for u in ids:
            amount = found.get((u, year))
            if amount is None:
                result[u].append(nothing)
                continue
            memo = (over.get((u, year), 0), amount) if isinstance(c, Ratio) else amount
            figure = made.get(memo)
            if figure is None:
                if isinstance(c, Ratio):
                    value = value_of(c, Tally(over.get((u, year), 0), amount))  # type: ignore[arg-type]
                else:
                    value = value_of(c, amount if isinstance(amount, Tally) else Tally(amount))
                figure = made[memo] = Figure(indicator, _clean(value, decimals))
            result[u].append(figure)
    return result


@dataclass(frozen=True)
class RegionFigure(Figure):
    """A figure of many units together, with what it is made of (a rate's numerator and denominator)."""

    tally: Tally = NOTHING


def _region_figure(indicator: Indicator, tally: Tally) -> RegionFigure:
    return RegionFigure(indicator, _clean(value_of(indicator.compute, tally), indicator.decimals), tally)


def compute_region_years(
    unit_ids: Units, years: Iterable[int], indicators: Iterable[Indicator] = INDICATORS
) -> dict[int, list[RegionFigure]]:
    """The figures of the units taken together, for each year: counts and sums added up, rates
    recomputed from the summed numerators and denominators, averages weighted over all the
    records. One query per record kind (and dating field), whatever the number of units and years."""
    years = sorted(set(years))
    indicators = list(indicators)
    tallies = _Tallies(unit_ids, years, group="all")
    tallies.prepare(i.compute for i in indicators)
    result: dict[int, list[RegionFigure]] = {y: [] for y in years}
    for indicator in indicators:
        found = tallies.of(indicator.compute)
        for y in years:
            result[y].append(_region_figure(indicator, found.get((None, y), NOTHING)))
    return result


def compute_region_figures(
    unit_ids: Units, year: int, indicators: Iterable[Indicator] = INDICATORS
) -> list[RegionFigure]:
    """The figures of a region-year over its units (``compute_region_years`` for one year)."""
    return compute_region_years(unit_ids, [year], indicators)[year]


def compute_region_groups(
    groups: Mapping[G, RegionUnits], year: int, indicators: Iterable[Indicator] = INDICATORS
) -> dict[G, list[RegionFigure]]:
    """Several regions' figures side by side (a city's districts): one query per record kind,
    grouped by the units' region, each group's tallies added up from its regions'."""
    indicators = list(indicators)
    every = RegionUnits(frozenset().union(*(g.region_ids for g in groups.values())))
    tallies = _Tallies(every, [year], group="region")
    tallies.prepare(i.compute for i in indicators)
    result: dict[G, list[RegionFigure]] = {g: [] for g in groups}
    for indicator in indicators:
        found = tallies.of(indicator.compute)
        for g, units in groups.items():
            tally = sum((found.get((r, year), NOTHING) for r in units.region_ids), NOTHING)
            result[g].append(_region_figure(indicator, tally))
    return result


def compute_figures(unit_id: int, year: int, indicators: Iterable[Indicator] = INDICATORS) -> list[Figure]:
    """A unit-year's figures, kept in the process's cache under the unit's ledger stamp: any write
    to any of its records (``post_save``/``post_delete``, ``models/stamp.py``) makes a new stamp,
    so a kept figure is never read after its records changed."""
    indicators = list(indicators)
    key = f"figures:{unit_id}:{year}:{stamp_of(unit_id)}:{_codes_key(indicators)}"
    values = cache.get(key)
    if values is None:
        figures = compute_unit_figures([unit_id], year, indicators)[unit_id]
        cache.set(key, [f.value for f in figures], FIGURES_KEPT_SECONDS)
        return figures
    return [Figure(i, v) for i, v in zip(indicators, values, strict=True)]


FIGURES_KEPT_SECONDS = 600


def _codes_key(indicators: list[Indicator]) -> str:
    codes = ",".join(i.code for i in indicators)
    return hashlib.blake2b(codes.encode(), digest_size=8).hexdigest()


def figures_by_code(unit_id: int, year: int) -> dict[str, Number | None]:
    return {f.indicator.code: f.value for f in compute_figures(unit_id, year)}
