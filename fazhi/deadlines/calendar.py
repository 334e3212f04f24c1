"""The official working-day calendar (工作日历). Pure: no Django.

Each year the State Council publishes its schedule (国务院办公厅关于××年部分节假日安排的
通知): the days off (放假) and the weekend days made working days (调休上班). A
``WorkingCalendar`` holds those schedules for the years it *knows*. The
``chinesecalendar`` package seeds the years it covers. Later years come from the
database, where an admin enters them. The Django side builds ``YearSchedule`` values
from its rows and merges them over the seed with ``seed_calendar().merged_with(...)``.

A day in a year with no known schedule is judged on weekends alone. Every computed
date comes back as a ``Reckoning``. It names the years the result depends on, and it
is ``provisional`` when one of them is unknown, so that no caller guesses silently.

Counting follows 民法典第二百零一条至第二百零三条: the start day is not counted; a
period in months ends on the corresponding day of the last month, or that month's
last day when it has none; a last day that is a rest day moves to the next working
day (see ``roll_forward`` for what "法定休假日" means here).
"""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import chinese_calendar

from fazhi.lib.errors import FazhiError

SATURDAY = 5  # date.weekday(): Monday is 0
WEEKDAY_NAMES = "一二三四五六日"
ONE_DAY = dt.timedelta(days=1)


class CalendarError(FazhiError):
    """A schedule that cannot be right, or a year the seed does not cover."""


@dataclass(frozen=True)
class YearSchedule:
    """One year's official schedule, as the State Council's notice gives it.

    ``holidays``: the days off of the holiday blocks. Weekend days inside a block may
    be listed or left out; either way they are rest days. ``workdays``: weekend days
    made working days (调休). ``names``: optional labels (春节, 国庆节 ...) for display.
    """

    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()
    names: Mapping[dt.date, str] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        # Accept any iterable of dates (a list from a form, a queryset's values_list).
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "workdays", frozenset(self.workdays))

    @classmethod
    def named(cls, holidays: Mapping[dt.date, str], workdays: Mapping[dt.date, str]) -> YearSchedule:
        """The schedule of the days in ``holidays`` and ``workdays``, each mapped to its name."""
        return cls(holidays=frozenset(holidays), workdays=frozenset(workdays), names={**holidays, **workdays})

    def check(self, year: int) -> None:
        """Raise ``CalendarError`` unless every date lies in ``year`` and none is both."""
        stray = sorted(d for d in self.holidays | self.workdays if d.year != year)
        if stray:
            raise CalendarError(
                f"{year}年的节假日安排中含有其他年份的日期：{stray[0].isoformat()}", "stray-date"
            )
        both = sorted(self.holidays & self.workdays)
        if both:
            raise CalendarError(f"{both[0].isoformat()} 不能既是放假日又是调休上班日", "conflict")


def needless_workday(day: dt.date) -> str | None:
    """Why ``day`` cannot be entered as 调休上班: a Monday to Friday is a working day anyway."""
    if day.weekday() < SATURDAY:
        return f"{day.isoformat()} 是星期{WEEKDAY_NAMES[day.weekday()]}，本来就是工作日，无需调休上班"
    return None


@dataclass(frozen=True)
class Reckoning:
    """A computed date and the calendar years its value depends on."""

    date: dt.date
    years: tuple[int, ...]
    unknown_years: tuple[int, ...]

    @property
    def provisional(self) -> bool:
        """True when a year involved has no official schedule (weekends alone were used)."""
        return bool(self.unknown_years)


