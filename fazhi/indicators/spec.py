"""The vocabulary of the indicator catalogue: pure declarations, no Django.

A computation names a record kind (``"study"``, ``"proposal"`` ... the slugs of
``fazhi.records.kinds``) and filters as plain ``{lookup: value}`` data, so the same
declaration is read by the ledger (to compute), the drafter (to state) and the
checker (to find and compare).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Part = Literal["measures", "shortcomings", "leadership", "plan", "other"]


@dataclass(frozen=True)
class Count:
    """Number of records of ``kind`` in the unit-year matching ``where``. A record is in the year of
    its ``dated_by`` field: its own date, or e.g. the date a request was answered."""

    kind: str
    where: Mapping[str, object] = dataclasses.field(default_factory=dict)
    dated_by: str = "date"


@dataclass(frozen=True)
class Sum:
    """Sum of an integer field over the matching records."""

    kind: str
    field: str
    where: Mapping[str, object] = dataclasses.field(default_factory=dict)
    dated_by: str = "date"


@dataclass(frozen=True)
class Average:
    """Mean of ``field``, weighted by ``weight`` when given (e.g. scores by takers)."""

    kind: str
    field: str
    weight: str | None = None
    where: Mapping[str, object] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Ratio:
    """``numerator / denominator`` as a percentage; undefined when the denominator is 0."""

    numerator: Count | Sum
    denominator: Count | Sum


Computation = Count | Sum | Average | Ratio


@dataclass(frozen=True)
class Indicator:
    """One figure a unit keeps, a report states and a checker compares.

    ``patterns`` are sentence templates with ``{value}`` and ``{unit}`` for the drafter;
    ``phrases`` are the words a report uses for this figure, for the parser
    (each entry: all of its words must stand in the phrase counted).
    """

    code: str
    name: str
    unit: str
    compute: Computation
    theme: str
    parts: tuple[Part, ...] = ("measures",)
    patterns: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    evidences: str = ""
    decimals: int = 0
    key: bool = False  # shown in the supervisor's overview table

    @property
    def kinds(self) -> tuple[str, ...]:
        """Record kinds this figure is computed from (for links to its records)."""
        c = self.compute
        if isinstance(c, Ratio):
            return tuple(dict.fromkeys((c.numerator.kind, c.denominator.kind)))
        return (c.kind,)

    @property
    def is_rate(self) -> bool:
        return isinstance(self.compute, Ratio)
