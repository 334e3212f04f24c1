"""``?year=`` of a page and the year picker's years."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.test import RequestFactory

from fazhi.lib.years import recent_years, year_from

TODAY = dt.date(2025, 3, 10)


@pytest.fixture(autouse=True)
def today():
    with mock.patch("fazhi.lib.years.timezone.localdate", return_value=TODAY):
        yield


def get(query: str):
    return RequestFactory().get(f"/?{query}")


def test_a_page_shows_the_year_asked_for() -> None:
    assert year_from(get("year=2023")) == 2023


@pytest.mark.parametrize("query", ["", "year=", "year=abc", "year=1999", "year=2101"])
def test_a_page_shows_the_current_year_when_none_or_no_valid_one_is_asked(query: str) -> None:
    assert year_from(get(query)) == 2025


def test_other_parameters_do_not_hide_the_year() -> None:
    assert year_from(get("year=2023&q=" + "长" * 200 + "&page=0")) == 2023


def test_the_picker_offers_this_year_and_the_ones_before_newest_first() -> None:
    assert recent_years() == [2025, 2024, 2023, 2022, 2021, 2020]
    assert recent_years(2) == [2025, 2024]
