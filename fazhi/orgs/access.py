"""The permission door: who may do what to which unit (docs/architecture.md#permissions).

Every decision goes through here. A user's ``Scope`` (the units they may read,
write, head, supervise) is computed once per request from their roles; a *need*
is asked of it for one unit. Reads call ``access_unit``/``check_access``; every
``do_*`` action carries ``@door(need)`` and checks its ``acting_user`` itself, so
that a view, a command or a job cannot forget to. A refusal is always ``Refused``
(translated to 403, or 404 when the unit is not even readable, in ``lib.edge``).

- clerk, head: read and write their own unit; the head also approves its report;
- supervisor (依法治区办): reads and supervises every unit of its region and of the
  regions below it;
- head or supervisor: publishes (the campaign says which of them does);
- admin: reads everything and administers the platform (calendar, jobs);
- ``SYSTEM``: commands and scheduled jobs run by the operator; administers, and nothing
  else: work on a unit's data is always someone's (a job started by a person acts as them).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from fazhi.lib.errors import Refused

from .models import Role, Unit


class Need(StrEnum):
    READ = "read"
    WRITE = "write"
    APPROVE = "approve"
    SUPERVISE = "supervise"
    PUBLISH = "publish"
    ADMINISTER = "administer"  # platform-wide, not about one unit
    OWN = "own"  # the acting person's own things (their inbox), not about a unit


NOT_FOUND = "单位不存在或无权查看。"
REFUSALS = {
    Need.READ: NOT_FOUND,
    Need.WRITE: "只有本单位的填报员或主要负责人可以进行此操作。",
    Need.APPROVE: "只有本单位主要负责人可以进行此操作。",
    Need.SUPERVISE: "只有本区域的依法治区办可以进行此操作。",
    Need.PUBLISH: "只有本单位主要负责人或本区域的依法治区办可以发布报告。",
    Need.ADMINISTER: "只有系统管理员可以进行此操作。",
    Need.OWN: "请先登录。",
}
UNIT_FREE = (Need.ADMINISTER, Need.OWN)


class _System:
    """The actor of commands and scheduled jobs: no person; history shows no user."""

    is_authenticated = True
    is_active = True
    is_superuser = False
    pk = None
    username = "system"

    def __str__(self) -> str:
        return "系统"


SYSTEM: Any = _System()


@dataclass(frozen=True)
class Scope:
    readable: frozenset[int]
    writable: frozenset[int]
    headed: frozenset[int]
    supervised: frozenset[int]  # units of the supervised regions
    supervised_regions: frozenset[int]
    is_admin: bool = False
    is_system: bool = False
    is_person: bool = False  # signed in as someone (roles or not)

    @property
    def is_supervisor(self) -> bool:
        return bool(self.supervised_regions)

    def units(self, need: Need) -> frozenset[int]:
        """The units on which this scope holds ``need``."""
        if need is Need.READ:
            return self.readable
        if need is Need.WRITE:
            return self.writable
        if need is Need.APPROVE:
            return self.headed
        if need is Need.SUPERVISE:
            return self.supervised
        if need is Need.PUBLISH:
            return self.headed | self.supervised
        return frozenset()

    def allows(self, unit_id: int | None, need: Need) -> bool:
        if need is Need.ADMINISTER:
            return self.is_admin or self.is_system
        if need is Need.OWN:
            return self.is_person
        return unit_id in self.units(need)

    def allows_region(self, region_id: int | None, need: Need) -> bool:
        """Needs on a whole region (a campaign): its supervisors supervise and read it; the admin reads."""
        if need is Need.READ and self.is_admin:
            return True
        return need in (Need.READ, Need.SUPERVISE) and region_id in self.supervised_regions


_NOBODY = Scope(frozenset(), frozenset(), frozenset(), frozenset(), frozenset())
_EVERYTHING = Scope(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), is_system=True)


def scope_for(user: AbstractBaseUser | AnonymousUser | None) -> Scope:
    """The user's scope, computed once per user object (i.e. once per request)."""
    if user is SYSTEM:
        return _EVERYTHING
    if user is None or not user.is_authenticated or not user.is_active:
        return _NOBODY
    cached = getattr(user, "_fazhi_scope", None)
    if cached is None:
        cached = _compute_scope(user)
        user._fazhi_scope = cached  # type: ignore[union-attr]
    return cached


