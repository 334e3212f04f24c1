"""A region's consolidated 政府信息公开工作年度报告 against the sum of its units' reports
(条例 Art. 49: the government's own report, by 31 March, covers its departments').

Each unit counts with its approved report's tables as approved (read back from the frozen
version, as a reader of the published file would); a unit without an approved report counts with
the tables its records give now, and is named as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.disclosurecheck.reading import read_tables_from_bytes
from fazhi.disclosurecheck.tables import Failure, Tables, check_against_sum, sum_tables
from fazhi.orgs.models import Region, Unit
from fazhi.reports.models import Report
from fazhi.reports.queries import document_from_json, latest_version
from fazhi.reports.render import render_html

from .compute import tables_for


@dataclass
class UnitTables:
    unit: Unit
    tables: Tables
    source: str  # "第2版（已审定）" or "台账（尚无审定的报告）"


@dataclass
class RegionTables:
    region: Region
    year: int
    units: list[UnitTables]

    @property
    def summed(self) -> Tables:
        return sum_tables([u.tables for u in self.units])

    def check(self, consolidated: Tables) -> list[Failure]:
        return check_against_sum(consolidated, self.summed, units=len(self.units))

    def to_json(self) -> dict:
        return {
            "region": self.region.name,
            "year": self.year,
            "units": [{"unit": u.unit.name, "source": u.source} for u in self.units],
            "tables": self.summed.to_json(),
        }


def unit_tables(unit: Unit, year: int) -> UnitTables:
    report = Report.objects.filter(unit=unit, year=year, genre="disclosure").first()
    version = latest_version(report) if report else None
    if version is not None:
        html = render_html(document_from_json(version.document))
        return UnitTables(
            unit,
            read_tables_from_bytes(html.encode("utf-8"), "version.html"),
            f"第{version.number}版（已审定）",
        )
    return UnitTables(unit, tables_for(unit.pk, year).tables, "台账（尚无审定的报告）")


def region_tables(region: Region, year: int) -> RegionTables:
    units = Unit.objects.filter(region_id__in=region.descendant_ids(), is_supervisor_office=False).order_by(
        "pk"
    )
    return RegionTables(region, year, [unit_tables(unit, year) for unit in units])
