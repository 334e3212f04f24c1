"""The region's own figures (依法治区办): the region-year over its units, through the catalogue.

Counts and sums are added up over the units; rates are recomputed from the summed numerators
and denominators, averages weighted over all the records (``compute_region_years``), never the
mean of the units' figures. Two grouped computations per page, whatever the number of units:
the units of the year (``compute_unit_figures``) and the region over the last five years.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from fazhi.indicators import THEMES, Average, Indicator, Ratio
from fazhi.lib.downloads import download_response
from fazhi.lib.years import recent_years, year_in_path
from fazhi.orgs.access import Need
from fazhi.orgs.models import Region, Unit
from fazhi.orgs.queries import access_region
from fazhi.records.figures import (
    Figure,
    RegionFigure,
    RegionUnits,
    compute_region_years,
    compute_unit_figures,
)
from fazhi.records.kinds import KINDS

from . import exports
from .views import _without_region

HISTORY_YEARS = 5


@dataclass(frozen=True)
class RegionFigures:
    """Everything the page and its workbook show, computed once."""

    region: Region
    year: int
    years: list[int]  # the last five, oldest first
    units: list[Unit]
    figures: list[RegionFigure]  # the region's, in catalogue order
    by_unit: dict[int, list[Figure]]  # each unit's, in catalogue order
    history: dict[int, list[RegionFigure]]  # the region's, per year

    def rows(self) -> list[dict]:
        """One row per indicator: the region's value, what it is made of, each unit's, each year's."""
        return [
            {
                "figure": figure,
                "basis": basis(figure),
                "units": [self.by_unit[u.pk][index].value for u in self.units],
                "years": [self.history[y][index].value for y in self.years],
            }
            for index, figure in enumerate(self.figures)
        ]


def figures_of_region(region: Region, year: int) -> RegionFigures:
    unit_ids = RegionUnits.of(region)  # the records joined to their unit's region, not a list of ids
    units = list(unit_ids.units().select_related("region"))  # units_of_region's, in its order
    years = list(range(year - HISTORY_YEARS + 1, year + 1))
    history = compute_region_years(unit_ids, years)
    return RegionFigures(
        region=region,
        year=year,
        years=years,
        units=units,
        figures=history[year],
        by_unit=compute_unit_figures(unit_ids, year),
        history=history,
    )


def basis(figure: RegionFigure) -> str:
    """What a region's rate or average is made of, e.g. "2 / 4" or "参考人数 40"."""
    c, tally = figure.indicator.compute, figure.tally
    if isinstance(c, Ratio):
        return f"{_number(tally.amount)} / {_number(tally.base)}"
    if isinstance(c, Average):
        weight = KINDS[c.kind].field_label(c.weight) if c.weight else "记录数"
        return f"{weight} {_number(tally.base)}"
    return ""


def _number(value) -> str:
    return f"{value:,}" if value == int(value) else f"{value:,.2f}"


def _kind(indicator: Indicator) -> str:
    if isinstance(indicator.compute, Ratio):
        return "rate"
    if isinstance(indicator.compute, Average):
        return "mean"
    return "amount"


def _labels(units: list[Unit]) -> list[str]:
    """Short axis labels; the region's name is dropped only when all the units share it."""
    one_region = len({u.region_id for u in units}) <= 1
    return [u.short_name or (_without_region(u) if one_region else u.name) for u in units]


def _chart_data(page: RegionFigures, rows: list[dict]) -> dict:
    return {
        "year": page.year,
        "years": page.years,
        "units": _labels(page.units),
        "unitUrls": [reverse("records:show-figures", args=[u.pk, page.year]) for u in page.units],
        "figures": {
            row["figure"].indicator.code: {
                "name": row["figure"].indicator.name,
                "unit": row["figure"].indicator.unit,
                "kind": _kind(row["figure"].indicator),
                "region": row["figure"].value,
                "units": row["units"],
                "years": row["years"],
            }
            for row in rows
        },
    }


@login_required
def region_figures(request, region_id: int, year: int):
    region = access_region(request.user, region_id, Need.READ)
    page = figures_of_region(region, year_in_path(year))
    rows = page.rows()
    themes = [
        (label, [r for r in rows if r["figure"].indicator.theme == key]) for key, label in THEMES.items()
    ]
    years = sorted(set(recent_years()) | {year}, reverse=True)
    return render(
        request,
        "home/region_figures.html",
        {
            "page": page,
            "region": region,
            "year": year,
            "years": years,
            "themes": themes,
            "key_figures": [f for f in page.figures if f.indicator.key],
            "chart": _chart_data(page, rows),
        },
    )


@login_required
def region_figures_export(request, region_id: int, year: int):
    region = access_region(request.user, region_id, Need.READ)
    page = figures_of_region(region, year_in_path(year))
    return download_response(
        exports.region_figures_workbook(page),
        content_type=exports.XLSX,
        filename=f"{region.name}{year}年度指标汇总.xlsx",
    )
