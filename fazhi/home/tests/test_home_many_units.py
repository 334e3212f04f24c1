"""A supervisor of many units (issue 14, item 6): the sub-regions summed up, the units paged.

The page size is made 1 so that the test cast's three units are "many": 周 (the city) sees 南开
(units A and B) and 河西 (unit C) summed, and one unit a page; 南开's row drills down to it.
"""

from __future__ import annotations

from datetime import date
from unittest import mock

from django.urls import reverse

from fazhi.testing import BaseTestCase


def study_total(figures) -> int:
    return next(f.value for f in figures if f.indicator.code == "study.total")


@mock.patch("fazhi.home.views.PAGE_SIZE", 1)
class ManyUnitsTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for unit, count in ((cls.unit_a, 2), (cls.unit_b, 3), (cls.unit_c, 4)):
            for n in range(count):
                cls.make_study(unit, title=f"学习{n}")
        cls.make_study(cls.unit_a, on=date(2023, 5, 6), title="去年的学习")

    def home(self, user, query: str = ""):
        self.client.force_login(user)
        page = self.client.get(f"/?year=2024{query}")
        self.assertEqual(page.status_code, 200)
        return page

    def test_the_city_sees_its_districts_summed_up_and_one_unit_a_page(self):
        page = self.home(self.zhou)
        rows = page.context["subregions"]
        self.assertEqual([(r.region, r.units) for r in rows], [(self.region1, 2), (self.region2, 1)])
        self.assertEqual([study_total(r.figures) for r in rows], [5, 4])
        self.assertEqual([u for u, _ in page.context["overview"]], [self.unit_a])
        self.assertEqual(page.context["chart"]["units"], ["天津市南开区", "天津市河西区"])
        self.assertContains(page, f'href="?year=2024&region={self.region1.pk}"')
        self.assertContains(page, reverse("home:show-region-figures", args=[self.region1.pk, 2024]))
        self.assertContains(page, "下一页")
        second = self.home(self.zhou, "&page=2")
        self.assertEqual([u for u, _ in second.context["overview"]], [self.unit_b])
        self.assertEqual(study_total(second.context["overview"][0][1]), 3)

    def test_a_district_drilled_into_shows_its_units_only(self):
        page = self.home(self.zhou, f"&region={self.region1.pk}")
        self.assertEqual(page.context["shown_region"], self.region1)
        self.assertEqual(page.context["subregions"], [])
        self.assertEqual(page.context["page_obj"].paginator.count, 2)
        self.assertContains(page, "返回上级区域")
        last = self.home(self.zhou, f"&region={self.region1.pk}&page=9")  # past the end: the last page
        self.assertEqual([u for u, _ in last.context["overview"]], [self.unit_b])

    def test_a_region_the_user_does_not_supervise_is_not_shown(self):
        page = self.home(self.han, f"&region={self.region2.pk}")
        self.assertEqual(page.context["shown_region"], self.region1)
        self.assertEqual([u for u, _ in page.context["overview"]], [self.unit_a])
        self.assertNotContains(page, "丙局")
        self.assertNotContains(page, "返回上级区域")  # the city above is not 韩's

    def test_the_admin_sees_the_top_regions(self):
        page = self.home(self.admin)
        self.assertEqual([r.region for r in page.context["subregions"]], [self.region1, self.region2])
