"""In Chromium: a clerk logs in, adds a study session, and sees the unit's figure go up by one."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

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


def test_clerk_shapes_the_report_types_a_figure_and_nothing_typed_is_lost(live_server, browser, clerk):
    """Add a section, move it up, delete another, type a sentence with a figure and see it bound,
    reload after the autosave and find the text, try to leave with unsaved text and be warned."""
    from fazhi.reports.actions import do_create_report
    from fazhi.reports.models import ReportSection

    unit = clerk.fazhi_roles.get().unit
    report = do_create_report(unit=unit, year=2024, acting_user=clerk)
    page = browser.new_page()
    dialogs: list[str] = []

    def answer(dialog):  # confirm the delete; stay on the page when warned about unsaved text
        dialogs.append(dialog.type)
        dialog.dismiss() if dialog.type == "beforeunload" else dialog.accept()

    page.on("dialog", answer)
    browser_login(page, live_server.url, "clerk")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    part = page.locator("#part-measures")
    for heading in ("加强学习", "规范决策"):
        part.locator("input[name=heading][placeholder^='新小标题']").fill(heading)
        part.locator("button:has-text('添加小标题段落')").click()
        page.wait_for_selector(f"#part-measures .section-heading input[value='{heading}']")
    second = page.locator("#part-measures .section:has(input[value='规范决策'])")
    second.locator("button:has-text('上移')").click()
    # Not wait_for_function: its string is eval'd in the page, which the page's policy refuses.
    expect(page.locator("#part-measures .section-heading input").first).to_have_value("规范决策")
    numbers = page.locator("#part-measures .section-heading")
    assert numbers.nth(0).locator(".num").inner_text() == "（一）"
    assert numbers.nth(0).locator("input").input_value() == "规范决策"
    page.locator("#part-measures .section:has(input[value='加强学习']) button:has-text('删除本段')").click()
    page.wait_for_selector("text=已删除“加强学习”")
    assert list(
        report.sections.exclude(key__endswith=".text")
        .filter(part="measures")
        .values_list("heading", flat=True)
    ) == ["规范决策"]

    section = ReportSection.objects.get(report=report, heading="规范决策")
    box = page.locator(f"#section-{section.pk} textarea[name=text]")
    box.click()
    page.keyboard.type("今年以来共开展各类学法活动3次，真正实现将权利关进制度的笼子。")
    page.wait_for_selector(f'#figures-{section.pk} [data-code="study.total"]')  # bound, after the autosave
    assert "台账为 0次" in page.locator(f"#figures-{section.pk}").inner_text()
    page.wait_for_selector(f'#findings-{section.pk} .finding[data-rule="official-phrase"]')
    assert page.locator("#save-status").inner_text().startswith("已保存")
    page.reload()
    assert (
        page.locator(f"#section-{section.pk} textarea[name=text]")
        .input_value()
        .startswith("今年以来共开展各类学法活动3次")
    )

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-editor.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})  # on a phone: nothing cut off
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "report-editor-390.png"), full_page=False)

    page.locator(f"#section-{section.pk} textarea[name=text]").click()
    page.keyboard.press("End")
    page.keyboard.type("还没保存的一句。")
    page.click("header >> text=首页", no_wait_after=True)  # leaving with the sentence unsaved
    page.wait_for_timeout(500)
    assert dialogs == ["confirm", "beforeunload"]
    assert page.url.endswith(f"/reports/{report.pk}/")  # stayed
    page.wait_for_selector("#save-status:has-text('已保存')")  # what was typed is saved meanwhile
    assert ReportSection.objects.get(pk=section.pk).text.endswith("还没保存的一句。")


def test_clerk_opens_the_disclosure_report_and_follows_a_cell_to_its_records(live_server, browser, clerk):
    """The 政府信息公开工作年度报告's tables filled from the records; a cell leads to the records it counts."""
    from datetime import date

    from fazhi.records.models import DisclosureRequest

    unit = clerk.fazhi_roles.get().unit
    for day, applicant in ((3, "person"), (4, "person"), (5, "business")):
        DisclosureRequest.objects.create(
            unit=unit,
            date=date(2024, 3, day),
            title=f"申请公开第{day}号文件",
            applicant_type=applicant,
            reply_type="public",
            replied_on=date(2024, 3, day + 10),
        )
    page = browser.new_page()
    browser_login(page, live_server.url, "clerk")
    page.goto(f"{live_server.url}/?year=2024")
    page.click("text=2024年政府信息公开工作年度报告表格")
    table3 = page.locator('table[data-table="3"]')
    assert table3.locator('tr[data-row="new"] td[data-column="total"]').inner_text() == "3"
    assert "勾稽关系全部成立" in page.locator("#disclosure-checks").inner_text()
    table3.locator('tr[data-row="public"] td[data-column="person"] a').click()
    page.wait_for_selector("text=共 2 条")
    assert page.locator("table a").all_inner_texts() == ["申请公开第3号文件", "申请公开第4号文件"]
    page.click("text=申请公开第4号文件")
    page.wait_for_selector("text=申请公开第4号文件")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "disclosure-cell-record.png"), full_page=True)


def test_clerk_writes_the_disclosure_report_and_a_wrong_figure_is_named(live_server, browser, clerk):
    """撰写报告正文 opens the editor with the six parts and the tables; part 一 stating a figure the
    tables do not hold is an error naming table, row and column, gone once corrected."""
    from datetime import date

    from fazhi.records.models import DisclosureRequest
    from fazhi.reports.models import Report

    unit = clerk.fazhi_roles.get().unit
    for day in (3, 4):
        DisclosureRequest.objects.create(
            unit=unit,
            date=date(2024, 3, day),
            title=f"申请{day}",
            applicant_type="person",
            reply_type="public",
            replied_on=date(2024, 3, day + 10),
        )
    page = browser.new_page()
    browser_login(page, live_server.url, "clerk")
    page.goto(f"{live_server.url}/units/{unit.pk}/disclosure/2024/")
    page.click("text=撰写报告正文")
    page.wait_for_selector("#part-requests")
    assert page.locator("#part-requests h2 input").input_value() == "收到和处理政府信息公开申请情况"
    table3 = page.locator('#part-requests table[data-table="3"]')
    expect(table3).to_contain_text("本年新收政府信息公开申请数量")
    overview = page.locator("#part-overview textarea").first
    assert "共收到政府信息公开申请2件" in overview.input_value()
    overview.fill(overview.input_value().replace("申请2件", "申请5件"))
    page.wait_for_selector("#save-status:has-text('已保存')")
    page.reload()
    finding = page.locator('.finding[data-rule="disclosure-text"]')
    expect(finding).to_contain_text("申请5件")
    expect(finding).to_contain_text("表三")
    expect(finding).to_contain_text("正文数据与表格不符")
    page.locator("#part-overview textarea").first.fill(overview.input_value().replace("申请5件", "申请2件"))
    page.wait_for_selector("#save-status:has-text('已保存')")
    page.reload()
    expect(page.locator('.finding[data-rule="disclosure-text"]')).to_have_count(0)
    assert Report.objects.get(unit=unit, year=2024, genre="disclosure").status == "draft"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "disclosure-editor.png"), full_page=True)
