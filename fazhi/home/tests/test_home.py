"""The home pages: a supervisor's overview of its region."""

from __future__ import annotations

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
