"""In Chromium, the whole campaign cycle: the office opens the board and a sent report and returns it
with a comment; the clerk sees the comment in the editor and fixes the text; the head approves and
sends; the office accepts; the board shows 已接收."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.campaigns.actions import do_open_campaign, do_send_report
from fazhi.orgs.models import Region, Role, Unit
from fazhi.reports.actions import do_approve_report, do_create_report, do_submit_report
from fazhi.reports.models import Report, ReportSection
from fazhi.testing import BaseTestCase, browser_login, needs_chromium

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture
def cast(django_user_model):
    region = Region.objects.create(name="天津市南开区", level=Region.Level.COUNTY)
    unit = Unit.objects.create(name="南开区测试局", region=region)

    def person(username, name, kind, **scope):
        user = django_user_model.objects.create_user(username, password="Pw-for-tests-1", first_name=name)
        Role.objects.create(user=user, kind=kind, **scope)
        return user

    clerk = person("clerk", "张晓", Role.Kind.CLERK, unit=unit)
    head = person("head", "李明", Role.Kind.HEAD, unit=unit)
    office = person("office", "韩明远", Role.Kind.SUPERVISOR, region=region)
    report = do_create_report(unit=unit, year=2025, acting_user=clerk)
    do_submit_report(report, acting_user=clerk)
    do_approve_report(report, acting_user=head, reasons=BaseTestCase.reasons_for_errors(report))
    campaign = do_open_campaign(region=region, year=2025, acting_user=office)
    do_send_report(report, acting_user=clerk)
    return {"report": report, "campaign": campaign}


def sign_in(browser, base, username):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    browser_login(page, base, username)
    return page


def test_return_fix_approve_send_accept(live_server, browser, cast):
    base, report = live_server.url, cast["report"]
    section = report.sections.exclude(heading="").order_by("position").first()  # 履行第一责任人职责…

    office = sign_in(browser, base, "office")
    office.click("text=报送任务")
    office.click(f"text={cast['campaign']}")
    assert office.locator('[data-unit="南开区测试局"] .status').inner_text() == "已报送待审阅"
    office.click("a:has-text('南开区测试局')")
    office.fill("textarea[name=comment]", "请补充本年度重大行政决策的情况。")
    office.click("summary:has-text('对各段的意见')")
    office.fill(f"textarea[name='section-{section.key}']", "本段请写明学法的次数和形式。")
    office.click("button:has-text('退回修改')")
    office.wait_for_selector("text=已退回南开区测试局的报告")
    assert office.locator('[data-unit="南开区测试局"] .status').inner_text() == "已退回"

    clerk = sign_in(browser, base, "clerk")
    assert clerk.locator(".inbox-link .badge").inner_text() == "1"
    clerk.click(".inbox-link")
    clerk.click("button:has-text('退回了2025年度报告')")  # the notice leads to the editor
    clerk.wait_for_selector(f"#section-{section.pk} .office-note")
    assert "本段请写明学法的次数和形式" in clerk.locator(f"#section-{section.pk} .office-note").inner_text()
    assert "请补充本年度重大行政决策的情况" in clerk.locator(".office-comment").inner_text()
    clerk.locator(f"#section-{section.pk} textarea[name=text]").fill("全年开展集体学法4次，其中专题讲座2次。")
    clerk.click("button:has-text('提交主要负责人审定')")  # at once: what was typed is saved first
    clerk.wait_for_selector("text=报告已提交主要负责人审定")
    section.refresh_from_db()
    assert section.text == "全年开展集体学法4次，其中专题讲座2次。"

    head = sign_in(browser, base, "head")
    head.goto(f"{base}/reports/{report.pk}/")
    for reason in head.locator("form.approve textarea").all():  # the gate: a reason for each error left
        reason.fill("经核实，按现稿审定。")
    head.click("button:has-text('审定通过')")
    head.wait_for_selector("text=报告已审定")
    head.click("button:has-text('报送依法治区办')")
    head.wait_for_selector("text=报告已报送依法治区办")

    office.goto(f"{base}/campaigns/{cast['campaign'].pk}/")
    assert office.locator('[data-unit="南开区测试局"] .status').inner_text() == "已报送待审阅"
    office.click("a:has-text('南开区测试局')")
    assert "全年开展集体学法4次" in office.locator(".review-document").inner_text()
    office.click("button:has-text('接收')")
    office.wait_for_selector("text=已接收南开区测试局的报告")
    assert office.locator('[data-unit="南开区测试局"] .status').inner_text() == "已接收"
    ARTIFACTS.mkdir(exist_ok=True)
    office.screenshot(path=str(ARTIFACTS / "campaign-board.png"), full_page=True)

    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED
    assert report.versions.count() == 2
    assert ReportSection.objects.get(pk=section.pk).text == "全年开展集体学法4次，其中专题讲座2次。"
