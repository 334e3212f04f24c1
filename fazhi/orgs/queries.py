"""Reads of units and regions within the user's scope (decided in ``access``)."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.lib.errors import FazhiError, Refused

from .access import Need, check_region_access, scope_for
from .models import Region, Unit


def list_units_for_user(user) -> list[Unit]:
    scope = scope_for(user)
    return list(
        Unit.objects.filter(pk__in=scope.readable, is_supervisor_office=False).select_related("region")
    )


def find_unit(name: str) -> Unit:
    """A unit by its full or short name, for the command line (which runs as the operator)."""
    unit = Unit.objects.filter(name=name).first() or Unit.objects.filter(short_name=name).first()
    if unit is None:
        raise FazhiError(f"找不到单位“{name}”。", "unknown-unit")
    return unit


def find_region(name: str) -> Region:
    """A region by its name (天津市南开区, or 南开区 when only one region ends so), for the command line."""
    regions = list(Region.objects.filter(name=name)) or list(Region.objects.filter(name__endswith=name))
    if len(regions) != 1:
        raise FazhiError(
            f"找不到区域“{name}”。" if not regions else f"“{name}”不止一个区域，请写全称。", "unknown-region"
        )
    return regions[0]


def list_regions_supervised(user) -> list[Region]:
    return list(Region.objects.filter(pk__in=scope_for(user).supervised_regions))


def list_regions_readable(user) -> list[Region]:
    """The regions whose pages the user may read: the supervised ones (and those below), or all for the admin."""
    scope = scope_for(user)
    regions = (
        Region.objects.all() if scope.is_admin else Region.objects.filter(pk__in=scope.supervised_regions)
    )
    return list(regions)


def access_region(user, region_id: int, need: Need = Need.READ) -> Region:
    """The region, if the user holds ``need`` on the whole of it (404 for a region they may not read)."""
    check_region_access(user, region_id, need)
    region = Region.objects.filter(pk=region_id).first()
    if region is None:  # the admin reads every region, even one that does not exist
        raise Refused("区域不存在或无权查看。", hidden=True)
    return region


def units_of_region(region: Region) -> QuerySet[Unit]:
    """The units of the region and of the regions below it (not the supervising offices)."""
    units = Unit.objects.filter(region_id__in=region.descendant_ids(), is_supervisor_office=False)
    return units.select_related("region").order_by("region_id", "id")


def primary_unit(user) -> Unit | None:
    """The unit a clerk or head works for (the first, when they have several)."""
    scope = scope_for(user)
    if not scope.writable:
        return None
    return Unit.objects.filter(pk__in=scope.writable).order_by("pk").first()
