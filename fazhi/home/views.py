"""Home pages: a clerk's or head's unit at a glance; a supervisor's region table."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fazhi.indicators import INDICATORS
from fazhi.lib.years import recent_years, year_from
from fazhi.orgs.access import Need, scope_for
from fazhi.orgs.queries import (
    list_regions_readable,
    list_regions_supervised,
    list_units_for_user,
    primary_unit,
)
from fazhi.records.figures import compute_figures, compute_unit_figures
from fazhi.records.queries import list_latest_records_for_unit
from fazhi.reports.models import Report

KEY_INDICATORS = [i for i in INDICATORS if i.key]


def _without_region(unit) -> str:
    """南开区政府办公室 in 天津市南开区 → 政府办公室: the axis labels stay short."""
    region = unit.region.name
    for start in range(len(region)):
        if unit.name.startswith(region[start:]) and len(region) - start >= 2:
            return unit.name[len(region) - start :]
    return unit.name


def _chart_data(units, table) -> dict:
    """Counts (not rates) per unit, for the overview chart; one series per key indicator."""
    counted = [i for i in KEY_INDICATORS if not i.is_rate]
    return {
        "units": [u.short_name or _without_region(u) for u in units],
        "series": [
            {
                "name": f"{i.name}（{i.unit}）",
                "data": [next(f.value for f in table[u.pk] if f.indicator is i) or 0 for u in units],
            }
            for i in counted
        ],
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
            "figures": [f for f in compute_figures(unit.pk, year) if f.indicator.key],
            "latest": list_latest_records_for_unit(unit.pk, limit=10),
        }
    if scope.is_supervisor or scope.is_admin:
        units = list_units_for_user(request.user)
        table = compute_unit_figures([u.pk for u in units], year, KEY_INDICATORS)
        context |= {
            "regions": list_regions_supervised(request.user),
            "figure_regions": list_regions_readable(request.user),
            "overview": [(u, table[u.pk]) for u in units],
            "key_indicators": KEY_INDICATORS,
            "chart": _chart_data(units, table),
        }
    return render(request, "home/home.html", context)