def _compute_scope(user: AbstractBaseUser) -> Scope:
    roles = list(Role.objects.filter(user=user).select_related("region"))
    is_admin = bool(getattr(user, "is_superuser", False)) or any(r.kind == Role.Kind.ADMIN for r in roles)
    own = {r.unit_id for r in roles if r.kind in (Role.Kind.CLERK, Role.Kind.HEAD) and r.unit_id}
    headed = {r.unit_id for r in roles if r.kind == Role.Kind.HEAD and r.unit_id}
    regions: set[int] = set()
    for role in roles:
        if role.kind == Role.Kind.SUPERVISOR and role.region is not None:
            regions |= role.region.descendant_ids()
    supervised = set(Unit.objects.filter(region_id__in=regions).values_list("pk", flat=True))
    readable = set(Unit.objects.values_list("pk", flat=True)) if is_admin else own | supervised
    return Scope(
        frozenset(readable),
        frozenset(own),
        frozenset(headed),
        frozenset(supervised),
        frozenset(regions),
        is_admin,
        is_person=True,
    )


def allows(user, unit_id: int | None, need: Need) -> bool:
    """For showing or hiding a button; the action itself checks again through its door."""
    return scope_for(user).allows(unit_id, need)


def check_access(user, unit_id: int | None, need: Need = Need.READ) -> None:
    """``Refused`` unless ``user`` holds ``need`` on the unit; hidden (404) when it may not even read it."""
    scope = scope_for(user)
    if scope.allows(unit_id, need):
        return
    if need not in UNIT_FREE and not scope.allows(unit_id, Need.READ):
        raise Refused(NOT_FOUND, hidden=True)
    raise Refused(REFUSALS[need])


def check_region_access(user, region_id: int, need: Need = Need.SUPERVISE) -> None:
    """``Refused`` unless ``user`` holds ``need`` on the whole region; hidden when it may not read it."""
    scope = scope_for(user)
    if scope.allows_region(region_id, need):
        return
    if not scope.allows_region(region_id, Need.READ):
        raise Refused("区域不存在或无权查看。", hidden=True)
    raise Refused(REFUSALS[need])


def access_unit(user, unit_id: int, need: Need = Need.READ) -> Unit:
    """The unit, if the user holds ``need`` on it."""
    check_access(user, unit_id, need)
    return Unit.objects.select_related("region").get(pk=unit_id)


Action = TypeVar("Action", bound=Callable[..., Any])


def _unit_id_of(args: tuple, kwargs: dict) -> int | None:
    """The unit an action acts on: its ``unit=`` argument, or its first argument's unit."""
    unit = kwargs.get("unit")
    if unit is not None:
        return unit.pk
    if args:
        target = args[0]
        if isinstance(target, Unit):
            return target.pk
        if hasattr(target, "unit_id"):
            return target.unit_id
    raise TypeError("无法确定操作所涉及的单位：请传入 unit= 或以带 unit_id 的对象为第一个参数。")


def door(
    need: Need,
    *,
    unit_of: Callable[..., int] | None = None,
    region_of: Callable[..., int] | None = None,
) -> Callable[[Action], Action]:
    """Every ``do_*`` action carries this: ``acting_user`` must hold ``need`` on the unit acted on.

    The unit is the action's ``unit=`` argument or its first argument's unit, or
    what ``unit_of(*args, **kwargs)`` returns; an action on a whole region (a campaign)
    names it with ``region_of``. The check runs before the action's
    body (and its transaction); the action is marked with ``door_need`` so that a
    test can find an action without a door.
    """

    def decorate(action: Action) -> Action:
        @functools.wraps(action)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if "acting_user" not in kwargs:
                raise TypeError(f"{action.__name__} 需要 acting_user")
            if region_of is not None:
                check_region_access(kwargs["acting_user"], region_of(*args, **kwargs), need)
                return action(*args, **kwargs)
            if need in UNIT_FREE:
                unit_id = None
            else:
                unit_id = unit_of(*args, **kwargs) if unit_of else _unit_id_of(args, kwargs)
            check_access(kwargs["acting_user"], unit_id, need)
            return action(*args, **kwargs)

        guarded.door_need = need  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate
