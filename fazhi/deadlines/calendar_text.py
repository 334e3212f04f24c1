"""A year's official schedule as plain text, for the admin's import. Pure: no Django.

One line per day or run of days, fields separated by commas or spaces (so a CSV
saved from Excel reads too); ``#`` starts a comment::

    # 国务院办公厅关于2027年部分节假日安排的通知
    2027-01-01, 放假, 元旦
    2027-02-06 至 2027-02-12, 放假, 春节
    2027-02-14, 上班, 春节调休上班

The kind is 放假 (or 休, holiday) or 上班 (or 班, workday). Every problem is reported
with its line number, and nothing is imported unless the whole text is right.
"""

from __future__ import annotations

import datetime as dt
import re

from .calendar import CalendarError, YearSchedule, needless_workday

HOLIDAY_WORDS = {"放假", "休", "休息", "holiday"}
WORKDAY_WORDS = {"上班", "班", "调休上班", "workday"}
RANGE = re.compile(r"^(\S+?)\s*(?:至|到|~|～|—|--)\s*(\S+)$")
MAX_ERRORS = 20


class ScheduleTextError(CalendarError):
    """Lines that cannot be read; ``errors`` holds one Chinese message per problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("节假日安排有误，未导入任何日期：" + "；".join(errors[:MAX_ERRORS]), "bad-schedule")
        self.errors = errors


def parse_schedule_text(text: str, year: int) -> YearSchedule:
    """``YearSchedule`` for ``year`` from the text, or ``ScheduleTextError`` listing every bad line."""
    holidays: dict[dt.date, str] = {}
    workdays: dict[dt.date, str] = {}
    errors: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            days, kind, name = _parse_line(line, year)
        except CalendarError as error:
            errors.append(f"第{number}行：{error.message}")
            continue
        target, other = (holidays, workdays) if kind == "holiday" else (workdays, holidays)
        for day in days:
            if day in other:
                errors.append(f"第{number}行：{day.isoformat()} 不能既是放假日又是调休上班日")
            target[day] = name
    if not holidays and not workdays and not errors:
        errors.append(f"没有读到任何日期；每行应为“日期, 放假或上班, 名称”，例如“{year}-01-01, 放假, 元旦”")
    if errors:
        raise ScheduleTextError(errors)
    return YearSchedule.named(holidays, workdays)


def _parse_line(line: str, year: int) -> tuple[list[dt.date], str, str]:
    fields = _fields(line)
    if len(fields) < 2:
        raise CalendarError(f"缺少类型（放假或上班）：“{line}”")
    days, kind, name = _days(fields[0], year), _kind(fields[1]), "".join(fields[2:])[:40]
    if kind == "workday":
        for day in days:
            problem = needless_workday(day)
            if problem:
                raise CalendarError(problem)
    return days, kind, name


def _fields(line: str) -> list[str]:
    """Date (or range), kind, name: comma-separated, or space-separated with "A 至 B" kept together."""
    line = line.replace("，", ",")
    if "," in line:
        return [f.strip() for f in line.split(",") if f.strip()]
    tokens = line.split()
    if len(tokens) >= 3 and RANGE.match(" ".join(tokens[:3])):
        return [" ".join(tokens[:3]), *tokens[3:]]
    return tokens


def _kind(word: str) -> str:
    if word in HOLIDAY_WORDS:
        return "holiday"
    if word in WORKDAY_WORDS:
        return "workday"
    raise CalendarError(f"类型“{word}”无法识别，应为“放假”或“上班”")


def _days(when: str, year: int) -> list[dt.date]:
    match = RANGE.match(when)
    first, last = (match.group(1), match.group(2)) if match else (when, when)
    start, end = _date(first, year), _date(last, year)
    if end < start:
        raise CalendarError(f"起止日期颠倒：{start.isoformat()} 至 {end.isoformat()}")
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def _date(text: str, year: int) -> dt.date:
    normalised = re.sub(r"[年月/.]", "-", text.strip()).rstrip("日")
    try:
        parts = [int(p) for p in normalised.split("-")]
        day = dt.date(*parts) if len(parts) == 3 else None
    except ValueError:
        day = None
    if day is None:
        raise CalendarError(f"日期“{text}”无效，应为 YYYY-MM-DD，例如 {year}-10-01")
    if day.year != year:
        raise CalendarError(f"日期 {day.isoformat()} 不在{year}年")
    return day
