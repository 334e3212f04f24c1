"""The region's own figures (issue 11, item 7): the region-year over its units, counted by hand.

南开 (region 1): unit A and unit B; 河西 (region 2): unit C. A region's rate is its units'
numerators over their denominators, never the mean of their rates; an average is weighted.
"""

from __future__ import annotations

import io
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.indicators import INDICATORS, Average, Ratio
from fazhi.orgs.queries import units_of_region
from fazhi.records.figures import Tally, compute_region_figures, compute_region_years, compute_unit_figures
from fazhi.records.models import Exam, Proposal, Training
from fazhi.testing import BaseTestCase

YEAR = 2024
# What the catalogue is computed from: counts, sums (a rate has two) and weighted averages ask one
# query per record kind and dating field (a request dated by its receipt or by its answer),
# whatever the number of units and years.
PARTS = {
    repr(part): part
    for i in INDICATORS
    for part in (
        (i.compute.numerator, i.compute.denominator) if isinstance(i.compute, Ratio) else (i.compute,)
    )
}.values()
QUERIES = len({(p.kind, getattr(p, "dated_by", "date")) for p in PARTS})


def proposal(unit, *, replied: bool, on: date = date(2024, 3, 1)) -> Proposal:
    return Proposal.objects.create(
        unit=unit,
        date=on,
        title="关于加强社区普法的建议",
        proposal_type=Proposal.Type.NPC,
        level=Proposal.Level.DISTRICT,
        replied_on=date(2024, 4, 1) if replied else None,
    )


def xi_exam(unit, *, eligible: int, takers: int, score: str, on: date = date(2024, 10, 10)) -> Exam:
    return Exam.objects.create(
        unit=unit,
        date=on,
        title=f"习近平法治思想专题考试{on:%m%d}",
        exam_type=Exam.Type.XI_THOUGHT,
        eligible_count=eligible,
        taker_count=takers,
        average_score=score,
    )


def value(figures, code: str):
    return next(f.value for f in figures if f.indicator.code == code)


class RegionLedgers(BaseTestCase):
    """By hand, 2024:

    | | unit A | unit B | 南开 | unit C (河西) | 天津市 |
    |---|---|---|---|---|---|
    | 学法活动 | 2 | 3 | 5 | 4 | 9 |
    | 建议提案 (答复) | 1 (1) = 100% | 3 (1) = 33.33% | 4 (2) = **50%**, not 66.67% | 1 (0) | 5 (2) = 40% |
    | 参训 / 结业 | 10 / 10 | 30 / 15 | 40 / 25 = **62.5%**, not 75% | | |
    | 专题考试 参考/应考, 平均分 | 10/10, 90 | 20/25 at 70, 10/15 at 85 | 40/50 = 80%; 3150/40 = **78.75** | | |

    Unit B's mean is (20×70 + 10×85) / 30 = 75; the mean of the units' means would be 82.5,
    the unweighted mean of the exams 81.67. Unit A also studied once in 2023.
    """

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for unit, count in ((cls.unit_a, 2), (cls.unit_b, 3), (cls.unit_c, 4)):
            for n in range(count):
                cls.make_study(unit, title=f"学习宪法{n}")
        cls.make_study(cls.unit_a, on=date(2023, 6, 1), title="学习民法典")
        proposal(cls.unit_a, replied=True)
        proposal(cls.unit_b, replied=True)
        proposal(cls.unit_b, replied=False)
        proposal(cls.unit_b, replied=False, on=date(2024, 5, 1))
        proposal(cls.unit_c, replied=False)
        Training.objects.create(
            unit=cls.unit_a, date=date(2024, 6, 1), title="网上培训", enrolled_count=10, completed_count=10
        )
        Training.objects.create(
            unit=cls.unit_b, date=date(2024, 6, 1), title="网上培训", enrolled_count=30, completed_count=15
        )
        xi_exam(cls.unit_a, eligible=10, takers=10, score="90")
        xi_exam(cls.unit_b, eligible=25, takers=20, score="70")
        xi_exam(cls.unit_b, eligible=15, takers=10, score="85", on=date(2024, 11, 11))
        cls.nankai = [cls.unit_a.pk, cls.unit_b.pk]


