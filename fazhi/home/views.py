"""Home pages: a clerk's or head's unit at a glance; a supervisor's region table.

A supervisor of many units (a city of a thousand) sees its sub-regions summed up (one grouped
computation), and its units fifty to a page; a sub-region's row drills down to its own
sub-regions and units (``?region=``). A few units are one table, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from fazhi.indicators import INDICATORS
from fazhi.lib.years import recent_years, year_from
from fazhi.orgs.access import Need, scope_for
from fazhi.orgs.models import Region
from fazhi.orgs.queries import (
    list_regions_readable,
    list_regions_supervised,
    list_units_for_user,
    primary_unit,
)
from fazhi.records.figures import (
    RegionFigure,
    RegionUnits,
    compute_figures,
    compute_region_groups,
    compute_unit_figures,
)
from fazhi.records.queries import list_latest_records_for_unit
from fazhi.reports.models import Report

KEY_INDICATORS = [i for i in INDICATORS if i.key]
PAGE_SIZE = 50  # units a page; a supervisor of more sees its sub-regions summed up and pages


def _without_region(unit) -> str:
    """南开区政府办公室 in 天津市南开区 → 政府办公室: the axis labels stay short."""
    region = unit.region.name
    for start in range(len(region)):
        if unit.name.startswith(region[start:]) and len(region) - start >= 2:
            return unit.name[len(region) - start :]
    return unit.name


def _chart_data(labels: list[str], figures: list[list]) -> dict:
    """Counts (not rates) per unit or sub-region, for the overview chart; one series per key
    indicator. ``figures`` holds each bar's key figures, in ``KEY_INDICATORS`` order."""
    return {
        "units": labels,
        "series": [
            {"name": f"{i.name}（{i.unit}）", "data": [figs[index].value or 0 for figs in figures]}
            for index, i in enumerate(KEY_INDICATORS)
            if not i.is_rate
        ],
    }


@dataclass(frozen=True)
class SubRegion:
    """A row of the summary: a region below the one shown (or the units directly in it), summed."""

    region: Region
    own: bool  # the units directly in the region shown, not in one below
    units: int
    figures: list[RegionFigure]


def _below(parents: dict[int, int | None], root: int) -> frozenset[int]:
    """``root`` and every region below it, from one read of the region tree."""
    found, frontier = {root}, {root}
    while frontier:
        frontier = {r for r, p in parents.items() if p in frontier} - found
        found |= frontier
    return frozenset(found)


def _shown_region(request, parents: dict[int, int | None], allowed: set[int]) -> int | None:
    """The region whose sub-regions the summary shows: the one drilled into (``?region=``, if the
    user may read it), else the one top region the user reads, else none (several tops)."""
    asked = request.GET.get("region", "")
    if asked.isdigit() and int(asked) in allowed:
        return int(asked)
    tops = [r for r in allowed if parents.get(r) not in allowed]
    return tops[0] if len(tops) == 1 else None


def _overview(request, scope, units: list, year: int) -> dict:
    """The supervisor's table: every unit when they are few; else the sub-regions of the region
    shown summed up, each a link further down, and the region's units fifty to a page."""
    if len(units) <= PAGE_SIZE and "region" not in request.GET:
        table = compute_unit_figures([u.pk for u in units], year, KEY_INDICATORS)
        labels = [u.short_name or _without_region(u) for u in units]
        return {
            "overview": [(u, table[u.pk]) for u in units],
            "chart": _chart_data(labels, [table[u.pk] for u in units]),
        }
    parents: dict[int, int | None] = dict(Region.objects.values_list("pk", "parent_id"))
    allowed = set(parents) if scope.is_admin else set(scope.supervised_regions)
    shown = _shown_region(request, parents, allowed)
    if shown is None:
        children = sorted(r for r in allowed if parents.get(r) not in allowed)
    else:
        within = _below(parents, shown)
        units = [u for u in units if u.region_id in within]
        children = sorted(r for r, p in parents.items() if p == shown)
    groups = {r: RegionUnits(_below(parents, r)) for r in children}
    counts = {r: sum(u.region_id in g.region_ids for u in units) for r, g in groups.items()}
    groups = {r: g for r, g in groups.items() if counts[r]}
    direct = [u for u in units if u.region_id == shown]
    if groups and direct:
        groups[shown] = RegionUnits(frozenset({shown}))  # 本级: the units in the region itself
        counts[shown] = len(direct)
    summed = compute_region_groups(groups, year, KEY_INDICATORS) if groups else {}
    names = Region.objects.in_bulk([*groups, *([shown] if shown else [])])
    rows = [SubRegion(names[r], r == shown, counts[r], summed[r]) for r in groups]
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    table = compute_unit_figures([u.pk for u in page], year, KEY_INDICATORS)
    if rows:
        labels = [r.region.name + ("（本级）" if r.own else "") for r in rows]
        chart = _chart_data(labels, [r.figures for r in rows])
    else:
        chart = _chart_data([u.short_name or _without_region(u) for u in page], [table[u.pk] for u in page])
    return {
        "overview": [(u, table[u.pk]) for u in page],
        "page_obj": page,
        "shown_region": names.get(shown) if shown else None,
        "shown_parent": parents.get(shown) if shown and parents.get(shown) in allowed else None,
        "subregions": rows,
        "chart": chart,
    }


def reports_to_approve(user) -> list[Report]:
    """The reports of the units the user heads that wait for the head's approval (待负责人审定)."""
    units = scope_for(user).units(Need.APPROVE)
    if not units:
        return []
    waiting = Report.objects.filter(unit_id__in=units, status=Report.Status.SUBMITTED)
    return list(waiting.select_related("unit").order_by("year", "unit_id"))


@login_required
def home(request):
    scope = scope_for(request.user)
    year = year_from(request)
    context = {"year": year, "years": recent_years(), "to_approve": reports_to_approve(request.user)}
    unit = primary_unit(request.user)
    if unit is not None:
        context |= {
            "unit": unit,
            "figures": compute_figures(unit.pk, year, KEY_INDICATORS),  # only what the page shows
            "latest": list_latest_records_for_unit(unit.pk, limit=10),
        }
    if scope.is_supervisor or scope.is_admin:
        units = list_units_for_user(request.user)
        context |= _overview(request, scope, units, year) | {
            "regions": list_regions_supervised(request.user),
            "figure_regions": list_regions_readable(request.user),
            "key_indicators": KEY_INDICATORS,
        }
    return render(request, "home/home.html", context)
