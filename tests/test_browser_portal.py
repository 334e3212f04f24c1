"""In Chromium, a published report on the public portal at a phone's 390 px and at desktop width:
no login, nothing wider than the screen, the correction history beside the text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from fazhi.campaigns.actions import do_accept_submission, do_open_campaign, do_send_report
from fazhi.campaigns.publishing import do_publish_report, do_record_secrecy_review
from fazhi.orgs.models import Region, Role, Unit
from fazhi.reports.actions import do_approve_report, do_submit_report
from fazhi.reports.models import Report
from fazhi.testing import BaseTestCase, needs_chromium

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
pytestmark = [pytest.mark.browser, needs_chromium]
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def published(django_user_model):
    region = Region.objects.create(name="天津市南开区", level=Region.Level.COUNTY)
    unit = Unit.objects.create(name="南开区测试局", region=region)

    def person(username, kind, **scope):
        user = django_user_model.objects.create_user(username, password="Pw-for-tests-1")
        Role.objects.create(user=user, kind=kind, **scope)
        return user

    clerk, head = person("clerk", Role.Kind.CLERK, unit=unit), person("head", Role.Kind.HEAD, unit=unit)
    office = person("office", Role.Kind.SUPERVISOR, region=region)
    do_open_campaign(region=region, year=2024, acting_user=office)
    report = Report.objects.get(unit=unit, year=2024, genre="law")
    do_submit_report(report, acting_user=clerk)
    do_approve_report(
        report, acting_user=head, reasons=BaseTestCase.reasons_for_errors(report), today=dt.date(2025, 2, 20)
    )
    sent = do_send_report(report, acting_user=clerk, at=dt.datetime(2025, 2, 21, 9, tzinfo=SHANGHAI))
    do_accept_submission(sent, acting_user=office)
    do_record_secrecy_review(report, reviewer="王保密", reviewed_on=dt.date(2025, 3, 3), acting_user=clerk)
    return do_publish_report(report, acting_user=head, at=dt.datetime(2025, 3, 10, 9, tzinfo=SHANGHAI))


@pytest.mark.parametrize("width", [390, 1280])
def test_a_published_report_reads_well_on_a_phone_and_a_desktop(live_server, browser, published, width):
    page = browser.new_context(viewport={"width": width, "height": 844}).new_page()
    page.goto(f"{live_server.url}/public/")
    page.click("text=天津市南开区")
    page.click("text=南开区测试局")
    page.click("text=南开区测试局2024年度法治政府建设情况报告")
    page.wait_for_selector(".portal-article")
    assert page.locator("h1.doc-title").inner_text() == "南开区测试局2024年度法治政府建设情况报告"
    meta = page.locator(".doc-meta").inner_text()
    assert "发布机构" in meta and "2025年3月10日" in meta and "2025年2月20日" in meta
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing runs off the screen
    assert page.locator("a:has-text('Word 版')").count() == 1
    assert "/login/" not in page.url
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"public-report-{width}.png"), full_page=False)