class RegionFiguresByHandTest(RegionLedgers):
    def test_counts_and_sums_add_up_over_the_units(self):
        figures = compute_region_figures(self.nankai, YEAR)
        self.assertEqual(value(figures, "study.total"), 5)
        self.assertEqual(value(figures, "proposal.total"), 4)
        self.assertEqual(value(figures, "training.enrolled"), 40)
        self.assertEqual(value(figures, "training.completed"), 25)

    def test_a_rate_is_the_summed_numerators_over_the_summed_denominators(self):
        units = compute_unit_figures(self.nankai, YEAR)
        self.assertEqual(value(units[self.unit_a.pk], "proposal.reply_rate"), 100)
        self.assertEqual(value(units[self.unit_b.pk], "proposal.reply_rate"), 33.33)
        figures = compute_region_figures(self.nankai, YEAR)
        reply = next(f for f in figures if f.indicator.code == "proposal.reply_rate")
        self.assertEqual(reply.value, 50)  # 2 / 4; the mean of 100% and 33.33% would be 66.67%
        self.assertEqual(reply.tally, Tally(2, 4))
        self.assertEqual(value(figures, "training.completion_rate"), 62.5)  # 25 / 40, not (100 + 50) / 2
        self.assertEqual(value(figures, "exam.xi_participation_rate"), 80)  # 40 / 50, not (100 + 75) / 2

    def test_an_average_is_weighted_by_takers_over_every_exam_of_the_region(self):
        units = compute_unit_figures(self.nankai, YEAR)
        self.assertEqual(value(units[self.unit_b.pk], "exam.xi_average_score"), 75)
        figures = compute_region_figures(self.nankai, YEAR)
        average = next(f for f in figures if f.indicator.code == "exam.xi_average_score")
        self.assertEqual(average.value, 78.75)  # 3150 / 40
        self.assertEqual(average.tally, Tally(3150, 40))

    def test_a_rate_over_no_records_is_undefined_not_zero(self):
        figures = compute_region_figures(self.nankai, YEAR)
        self.assertIsNone(value(figures, "case.head_appearance_rate"))
        self.assertIsNone(value(figures, "exam.annual_average_score"))
        self.assertEqual(value(figures, "case.litigation"), 0)

    def test_a_city_takes_in_the_units_of_its_districts(self):
        units = units_of_region(self.city)
        self.assertEqual([u.pk for u in units], [self.unit_a.pk, self.unit_b.pk, self.unit_c.pk])
        figures = compute_region_figures([u.pk for u in units], YEAR)
        self.assertEqual(value(figures, "study.total"), 9)
        self.assertEqual(value(figures, "proposal.reply_rate"), 40)  # 2 / 5
        # The units as a query of ids (a subquery in each computation): the same figures.
        as_query = compute_region_figures(units.values_list("pk", flat=True), YEAR)
        self.assertEqual([f.value for f in as_query], [f.value for f in figures])
        by_query = compute_unit_figures(units.values_list("pk", flat=True), YEAR)
        self.assertEqual(list(by_query), [self.unit_a.pk, self.unit_b.pk, self.unit_c.pk])
        self.assertEqual(value(by_query[self.unit_c.pk], "study.total"), 4)
        self.assertEqual([u.pk for u in units_of_region(self.region2)], [self.unit_c.pk])

    def test_every_count_and_sum_of_the_region_is_the_sum_of_its_units(self):
        units = compute_unit_figures(self.nankai, YEAR)
        region = compute_region_figures(self.nankai, YEAR)
        for index, figure in enumerate(region):
            if isinstance(figure.indicator.compute, Ratio | Average):
                continue
            with self.subTest(figure.indicator.code):
                self.assertEqual(figure.value, sum(units[u][index].value for u in self.nankai))

    def test_each_year_is_its_own_and_all_five_cost_one_query_per_record_kind(self):
        with CaptureQueriesContext(connection) as one_unit:
            compute_region_years([self.unit_a.pk], range(2020, 2025))
        with CaptureQueriesContext(connection) as three_units:
            years = compute_region_years([self.unit_a.pk, self.unit_b.pk, self.unit_c.pk], range(2020, 2025))
        self.assertEqual(len(one_unit), len(three_units))
        self.assertEqual(len(three_units), QUERIES)  # for all five years at once
        self.assertEqual([value(years[y], "study.total") for y in range(2020, 2025)], [0, 0, 0, 1, 9])
        self.assertEqual(value(years[2024], "proposal.reply_rate"), 40)
        self.assertIsNone(value(years[2023], "proposal.reply_rate"))


def page_url(region, year: int = YEAR) -> str:
    return reverse("home:show-region-figures", args=[region.pk, year])


def export_url(region, year: int = YEAR) -> str:
    return reverse("home:export-region-figures", args=[region.pk, year])


