"""What the public may read: published versions, nothing else (docs/architecture.md#portal).

Every public fetch goes through here and filters on ``Publication``; a unit, year or version
that has nothing published is "not found", exactly like one that does not exist.
"""

from __future__ import annotations

from django.http import Http404

from fazhi.campaigns.publication_models import Publication
from fazhi.orgs.models import Region, Unit

NOT_PUBLISHED = "没有找到该报告。"


def list_public_regions() -> list[Region]:
    ids = Publication.objects.values_list("region_id", flat=True).distinct()
    return list(Region.objects.filter(pk__in=ids).order_by("pk"))


def public_region(region_id: int) -> Region:
    if not Publication.objects.filter(region_id=region_id).exists():
        raise Http404(NOT_PUBLISHED)
    return Region.objects.get(pk=region_id)


def list_public_units(region: Region) -> list[tuple[Unit, list[int]]]:
    years: dict[int, set[int]] = {}
    for unit_id, year in Publication.objects.filter(region=region).values_list("unit_id", "year"):
        years.setdefault(unit_id, set()).add(year)
    units = Unit.objects.filter(pk__in=years).order_by("name")
    return [(unit, sorted(years[unit.pk], reverse=True)) for unit in units]


def public_unit(unit_id: int) -> tuple[Unit, list[int]]:
    years = sorted(
        set(Publication.objects.filter(unit_id=unit_id).values_list("year", flat=True)), reverse=True
    )
    if not years:
        raise Http404(NOT_PUBLISHED)
    return Unit.objects.select_related("region").get(pk=unit_id), years


def public_versions(unit_id: int, year: int) -> list[Publication]:
    """Every published version of a unit's report for a year, first publication first."""
    versions = list(Publication.objects.filter(unit_id=unit_id, year=year).select_related("unit", "region"))
    if not versions:
        raise Http404(NOT_PUBLISHED)
    return versions


def public_version(
    unit_id: int, year: int, number: int | None = None
) -> tuple[Publication, list[Publication]]:
    versions = public_versions(unit_id, year)
    if number is None:
        return versions[-1], versions
    chosen = next((v for v in versions if v.number == number), None)
    if chosen is None:
        raise Http404(NOT_PUBLISHED)
    return chosen, versions


def list_latest_publications(limit: int = 20) -> list[Publication]:
    return list(Publication.objects.select_related("unit", "region").order_by("-published_at")[:limit])
