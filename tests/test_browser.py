"""In Chromium: a clerk logs in, adds a study session, and sees the unit's figure go up by one."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone

from fazhi.orgs.models import Region, Role, Unit
from fazhi.testing import browser_login, needs_chromium

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = [pytest.mark.browser, needs_chromium]


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
    browser_login(page, live_server.url, "clerk")
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


def test_clerk_edits_a_report_section_and_sees_a_finding_come_and_go(live_server, browser, clerk):
    from fazhi.reports.actions import do_create_report
    from fazhi.reports.models import ReportSection

    unit = clerk.fazhi_roles.get().unit
    report = do_create_report(unit=unit, year=2024, acting_user=clerk)
    section = report.sections.get(key="leadership.duties")
    page = browser.new_page()
    browser_login(page, live_server.url, "clerk")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    finding = f'#section-{section.pk} .finding[data-rule="official-phrase"]'
    textarea = page.locator(f"#section-{section.pk} textarea[name=text]")
    textarea.fill("带头学法，真正实现将权利关进制度的笼子。")  # checked as typed, before saving
    page.wait_for_selector(finding)
    assert "权力" in page.locator(finding).inner_text()
    textarea.fill("带头学法，真正实现将权力关进制度的笼子。")
    page.wait_for_selector(finding, state="detached")
    page.locator(f"#section-{section.pk} button:has-text('保存本段')").click()
    page.wait_for_selector(f"#section-{section.pk} .saved")
    assert page.locator(finding).count() == 0
    assert ReportSection.objects.get(pk=section.pk).text == "带头学法，真正实现将权力关进制度的笼子。"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-editor.png"), full_page=True)