class RegionFiguresPageTest(RegionLedgers):
    def test_who_reads_which_region(self):
        regions = {"南开": self.region1, "河西": self.region2, "天津": self.city}
        readers = {
            "han": (self.han, {"南开"}),
            "zhou": (self.zhou, {"南开", "河西", "天津"}),
            "guanliyuan": (self.admin, {"南开", "河西", "天津"}),
            "zhang": (self.zhang, set()),
            "li": (self.li, set()),
            "wang": (self.wang, set()),
            "chen": (self.chen, set()),
            "nobody": (self.nobody, set()),
        }
        for name, (user, allowed) in readers.items():
            self.client.force_login(user)
            for label, region in regions.items():
                expected = 200 if label in allowed else 404
                for url in (page_url(region), export_url(region)):
                    with self.subTest(user=name, region=label, url=url):
                        self.assertEqual(self.client.get(url).status_code, expected)

    def test_a_visitor_is_sent_to_sign_in_and_a_missing_region_is_not_found(self):
        self.assertEqual(self.client.get(page_url(self.region1)).status_code, 302)
        self.assertEqual(self.client.get(export_url(self.region1)).status_code, 302)
        self.client.force_login(self.admin)
        self.assertEqual(
            self.client.get(reverse("home:show-region-figures", args=[9999, YEAR])).status_code, 404
        )
        self.assertEqual(
            self.client.get(reverse("home:show-region-figures", args=[self.region1.pk, 1])).status_code, 404
        )

    def test_the_page_shows_the_regions_value_its_units_and_five_years(self):
        self.client.force_login(self.han)
        page = self.client.get(page_url(self.region1))
        chart = page.context["chart"]
        self.assertEqual(chart["units"], ["甲局", "乙局"])
        self.assertEqual(chart["years"], [2020, 2021, 2022, 2023, 2024])
        reply = chart["figures"]["proposal.reply_rate"]
        self.assertEqual((reply["region"], reply["units"], reply["kind"]), (50, [100, 33.33], "rate"))
        self.assertEqual(chart["figures"]["study.total"]["years"], [0, 0, 0, 1, 5])
        self.assertEqual(len(chart["figures"]), len(INDICATORS))
        self.assertContains(page, "2 / 4")  # what the rate is made of
        self.assertContains(page, 'id="region-figures-data"')
        self.assertContains(page, "vendor/echarts-5.6.0/echarts.min.js")
        self.assertNotContains(page, "cdn")
        for unit in (self.unit_a, self.unit_b):
            self.assertContains(page, reverse("records:show-figures", args=[unit.pk, YEAR]))
        self.assertNotContains(page, "丙局")

    def test_the_page_costs_the_same_queries_whatever_the_number_of_units(self):
        self.client.force_login(self.zhou)
        self.client.get(page_url(self.region2))  # the user's scope, sessions: warmed
        with CaptureQueriesContext(connection) as one_unit:
            self.client.get(page_url(self.region2))
        with CaptureQueriesContext(connection) as two_units:
            self.client.get(page_url(self.region1))
        self.assertEqual(len(one_unit), len(two_units))
        self.assertLess(len(two_units), 2 * QUERIES + 20)  # the units' year, the region's five years

    def test_the_supervisors_home_page_links_to_the_regions_figures(self):
        self.client.force_login(self.han)
        home = self.client.get("/?year=2024")
        self.assertContains(home, page_url(self.region1))
        self.assertNotContains(home, page_url(self.region2))


class RegionFiguresExportTest(RegionLedgers):
    def workbook(self, user, region):
        self.client.force_login(user)
        response = self.client.get(export_url(region))
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        return load_workbook(io.BytesIO(response.content))

    def test_units_as_rows_indicators_as_columns_and_the_regions_row(self):
        ws = self.workbook(self.han, self.region1).worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        header, region, *units = rows[2:]
        column = {name: index for index, name in enumerate(header)}
        self.assertEqual(region[0], "天津市南开区（合计）")
        self.assertEqual([u[0] for u in units], ["甲局", "乙局"])
        reply, study = column["建议提案答复率（%）"], column["学法活动次数（次）"]
        self.assertEqual(region[reply], 50)
        self.assertEqual([u[reply] for u in units], [100, 33.33])
        self.assertEqual(region[study], 5)
        self.assertEqual(region[column["习近平法治思想专题考试平均成绩（分）"]], 78.75)
        self.assertIsNone(region[column["负责人出庭应诉率（%）"]])
        self.assertEqual(len(header), 2 + len(INDICATORS))

    def test_the_second_sheet_holds_the_last_five_years(self):
        ws = self.workbook(self.zhou, self.city)["近五年"]
        rows = {row[0]: row[2:] for row in ws.iter_rows(min_row=3, values_only=True)}
        self.assertEqual(rows["学法活动次数"], (0, 0, 0, 1, 9))

    def test_a_name_excel_would_run_stays_text(self):
        self.unit_b.name = '=HYPERLINK("http://example.com","乙局")'
        self.unit_b.save()
        ws = self.workbook(self.han, self.region1).worksheets[0]
        names = [row[0] for row in ws.iter_rows(min_row=5)]
        self.assertEqual(names[1].value, '=HYPERLINK("http://example.com","乙局")')
        self.assertEqual(names[1].data_type, "s")
