"""A unit-year's disclosure report as the platform knows it: the tables from its records, the
checks of every identity (table 2 against the unit's own previous year), and its document."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.disclosurecheck.tables import Failure, Tables, check_tables

from .compute import Computed, tables_for
from .models import DisclosureYear
from .render import build_document, overview_text


@dataclass
class DisclosureReport:
    unit_name: str
    year: int
    computed: Computed
    previous: Tables | None
    failures: list[Failure]

    @property
    def tables(self) -> Tables:
        return self.computed.tables

    def document(self, signed_on=None):
        return build_document(
            self.unit_name, self.year, {"overview": overview_text(self.tables, self.year)}, signed_on
        )

    def to_json(self) -> dict:
        return {
            "unit": self.unit_name,
            "year": self.year,
            "tables": self.tables.to_json(),
            "checks": {"passed": not self.failures, "failures": [f.to_json() for f in self.failures]},
            "gaps": self.computed.gaps,
            "compared_with_previous_year": self.previous is not None,
        }


def disclosure_report(unit, year: int) -> DisclosureReport:
    computed = tables_for(unit.pk, year)
    previous = (
        tables_for(unit.pk, year - 1).tables
        if DisclosureYear.objects.filter(unit=unit, year=year - 1).exists()
        else None
    )
    return DisclosureReport(unit.name, year, computed, previous, check_tables(computed.tables, previous))
