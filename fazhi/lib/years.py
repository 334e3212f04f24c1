"""The report year a page is asked for, and the years a year picker offers."""

from __future__ import annotations

from django import forms
from django.utils import timezone

FIRST_YEAR, LAST_YEAR = 2000, 2100


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


def recent_years(count: int = 6) -> list[int]:
    """The years a year picker offers: this year and the ones before, newest first."""
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - count, -1))
