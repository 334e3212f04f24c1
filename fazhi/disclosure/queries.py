"""A unit-year's disclosure report as the platform knows it: the tables from its records, the
checks of every identity (table 2 against the unit's own previous year) and of part 一's figures
against the tables, and its document (the unit's stored report, or a fresh draft)."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.disclosurecheck.tables import Failure, Tables, check_tables
from fazhi.disclosurecheck.text import check_text
from fazhi.reports.models import Report
from fazhi.reports.queries import current_document

from .compute import Computed, tables_for
from .models import DisclosureYear
from .render import overview_words


@dataclass
class DisclosureReport:
    unit: object
    year: int
    computed: Computed
    previous: Tables | None
    failures: list[Failure]  # the tables' identities
    text_failures: list[Failure]  # part 一's figures against the tables (once the unit has written it)
    stored: Report | None

    @property
    def unit_name(self) -> str:
        return self.unit.name

    @property
    def tables(self) -> Tables:
        return self.computed.tables

    def document(self):
        """The approved version if there is one; else the saved draft; else a fresh draft."""
        return current_document(self.unit, self.year, genre="disclosure")

    def to_json(self) -> dict:
        every = [*self.failures, *self.text_failures]
        return {
            "unit": self.unit_name,
            "year": self.year,
            "tables": self.tables.to_json(),
            "checks": {"passed": not every, "failures": [f.to_json() for f in every]},
            "gaps": self.computed.gaps,
            "compared_with_previous_year": self.previous is not None,
            "report": {"status": self.stored.status, "status_label": self.stored.get_status_display()}
            if self.stored
            else None,
        }


def disclosure_tables(unit_id: int, year: int) -> Tables:
    return tables_for(unit_id, year).tables


def disclosure_report(unit, year: int, *, with_text: bool = True) -> DisclosureReport:
    """``with_text``: also check the stored report's part 一 against the tables."""
    computed = tables_for(unit.pk, year)
    previous = (
        tables_for(unit.pk, year - 1).tables
        if DisclosureYear.objects.filter(unit=unit, year=year - 1).exists()
        else None
    )
    stored = Report.objects.filter(unit=unit, year=year, genre="disclosure").first()
    text_failures = []
    if stored is not None and with_text:
        words = overview_words(current_document(unit, year, genre="disclosure"))
        text_failures = check_text(words, computed.tables)
    return DisclosureReport(
        unit, year, computed, previous, check_tables(computed.tables, previous), text_failures, stored
    )
