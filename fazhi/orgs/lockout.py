"""Sign-in lockout (django-axes), by user name, with a separate, higher limit per address.

- one user name: ``AXES_FAILURE_LIMIT`` wrong passwords within ``AXES_COOLOFF_TIME`` lock that name
  only, from anywhere; the other people behind the same address (a government intranet's one
  address) still sign in;
- one address: ``FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT`` wrong passwords from it, whatever the names (a
  password tried on many names), lock the address;
- the lockout page says which, and at what time signing in is possible again; trying again while
  locked does not move that time;
- a successful sign-in clears that name's failures, never the address's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

ADDRESS = "ip_address"
USERNAME = "username"


@dataclass(frozen=True)
class Lock:
    by: str  # USERNAME or ADDRESS
    failures: int
    limit: int
    until: dt.datetime  # when signing in is possible again


def address_limit() -> int:
    return int(getattr(settings, "FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT", 50))


def _limit(parameter, request, credentials) -> int:
    return address_limit() if parameter == ADDRESS else get_failure_limit(request, credentials)


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler, each lockout parameter against its own limit."""

    def locks(self, request, credentials=None) -> list[Lock]:
        """The locks holding now: per parameter, its failures within the cool-off, at or over its limit."""
        cool_off = get_cool_off(request)
        parameters = get_lockout_parameters(request, credentials)
        found = []
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True):
            limit = _limit(parameter, request, credentials)
            rows = list(attempts.order_by("attempt_time").values_list("attempt_time", "failures_since_start"))
            failures = sum(count for _, count in rows)
            if failures < limit:
                continue
            # The lock lifts when enough of the oldest failures have aged past the cool-off.
            left = failures
            for attempt_time, count in rows:
                left -= count
                if left < limit:
                    found.append(Lock(str(parameter), failures, limit, attempt_time + cool_off))
                    break
        return found

    def get_failures(self, request, credentials=None) -> int:
        """Failures on the user name's scale (axes compares this one number with ``AXES_FAILURE_LIMIT``):
        an address's failures count at the rate of its own, higher limit."""
        name_limit = get_failure_limit(request, credentials)
        worst = 0
        parameters = get_lockout_parameters(request, credentials)
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            worst = max(worst, failures * name_limit // _limit(parameter, request, credentials))
        return worst

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful sign-in (AXES_RESET_ON_SUCCESS): that name's failures only; a sign-in to
        one's own account does not wipe what an address did to other names."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out person sees (429): which lock, and when to try again."""
    from axes.handlers.proxy import AxesProxyHandler

    handler = AxesProxyHandler.get_implementation()
    locks = handler.locks(request, credentials) if isinstance(handler, LockoutHandler) else []
    lock = max(locks, key=lambda lock: lock.until, default=None)
    username = get_client_username(request, credentials) or ""
    until = timezone.localtime(lock.until) if lock else None
    context = {
        "lock": lock,
        "by_address": lock is not None and lock.by == ADDRESS,
        "username": username,
        "until": until,
        "minutes": max(1, -(-int((lock.until - timezone.now()).total_seconds()) // 60)) if lock else None,
    }
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        return JsonResponse(
            {"detail": "登录失败次数过多，暂时不能登录。", "until": until.isoformat() if until else None},
            status=429,
        )
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)
