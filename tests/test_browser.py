"""In Chromium: a clerk logs in, adds a study session, and sees the unit's figure go up by one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.utils import timezone

from fazhi.orgs.models import Region, Role, Unit

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="chromium 未安装（make test 会安装）"),
]


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def clerk(django_user_model):
    region = Region.objects.create(name="天津市南开区", level=Region.Level.COUNTY)
    unit = Unit.objects.create(name="南开区测试局", region=region)
    user = django_user_model.objects.create_user("clerk", password="Pw-for-tests-1", first_name="张晓")
    Role.objects.create(user=user, kind=Role.Kind.CLERK, unit=unit)
    return user


def figure(page, code: str) -> int:
    return int(page.locator(f'[data-code="{code}"] .value').inner_text().strip().rstrip("次"))


def test_clerk_adds_a_study_session_and_sees_the_figure_rise(live_server, browser, clerk):
    page = browser.new_page()
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", "clerk")
    page.fill("input[name=password]", "Pw-for-tests-1")
    page.click("button[type=submit]")
    page.wait_for_selector('[data-code="study.total"]')
    before = figure(page, "study.total")

    page.click("text=本单位台账")
    page.click("text=学法活动")
    page.click("text=新增学法活动")
    page.fill("input[name=date]", timezone.localdate().isoformat())
    page.fill("input[name=title]", "集体学习《中华人民共和国行政复议法》")
    page.select_option("select[name=form]", label="党组理论学习中心组专题学法")
    page.fill("input[name=attendees]", "12")
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=已新增学法活动")

    page.click("text=首页")
    page.wait_for_selector('[data-code="study.total"]')
    assert figure(page, "study.total") == before + 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "clerk-home.png"), full_page=True)
