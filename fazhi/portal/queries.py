"""What the public may read: published versions, nothing else (docs/architecture.md#portal).

Every public fetch goes through here and filters on ``Publication``; a unit, year or version
that has nothing published is "not found", exactly like one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from fazhi.campaigns.publication_models import Publication, public_url
from fazhi.orgs.models import Region, Unit
from fazhi.reports.genres import CHOICES

GENRE_NAMES = dict(CHOICES)

NOT_PUBLISHED = "没有找到该报告。"


def list_public_regions() -> list[Region]:
    ids = Publication.objects.values_list("region_id", flat=True).distinct()
    return list(Region.objects.filter(pk__in=ids).order_by("pk"))


def public_region(region_id: int) -> Region:
    if not Publication.objects.filter(region_id=region_id).exists():
        raise Http404(NOT_PUBLISHED)
    return Region.objects.get(pk=region_id)


@dataclass(frozen=True)
class Entry:
    """A unit's published report of a year and genre, as the lists link to it."""

    unit_id: int
    year: int
    genre: str

    @property
    def url(self) -> str:
        return public_url("show-report", self.genre, self.unit_id, self.year)

    @property
    def name(self) -> str:
        return GENRE_NAMES[self.genre]

    @property
    def short(self) -> str:
        return f"{self.year}年度" if self.genre == "law" else f"{self.year}年度政务公开"


def _entries(pairs) -> dict[int, list[Entry]]:
    """Per unit: its published reports, the latest year first, the rule-of-law report before the other."""
    order = [code for code, _ in CHOICES]
    out: dict[int, list[Entry]] = {}
    for unit_id, year, genre in sorted(set(pairs), key=lambda e: (-e[1], order.index(e[2]))):
        out.setdefault(unit_id, []).append(Entry(unit_id, year, genre))
    return out


def list_public_units(region: Region) -> list[tuple[Unit, list[Entry]]]:
    entries = _entries(Publication.objects.filter(region=region).values_list("unit_id", "year", "genre"))
    units = Unit.objects.filter(pk__in=entries).order_by("name")
    return [(unit, entries[unit.pk]) for unit in units]


def public_unit(unit_id: int) -> tuple[Unit, list[Entry]]:
    entries = _entries(Publication.objects.filter(unit_id=unit_id).values_list("unit_id", "year", "genre"))
    if not entries:
        raise Http404(NOT_PUBLISHED)
    return Unit.objects.select_related("region").get(pk=unit_id), entries[unit_id]


def public_versions(unit_id: int, year: int, genre: str = "law") -> list[Publication]:
    """Every published version of a unit's report for a year, first publication first."""
    versions = list(
        Publication.objects.filter(unit_id=unit_id, year=year, genre=genre).select_related("unit", "region")
    )
    if not versions:
        raise Http404(NOT_PUBLISHED)
    return versions


def public_version(
    unit_id: int, year: int, number: int | None = None, genre: str = "law"
) -> tuple[Publication, list[Publication]]:
    versions = public_versions(unit_id, year, genre)
    if number is None:
        return versions[-1], versions
    chosen = next((v for v in versions if v.number == number), None)
    if chosen is None:
        raise Http404(NOT_PUBLISHED)
    return chosen, versions


def list_latest_publications(limit: int = 20) -> list[Publication]:
    return list(Publication.objects.select_related("unit", "region").order_by("-published_at")[:limit])
