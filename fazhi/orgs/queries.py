"""Who may see and edit which unit: the security boundary for unit data.

A clerk or head reads and writes their own unit; a supervisor reads every unit of
its region (and the regions below it); an admin reads everything; nobody else
sees anything. Views never filter by unit themselves: they ask here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import Http404

from .models import Region, Role, Unit


@dataclass(frozen=True)
class Scope:
    readable: frozenset[int]
    writable: frozenset[int]
    supervised_regions: frozenset[int]
    is_admin: bool

    @property
    def is_supervisor(self) -> bool:
        return bool(self.supervised_regions)


_NOBODY = Scope(frozenset(), frozenset(), frozenset(), False)


def scope_for(user: AbstractBaseUser | AnonymousUser) -> Scope:
    """The user's scope, computed once per user object (i.e. once per request)."""
    if not user.is_authenticated or not user.is_active:
        return _NOBODY
    cached = getattr(user, "_fazhi_scope", None)
    if cached is None:
        cached = _compute_scope(user)
        user._fazhi_scope = cached  # type: ignore[union-attr]
    return cached


def _compute_scope(user: AbstractBaseUser) -> Scope:
    roles = list(Role.objects.filter(user=user))
    is_admin = user.is_superuser or any(r.kind == Role.Kind.ADMIN for r in roles)
    own = {r.unit_id for r in roles if r.kind in (Role.Kind.CLERK, Role.Kind.HEAD) and r.unit_id}
    regions: set[int] = set()
    for role in roles:
        if role.kind == Role.Kind.SUPERVISOR and role.region_id:
            regions |= role.region.descendant_ids()
    if is_admin:
        readable = set(Unit.objects.values_list("pk", flat=True))
    else:
        readable = own | set(Unit.objects.filter(region_id__in=regions).values_list("pk", flat=True))
    return Scope(frozenset(readable), frozenset(own), frozenset(regions), is_admin)


def can_read_unit(user, unit_id: int) -> bool:
    return unit_id in scope_for(user).readable


def can_write_unit(user, unit_id: int) -> bool:
    return unit_id in scope_for(user).writable


def is_head_of(user, unit_id: int) -> bool:
    if not user.is_authenticated:
        return False
    return Role.objects.filter(user=user, kind=Role.Kind.HEAD, unit_id=unit_id).exists()


def access_unit(user, unit_id: int) -> Unit:
    """The unit, if the user may read it; 404 otherwise (existence is not revealed)."""
    if not can_read_unit(user, unit_id):
        raise Http404("单位不存在或无权查看")
    return Unit.objects.select_related("region").get(pk=unit_id)


def list_units_for_user(user) -> list[Unit]:
    scope = scope_for(user)
    return list(
        Unit.objects.filter(pk__in=scope.readable, is_supervisor_office=False).select_related("region")
    )


def list_regions_supervised(user) -> list[Region]:
    return list(Region.objects.filter(pk__in=scope_for(user).supervised_regions))


def primary_unit(user) -> Unit | None:
    """The unit a clerk or head works for (the first, when they have several)."""
    scope = scope_for(user)
    if not scope.writable:
        return None
    return Unit.objects.filter(pk__in=scope.writable).order_by("pk").first()
