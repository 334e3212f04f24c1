"""The effective working calendar: chinesecalendar's seed, overridden year by year by the database.

Built once and cached per process. The cache is keyed by the newest ``updated_at``
and the number of stored years, so a year saved in another process (the admin's
request, a command) is seen on the next call; actions also clear it at once.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Max

from .calendar import WorkingCalendar, YearSchedule, seed_calendar
from .models import CalendarDay, CalendarYear
from .rules import RuleSettings

_cache: dict[str, object] = {}


def current_calendar() -> WorkingCalendar:
    stamp = CalendarYear.objects.aggregate(latest=Max("updated_at"), years=Count("id"))
    key = f"{stamp['latest']}|{stamp['years']}"
    if _cache.get("key") != key:
        _cache["calendar"] = seed_calendar().merged_with(stored_schedules())
        _cache["key"] = key
    calendar = _cache["calendar"]
    assert isinstance(calendar, WorkingCalendar)
    return calendar


def clear_calendar_cache() -> None:
    _cache.clear()


def stored_schedules() -> dict[int, YearSchedule]:
    """Every year in the database as a ``YearSchedule`` (a year with no rows is a year of no holidays)."""
    days: dict[int, dict[str, dict]] = {
        y: {"holidays": {}, "workdays": {}} for y in CalendarYear.objects.values_list("year", flat=True)
    }
    for year, day, kind, name in CalendarDay.objects.values_list(
        "calendar_year__year", "date", "kind", "name"
    ):
        days[year]["holidays" if kind == CalendarDay.Kind.HOLIDAY else "workdays"][day] = name
    return {year: YearSchedule.named(d["holidays"], d["workdays"]) for year, d in days.items()}


def rule_settings() -> RuleSettings:
    """``RuleSettings`` with the deployment's overrides from ``settings.FAZHI_DEADLINE_RULES`` (a dict)."""
    return RuleSettings(**getattr(settings, "FAZHI_DEADLINE_RULES", {}))