class WorkingCalendar:
    """Working days and rest days on the official schedules of the known years."""

    def __init__(self, years: Mapping[int, YearSchedule] | None = None) -> None:
        schedules = dict(years or {})
        for year, schedule in schedules.items():
            schedule.check(year)
        self._years: dict[int, YearSchedule] = schedules

    def merged_with(self, years: Mapping[int, YearSchedule]) -> WorkingCalendar:
        """A new calendar where ``years`` replace this calendar's schedule year by year.

        The database overrides the seed: an admin's entry for a year is the whole
        schedule of that year, not a patch over the package's data.
        """
        return WorkingCalendar({**self._years, **years})

    def is_known(self, year: int) -> bool:
        return year in self._years

    def is_working_day(self, day: dt.date) -> bool:
        """Working day on the official schedule; on weekends alone when the year is unknown."""
        schedule = self._years.get(day.year)
        if schedule is not None:
            if day in schedule.workdays:
                return True
            if day in schedule.holidays:
                return False
        return day.weekday() < SATURDAY

    def add_working_days(self, start: dt.date, count: int) -> Reckoning:
        """The ``count``-th working day after ``start``; ``start`` itself is not counted."""
        _require_non_negative(count)
        current, counted = start, 0
        while counted < count:
            current += ONE_DAY
            counted += self.is_working_day(current)
        return self._reckoning(start + ONE_DAY, current) if count else self._reckoning(start, start)

    def count_working_days(self, after: dt.date, through: dt.date) -> int:
        """Working days in the interval (after, through]; e.g. the days a pause lasted."""
        days = (through - after).days
        return sum(self.is_working_day(after + dt.timedelta(days=n)) for n in range(1, days + 1))

    def roll_forward(self, day: dt.date) -> Reckoning:
        """``day`` itself when it is a working day, else the next working day (民法典第二百零三条).

        The article reads: "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的
        最后一日。" We read 法定休假日 as every day on which state organs do not work
        under that year's official schedule. That covers the public holidays of
        《全国年节及纪念日放假办法》 and the weekly rest days (周休息日, 《国务院关于职工
        工作时间的规定》第七条), as the year's notice actually arranges them. A Saturday or
        Sunday made a working day by 调休 is therefore *not* a rest day, and a period
        ending on it ends there. A weekday given off in lieu *is* a rest day. Courts
        read the same words of the 民事诉讼法 期间 section this way, which is the rule
        行政诉讼法 and 行政复议法第八十八条 refer to. The repealed 《民通意见》第198条
        said it outright: "期间的最后一天是星期日或者其他法定休假日，而星期日或者其他
        法定休假日有变通的，以实际休假日的次日为期间的最后一天". "结束的次日" is then the
        first working day after the whole run of rest days (a holiday block together
        with any weekend next to it).
        """
        current = day
        while not self.is_working_day(current):
            current += ONE_DAY
        return self._reckoning(day, current)

    def add_calendar_days(self, start: dt.date, count: int) -> Reckoning:
        """End of a period of ``count`` days (日) from ``start`` (民法典第二百零一条、第二百零三条)."""
        _require_non_negative(count)
        return self.roll_forward(start + dt.timedelta(days=count))

    def add_months(self, start: dt.date, count: int, *, extra_days: int = 0) -> Reckoning:
        """End of a period of ``count`` months (民法典第二百零二条、第二百零三条).

        ``extra_days`` calendar days not counted in the period (a pause) are added
        after the months, before the last day is moved off a rest day.
        """
        _require_non_negative(count)
        _require_non_negative(extra_days)
        return self.roll_forward(shift_months(start, count) + dt.timedelta(days=extra_days))

    def _reckoning(self, first: dt.date, last: dt.date) -> Reckoning:
        """The days first..last were consulted; the result depends on their years."""
        years = tuple(range(min(first.year, last.year), max(first.year, last.year) + 1))
        return Reckoning(last, years, tuple(y for y in years if not self.is_known(y)))


def shift_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later, or that month's last day (民法典第二百零二条)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = stdlib_calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def _require_non_negative(count: int) -> None:
    if count < 0:
        raise CalendarError(f"天数或月数不能为负：{count}", "negative")


# --- the chinesecalendar seed ------------------------------------------------------------


def chinesecalendar_years() -> range:
    """The years chinesecalendar has official data for (1.11.0: 2004–2026)."""
    first = min(d.year for d in chinese_calendar.holidays)
    last = max(d.year for d in chinese_calendar.holidays)
    return range(first, last + 1)


def chinesecalendar_schedule(year: int) -> YearSchedule:
    """Export chinesecalendar's data for ``year`` as a ``YearSchedule`` (to store in the database)."""
    if year not in chinesecalendar_years():
        covered = chinesecalendar_years()
        raise CalendarError(
            f"chinesecalendar 不含{year}年的节假日安排（仅含{covered.start}—{covered.stop - 1}年）",
            "not-covered",
        )
    holidays = _dates_in(chinese_calendar.holidays, year)
    workdays = _dates_in(chinese_calendar.workdays, year)
    return YearSchedule(
        holidays=frozenset(holidays),
        workdays=frozenset(workdays),
        names={**_chinese_names(holidays), **_chinese_names(workdays, suffix="调休上班")},
    )


def _dates_in(table: Mapping[dt.date, str], year: int) -> dict[dt.date, str]:
    return {day: name for day, name in table.items() if day.year == year}


def _chinese_names(table: Mapping[dt.date, str], suffix: str = "") -> dict[dt.date, str]:
    # chinesecalendar's tables hold the English name; its Holiday enum has the Chinese one.
    chinese = {h.value: h.chinese for h in chinese_calendar.Holiday}
    return {day: chinese.get(name, name) + suffix for day, name in table.items()}


def seed_schedules(years: Iterable[int] | None = None) -> dict[int, YearSchedule]:
    """chinesecalendar's schedules by year: what a seed migration stores."""
    chosen = chinesecalendar_years() if years is None else years
    return {year: chinesecalendar_schedule(year) for year in chosen}


@lru_cache(maxsize=1)
def seed_calendar() -> WorkingCalendar:
    """The calendar of every year chinesecalendar covers."""
    return WorkingCalendar(seed_schedules())
