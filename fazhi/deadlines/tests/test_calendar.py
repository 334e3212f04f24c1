"""The working-day calendar: the chinesecalendar seed, schedules entered later, provisional dates."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.deadlines.calendar import (
    CalendarError,
    WorkingCalendar,
    YearSchedule,
    chinesecalendar_schedule,
    chinesecalendar_years,
    seed_calendar,
    shift_months,
)

D = dt.date


def test_it_knows_the_years_chinesecalendar_covers() -> None:
    # chinesecalendar 1.11.0 holds the State Council schedules of 2004 through 2026.
    assert chinesecalendar_years() == range(2004, 2027)
    assert all(seed_calendar().is_known(year) for year in range(2004, 2027))
    assert not seed_calendar().is_known(2003)
    assert not seed_calendar().is_known(2027)


def test_it_follows_the_official_adjusted_days() -> None:
    is_working_day = seed_calendar().is_working_day
    assert is_working_day(D(2024, 9, 29))  # Sunday, 国庆节调休上班
    assert is_working_day(D(2025, 9, 28))  # Sunday, 国庆节调休上班
    assert is_working_day(D(2026, 2, 28))  # Saturday, 春节调休上班
    assert not is_working_day(D(2025, 10, 8))  # Wednesday, 国庆中秋假期
    assert not is_working_day(D(2024, 10, 5))  # Saturday inside the National Day block
    assert not is_working_day(D(2025, 3, 8))  # an ordinary Saturday


def test_a_last_day_in_a_holiday_moves_to_the_first_working_day_after_it() -> None:
    # 10-01..10-08 off; 10-09 Thu is the first working day after.
    result = seed_calendar().roll_forward(D(2025, 10, 1))
    assert result.date == D(2025, 10, 9)
    assert not result.provisional


def test_it_does_not_count_the_start_day() -> None:
    # 2025-03-03 Mon: 1 working day later is Tue 03-04; 0 is the day itself.
    assert seed_calendar().add_working_days(D(2025, 3, 3), 1).date == D(2025, 3, 4)
    assert seed_calendar().add_working_days(D(2025, 3, 3), 0).date == D(2025, 3, 3)


def test_it_exports_a_year_of_chinesecalendar_as_a_schedule() -> None:
    schedule = chinesecalendar_schedule(2025)
    assert D(2025, 10, 8) in schedule.holidays
    assert schedule.workdays == {
        D(2025, 1, 26),
        D(2025, 2, 8),
        D(2025, 4, 27),
        D(2025, 9, 28),
        D(2025, 10, 11),
    }
    assert schedule.names[D(2025, 1, 29)] == "春节"
    assert schedule.names[D(2025, 9, 28)] == "国庆节调休上班"


def test_it_refuses_to_export_a_year_chinesecalendar_lacks() -> None:
    with pytest.raises(CalendarError, match="不含2027年"):
        chinesecalendar_schedule(2027)


def test_a_calendar_rebuilt_from_exported_schedules_matches_the_seed() -> None:
    # What a seed migration stores and the database hands back must give the same answers.
    rebuilt = WorkingCalendar({2025: chinesecalendar_schedule(2025)})
    days = [D(2025, 1, 1) + dt.timedelta(days=n) for n in range(365)]
    assert [rebuilt.is_working_day(d) for d in days] == [seed_calendar().is_working_day(d) for d in days]


def test_an_entered_year_replaces_the_weekends_only_guess() -> None:
    # A made-up 2027 schedule, as an admin would enter the State Council's notice.
    entered = YearSchedule(holidays={D(2027, 1, 1)}, workdays={D(2027, 1, 9)})
    calendar = seed_calendar().merged_with({2027: entered})
    assert calendar.is_known(2027)
    assert not calendar.is_working_day(D(2027, 1, 1))  # Friday, now a holiday
    assert calendar.is_working_day(D(2027, 1, 9))  # Saturday, now a working day
    assert calendar.is_working_day(D(2026, 9, 20))  # the seed's 2026 is kept


def test_an_entered_year_overrides_the_seed_for_that_year() -> None:
    corrected = YearSchedule(holidays={D(2026, 12, 31)})
    calendar = seed_calendar().merged_with({2026: corrected})
    assert not calendar.is_working_day(D(2026, 12, 31))
    assert calendar.is_working_day(D(2026, 10, 1))  # the whole year is replaced, not patched


def test_it_marks_a_date_in_an_unknown_year_provisional() -> None:
    # 2026-12-31 Thu; 2027 is unknown, so Fri 2027-01-01 counts as a working day (weekends only).
    result = seed_calendar().add_working_days(D(2026, 12, 31), 1)
    assert result.date == D(2027, 1, 1)
    assert result.provisional
    assert result.years == (2027,)
    assert result.unknown_years == (2027,)


def test_it_rejects_a_schedule_with_dates_of_another_year() -> None:
    with pytest.raises(CalendarError, match="其他年份"):
        WorkingCalendar({2027: YearSchedule(holidays={D(2026, 12, 31)})})


def test_it_rejects_a_day_that_is_both_off_and_working() -> None:
    with pytest.raises(CalendarError, match="既是放假日又是调休上班日"):
        YearSchedule(holidays={D(2027, 1, 2)}, workdays={D(2027, 1, 2)}).check(2027)


def test_it_counts_working_days_in_a_pause() -> None:
    # (2025-09-26, 2025-10-10]: 09-28 Sun 调休, 09-29, 09-30, 10-09, 10-10 -> 5 working days.
    assert seed_calendar().count_working_days(D(2025, 9, 26), D(2025, 10, 10)) == 5


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2025, 7, 1), 3, D(2025, 10, 1)),  # the corresponding day
        (D(2025, 11, 30), 3, D(2026, 2, 28)),  # February has no 30th: its last day
        (D(2023, 11, 30), 3, D(2024, 2, 29)),  # leap year
        (D(2025, 8, 31), 1, D(2025, 9, 30)),
        (D(2025, 12, 15), 1, D(2026, 1, 15)),  # across the year end
    ],
)
def test_it_shifts_months_per_civil_code_article_202(start: dt.date, months: int, expected: dt.date) -> None:
    assert shift_months(start, months) == expected
