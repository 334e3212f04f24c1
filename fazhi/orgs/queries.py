"""Reads of units and regions within the user's scope (decided in ``access``)."""

from __future__ import annotations

from fazhi.lib.errors import FazhiError

from .access import scope_for
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


def list_regions_supervised(user) -> list[Region]:
    return list(Region.objects.filter(pk__in=scope_for(user).supervised_regions))


def primary_unit(user) -> Unit | None:
    """The unit a clerk or head works for (the first, when they have several)."""
    scope = scope_for(user)
    if not scope.writable:
        return None
    return Unit.objects.filter(pk__in=scope.writable).order_by("pk").first()
