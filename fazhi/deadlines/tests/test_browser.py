"""In Chromium: a supervisor logs in, sees a unit's overdue disclosure request among the due items, opens it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.deadlines.actions import sync_record_deadlines
from fazhi.orgs.models import Region, Role, Unit
from fazhi.records.actions import do_create_record
from fazhi.records.kinds import KINDS
from fazhi.testing import browser_login, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture
def overdue_request(django_user_model):
    region = Region.objects.create(name="天津市南开区", level=Region.Level.COUNTY)
    unit = Unit.objects.create(name="南开区测试局", region=region)
    clerk = django_user_model.objects.create_user("clerk", password="Pw-for-tests-1")
    Role.objects.create(user=clerk, kind=Role.Kind.CLERK, unit=unit)
    supervisor = django_user_model.objects.create_user(
        "supervisor", password="Pw-for-tests-1", first_name="韩"
    )
    Role.objects.create(user=supervisor, kind=Role.Kind.SUPERVISOR, region=region)
    today = timezone.localdate()
    record = do_create_record(
        KINDS["request"],
        unit=unit,
        acting_user=clerk,
        data={
            "date": today - dt.timedelta(days=60),
            "title": "申请公开某小区加装电梯审批文件",
            "applicant_type": "person",
        },
    )
    sync_record_deadlines(record, acting_user=clerk, today=today)
    return record


def test_a_supervisor_sees_an_overdue_request_and_opens_it(live_server, browser, overdue_request):
    page = browser.new_page()
    browser_login(page, live_server.url, "supervisor")  # the home page carries the due panel
    overdue = page.locator("#due-panel table.due-items").first
    assert "申请公开某小区加装电梯审批文件" in overdue.inner_text()
    assert "南开区测试局" in page.locator("table.due-units").inner_text()
    overdue.locator("text=申请公开某小区加装电梯审批文件").click()
    page.wait_for_selector("h1:has-text('申请公开某小区加装电梯审批文件')")
    assert f"/records/request/{overdue_request.pk}/" in page.url
