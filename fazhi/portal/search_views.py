"""The portal's search page, no login: ``/public/search/?q=…&region=&unit=&year=&page=``."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.cache import cache_control

from fazhi.orgs.models import Region, Unit

from .models import SearchEntry
from .search import MAX_QUERY, Filters, search

EXAMPLES = ["出庭应诉", "重大行政决策", "法治宣传", "合法性审核"]


def _number(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def _choices(region_id: int | None, unit_id: int | None) -> dict:
    """What the filters offer: the regions with published reports (and those above them), their
    units once a region is chosen, and the years."""
    regions = {r.pk: r for r in Region.objects.all()}
    shown: set[int] = set()
    for pk in SearchEntry.objects.order_by().values_list("region_id", flat=True).distinct():
        while pk is not None and pk not in shown:
            shown.add(pk)
            pk = regions[pk].parent_id
    units: list[Unit] = []
    if region_id in regions:
        below = regions[region_id].descendant_ids()
        ids = SearchEntry.objects.filter(region_id__in=below).order_by().values_list("unit_id", flat=True)
        units = list(Unit.objects.filter(pk__in=ids.distinct()).order_by("name"))
    if unit_id is not None and unit_id not in {u.pk for u in units}:
        units += list(Unit.objects.filter(pk=unit_id))
    years = SearchEntry.objects.values_list("year", flat=True).distinct().order_by("-year")
    return {"regions": [regions[pk] for pk in sorted(shown)], "units": units, "years": list(years)}


@cache_control(public=True, max_age=300)
def search_page(request):
    query = request.GET.get("q", "")
    region_id, unit_id = _number(request.GET.get("region")), _number(request.GET.get("unit"))
    year = _number(request.GET.get("year"))
    region = Region.objects.filter(pk=region_id).first() if region_id is not None else None
    filters = Filters(region=region, unit_id=unit_id, year=year)
    results = search(query, filters, request.GET.get("page", 1))
    return render(
        request,
        "portal/search.html",
        {
            "results": results,
            "query": query,
            "region_id": region_id,
            "unit_id": unit_id,
            "year": year,
            "examples": EXAMPLES,
            "max_query": MAX_QUERY,
            **_choices(region_id, unit_id),
        },
    )
