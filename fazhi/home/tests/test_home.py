"""The home pages: a supervisor's overview of its region; a head's reports to approve."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse

from fazhi.orgs.models import Role
from fazhi.testing import BaseTestCase


class OverviewChartTest(BaseTestCase):
    def test_the_supervisor_sees_a_chart_of_the_regions_units(self):
        self.make_study(self.unit_b)
        self.make_study(self.unit_b)
        self.client.force_login(self.han)
        page = self.client.get("/?year=2024")
        chart = page.context["chart"]
        self.assertEqual(chart["units"], ["甲局", "乙局"])
        study = next(s for s in chart["series"] if s["name"].startswith("学法活动次数"))
        self.assertEqual(study["data"], [0, 2])
        self.assertContains(page, 'id="overview-chart-data"')
        self.assertContains(page, "vendor/echarts-5.6.0/echarts.min.js")


class ReportsToApproveTest(BaseTestCase):
    """A head's home lists the reports of the units they head that wait for their approval."""

    def setUp(self) -> None:
        from fazhi.reports.actions import do_create_report, do_submit_report

        self.report = do_create_report(unit=self.unit_a, year=2024, acting_user=self.zhang)
        do_submit_report(self.report, acting_user=self.zhang)
        self.draft = do_create_report(unit=self.unit_a, year=2023, acting_user=self.zhang)

    def listed(self, user) -> list:
        self.client.force_login(user)
        page = self.client.get("/")
        self.assertEqual(page.status_code, 200)
        return page.context["to_approve"]

    def test_the_head_sees_the_submitted_report_with_a_link_to_the_editor(self):
        self.assertEqual(self.listed(self.li), [self.report])
        page = self.client.get("/")
        self.assertContains(page, "待您审定的年度报告")
        self.assertContains(page, f'href="{reverse("reports:edit-report", args=[self.report.pk])}"')
        self.assertNotContains(page, f'data-report="{self.draft.pk}"')

    def test_a_clerk_of_the_same_unit_gets_no_list(self):
        self.assertEqual(self.listed(self.zhang), [])
        self.assertNotContains(self.client.get("/"), "待您审定")

    def test_the_head_of_another_unit_does_not_see_it(self):
        other_head = get_user_model().objects.create_user("zhao", password="Pw-for-tests-1")
        Role.objects.create(user=other_head, kind=Role.Kind.HEAD, unit=self.unit_b)
        self.assertEqual(self.listed(other_head), [])
        self.assertNotContains(self.client.get("/"), "待您审定")

    def test_an_approved_report_leaves_the_list(self):
        from fazhi.reports.actions import do_approve_report

        do_approve_report(self.report, acting_user=self.li, reasons=self.reasons_for_errors(self.report))
        self.assertEqual(self.listed(self.li), [])
