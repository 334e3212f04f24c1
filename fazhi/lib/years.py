"""The report year a page is asked for, and the years a year picker offers."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

FIRST_YEAR, LAST_YEAR = 2000, 2100
OUT_OF_RANGE = "年份“{year}”超出范围：只能查看{first}年至{last}年。"


def year_field() -> forms.IntegerField:
    """The optional ``?year=`` of a page, within the years the ledgers can hold."""
    return forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False)


class _YearForm(forms.Form):
    year = year_field()


def year_from(request) -> int:
    """The year a page is asked for (``?year=``), else the current year."""
    form = _YearForm(request.GET)
    if form.is_valid() and form.cleaned_data["year"]:
        return form.cleaned_data["year"]
    return timezone.localdate().year


def year_in_path(year: int) -> int:
    """The year of a page's path (``/figures/2024/``): one the ledgers can hold, else "not found"."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(OUT_OF_RANGE.format(year=year, first=FIRST_YEAR, last=LAST_YEAR))
    return year


def validate_ledger_date(value: dt.date) -> None:
    """A date a ledger holds: within the years the ledgers, their deadlines and their reports can hold."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            f"日期须在{FIRST_YEAR}年至{LAST_YEAR}年之间（填写的是{value.isoformat()}）。",
            code="year-out-of-range",
        )


def recent_years(count: int = 6) -> list[int]:
    """The years a year picker offers: this year and the ones before, newest first."""
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - count, -1))
