"""The official calendar: a year's schedule stored, imported, seeded or deleted; then the due dates it moves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from fazhi.lib.history import attributed as _attributed
from fazhi.lib.history import person
from fazhi.orgs.access import Need, door
from fazhi.records.models import Record

from ..calendar import YearSchedule, chinesecalendar_schedule, chinesecalendar_years
from ..calendar_db import clear_calendar_cache
from ..calendar_text import parse_schedule_text
from ..models import CalendarDay, CalendarYear, DueItem
from .due import sync_record_deadlines


@door(Need.ADMINISTER)
@transaction.atomic
def do_save_calendar_year(
    *,
    year: int,
    schedule: YearSchedule,
    source: str,
    acting_user,
    notice: str = "",
    today: dt.date | None = None,
) -> CalendarYear:
    """Store ``schedule`` as the whole of ``year``'s official schedule, then recompute the due dates it moves."""
    schedule.check(year)
    calendar_year = CalendarYear.objects.filter(year=year).first() or CalendarYear(year=year)
    calendar_year.source, calendar_year.notice = source, notice or calendar_year.notice
    _attributed(calendar_year, acting_user).save()
    for day in calendar_year.days.all():
        _attributed(day, acting_user).delete()
    days = [
        CalendarDay(
            calendar_year=calendar_year, date=d, kind=CalendarDay.Kind.HOLIDAY, name=schedule.names.get(d, "")
        )
        for d in sorted(schedule.holidays)
    ]
    days += [
        CalendarDay(
            calendar_year=calendar_year, date=d, kind=CalendarDay.Kind.WORKDAY, name=schedule.names.get(d, "")
        )
        for d in sorted(schedule.workdays)
    ]
    bulk_create_with_history(
        days, CalendarDay, default_user=person(acting_user)
    )  # a year is ~40 rows, each with history
    do_calendar_year_changed(year, acting_user=acting_user, today=today)
    return calendar_year


@door(Need.ADMINISTER)
@transaction.atomic
def do_import_calendar_year(
    *, year: int, text: str, acting_user, notice: str = "", today: dt.date | None = None
) -> CalendarYear:
    """All or nothing: ``ScheduleTextError`` lists every bad line and nothing is stored."""
    schedule = parse_schedule_text(text, year)
    return do_save_calendar_year(
        year=year,
        schedule=schedule,
        source=CalendarYear.Source.IMPORT,
        acting_user=acting_user,
        notice=notice,
        today=today,
    )


@door(Need.ADMINISTER)
@transaction.atomic
def do_delete_calendar_year(
    calendar_year: CalendarYear, *, acting_user, today: dt.date | None = None
) -> None:
    year = calendar_year.year
    for day in calendar_year.days.all():
        _attributed(day, acting_user).delete()
    _attributed(calendar_year, acting_user).delete()
    do_calendar_year_changed(year, acting_user=acting_user, today=today)


@door(Need.ADMINISTER)
def do_seed_calendar(*, acting_user, years: Iterable[int] | None = None) -> list[int]:
    """Store chinesecalendar's years that the database lacks; a stored year is never overwritten."""
    stored = set(CalendarYear.objects.values_list("year", flat=True))
    added = []
    for year in years or chinesecalendar_years():
        if year not in stored:
            do_save_calendar_year(
                year=year,
                schedule=chinesecalendar_schedule(year),
                source=CalendarYear.Source.SEED,
                acting_user=acting_user,
                notice="chinesecalendar 收录的国务院办公厅节假日安排通知",
            )
            added.append(year)
    return added


@door(Need.ADMINISTER)
@transaction.atomic
def do_calendar_year_changed(year: int, *, acting_user, today: dt.date | None = None) -> int:
    """After a year's schedule changed (here or in the admin): recompute the due dates it can move.

    Those are the unfinished items that were provisional, or whose period touches the year.
    """
    clear_calendar_cache()
    touched = DueItem.objects.exclude(status=DueItem.Status.DONE).filter(
        Q(provisional=True) | Q(start__year__lte=year, due_on__year__gte=year) | Q(due_on__isnull=True)
    )
    records = _records_of(touched.values_list("content_type_id", "object_id").distinct())
    for record in records:
        sync_record_deadlines(record, acting_user=acting_user, today=today)
    return len(records)


def _records_of(pairs: Iterable[tuple[int, int]]) -> list[Record]:
    records = []
    for content_type_id, object_id in pairs:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        record = model.objects.filter(pk=object_id).first() if model else None
        if record is not None:
            records.append(record)
    return records
