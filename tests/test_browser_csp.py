"""In Chromium, under the Content-Security-Policy every page is sent with: the pages of each member
of the cast, the admin, the API docs and the public portal run and draw with no script, handler or
style refused; what used to be inline handlers (the year pickers, the delete confirmation) still
works from static/js/fazhi.js."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from fazhi.campaigns.actions import do_accept_submission, do_open_campaign, do_send_report
from fazhi.campaigns.publishing import do_publish_report, do_record_secrecy_review
from fazhi.orgs.models import Region, Role, Unit
from fazhi.records.models import StudySession
from fazhi.reports.actions import do_approve_report, do_create_report, do_submit_report
from fazhi.reports.models import Report
from fazhi.testing import BaseTestCase, browser_login, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def cast(django_user_model):
    region = Region.objects.create(name="天津市南开区", level=Region.Level.COUNTY)
    unit = Unit.objects.create(name="南开区测试局", region=region)

    def person(username, kind, **scope):
        user = django_user_model.objects.create_user(username, password="Pw-for-tests-1")
        if kind:
            Role.objects.create(user=user, kind=kind, **scope)
        return user

    clerk, head = person("clerk", Role.Kind.CLERK, unit=unit), person("head", Role.Kind.HEAD, unit=unit)
    office = person("office", Role.Kind.SUPERVISOR, region=region)
    admin = person("root", None)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    do_open_campaign(region=region, year=2024, acting_user=office)
    report = Report.objects.get(unit=unit, year=2024, genre="law")
    do_submit_report(report, acting_user=clerk)
    do_approve_report(
        report, acting_user=head, reasons=BaseTestCase.reasons_for_errors(report), today=dt.date(2025, 2, 20)
    )
    sent = do_send_report(report, acting_user=clerk, at=dt.datetime(2025, 2, 21, 9, tzinfo=SHANGHAI))
    do_accept_submission(sent, acting_user=office)
    do_record_secrecy_review(report, reviewer="王保密", reviewed_on=dt.date(2025, 3, 3), acting_user=clerk)
    do_publish_report(report, acting_user=head, at=dt.datetime(2025, 3, 10, 9, tzinfo=SHANGHAI))
    draft = do_create_report(unit=unit, year=2025, acting_user=clerk)
    study = StudySession.objects.create(
        unit=unit,
        date=dt.date(2024, 5, 6),
        title="学习宪法",
        form=StudySession.Form.CENTER_GROUP,
        attendees=9,
    )
    return {"region": region, "unit": unit, "draft": draft, "study": study}


class Refusals:
    """What Chromium says it refused (the policy) or failed to run (a script's error)."""

    def __init__(self, page) -> None:
        self.found: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.found.append(f"{page.url}: {error}"))
        self.page = page

    def _console(self, message) -> None:
        if message.type == "error" and (
            "Content Security Policy" in message.text or "Refused" in message.text
        ):
            self.found.append(f"{self.page.url}: {message.text}")

    def visit(self, url: str, ready: str = "main, #content, .swagger-ui") -> None:
        response = self.page.goto(url)
        assert response is not None and response.ok, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        self.page.wait_for_selector(ready)
        self.page.wait_for_load_state("networkidle")


def test_every_page_runs_under_the_policy(live_server, browser, cast):
    base, unit, region = live_server.url, cast["unit"], cast["region"]
    page = browser.new_page()
    refusals = Refusals(page)

    refusals.visit(f"{base}/login/")
    refusals.visit(f"{base}/public/")
    refusals.visit(f"{base}/public/units/{unit.pk}/2024/", ".portal-article")

    browser_login(page, base, "clerk")
    refusals.visit(f"{base}/")
    refusals.visit(f"{base}/units/{unit.pk}/figures/2024/", "[data-code]")
    page.select_option(".year-picker select[name=year]", "2023")  # the year picker, now in fazhi.js
    page.wait_for_url(f"{base}/units/{unit.pk}/figures/2023/")
    refusals.visit(f"{base}/reports/{cast['draft'].pk}/", "#report-editor")
    refusals.visit(f"{base}/units/{unit.pk}/records/study/{cast['study'].pk}/")
    questions: list[str] = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.click("button:has-text('删除')")  # the confirmation, now in fazhi.js
    page.wait_for_selector(".messages")
    assert questions and "确定删除这条记录" in questions[0]
    assert not StudySession.objects.filter(pk=cast["study"].pk).exists()

    page.context.clear_cookies()
    browser_login(page, base, "office")
    refusals.visit(f"{base}/", "#overview-chart svg")
    refusals.visit(f"{base}/regions/{region.pk}/figures/2024/", ".rf-chart svg")
    page.select_option(".year-picker select[name=year]", "2023")
    page.wait_for_url(f"{base}/regions/{region.pk}/figures/2023/")

    page.context.clear_cookies()
    browser_login(page, base, "root")
    refusals.visit(f"{base}/admin/")
    refusals.visit(f"{base}/admin/orgs/role/add/")
    refusals.visit(f"{base}/admin/security/auditentry/")
    refusals.visit(f"{base}/api/docs", ".swagger-ui .info")

    assert refusals.found == []
