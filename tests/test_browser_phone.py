"""In Chromium at a phone's 390 px: the top bar's links read as whole words and nothing runs off the
screen (wide tables scroll inside their own box), on the pages a clerk, a head and the office open most."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from fazhi.orgs.models import Region, Role, Unit
from fazhi.records.models import StudySession
from fazhi.testing import browser_login, needs_chromium

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PHONE = {"width": 390, "height": 844}
pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture
def cast(django_user_model):
    region = Region.objects.create(name="天津市南开区", level=Region.Level.COUNTY)
    unit = Unit.objects.create(name="天津市南开区司法局", region=region)
    Unit.objects.create(name="天津市南开区市场监督管理局", region=region)

    def person(username, name, kind, **scope):
        user = django_user_model.objects.create_user(username, password="Pw-for-tests-1", first_name=name)
        Role.objects.create(user=user, kind=kind, **scope)
        return user

    person("zhang", "张晓", Role.Kind.CLERK, unit=unit)
    person("li", "李明", Role.Kind.HEAD, unit=unit)
    person("han", "韩明远", Role.Kind.SUPERVISOR, region=region)
    StudySession.objects.create(
        unit=unit,
        date=dt.date(2024, 5, 6),
        title="党组理论学习中心组集体学习《中华人民共和国行政复议法》及配套规定",
        form=StudySession.Form.CENTER_GROUP,
    )
    return {"unit": unit, "region": region}


def nav_link_lines(page) -> dict[str, float]:
    """Each top-bar link's height, in lines of its text."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.topbar nav a')].map(a => {
            const style = getComputedStyle(a);
            const line = parseFloat(style.lineHeight) || 1.6 * parseFloat(style.fontSize);
            return [a.textContent.trim(), a.getBoundingClientRect().height / line];
        }))"""
    )


def phone(browser, base: str, username: str):
    page = browser.new_context(viewport=PHONE).new_page()
    browser_login(page, base, username)
    return page


def assert_fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} 宽 {width}px"


@pytest.mark.parametrize("username", ["zhang", "li", "han"])
def test_the_home_page_fits_a_phone(live_server, browser, cast, username):
    page = phone(browser, live_server.url, username)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"home-390-{username}.png"), full_page=False)
    lines = nav_link_lines(page)
    assert "首页" in lines and "年度报告" in lines
    assert all(n <= 2 for n in lines.values()), lines  # was one character a line
    assert_fits(page)


def test_the_clerks_and_the_offices_pages_fit_a_phone(live_server, browser, cast):
    unit, region = cast["unit"], cast["region"]
    pages = {
        "zhang": [
            reverse("records:list-kinds", args=[unit.pk]),
            reverse("records:list-records", args=[unit.pk, "study"]) + "?indicator=study.total",
            reverse("records:show-figures", args=[unit.pk, 2024]),
            reverse("reports:list-reports"),
            reverse("deadlines:list-due"),
            reverse("inbox:list-notices"),
        ],
        "han": [
            reverse("campaigns:list-campaigns"),
            reverse("home:show-region-figures", args=[region.pk, 2024]),
        ],
    }
    for username, urls in pages.items():
        page = phone(browser, live_server.url, username)
        for url in urls:
            page.goto(live_server.url + url)
            assert_fits(page)


def test_the_top_bar_stays_one_row_on_a_desktop(live_server, browser, cast):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    browser_login(page, live_server.url, "zhang")
    assert page.locator(".topbar").bounding_box()["height"] <= 52
    assert all(n <= 1.05 for n in nav_link_lines(page).values())
