"""Each kind of computation pinned to values counted by hand (issue 14, item 6).

The fixture is small and written out below; every expected value is worked out in the comments,
never taken from the code's own output. Units A and B are in 南开 (region 1), unit C in 河西
(region 2), both under 天津市 (``fazhi.testing.BaseTestCase``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fazhi.indicators import INDICATORS
from fazhi.records.figures import (
    Figure,
    RegionUnits,
    Tally,
    compute_figures,
    compute_region_figures,
    compute_region_groups,
    compute_region_years,
    compute_unit_figures,
)
from fazhi.records.models import Case, DisclosureRequest, Exam, Meeting, Training
from fazhi.testing import BaseTestCase

BY_CODE = {i.code: i for i in INDICATORS}


def exam(unit, on: date, *, kind: str, eligible: int, takers: int, score: str | None) -> None:
    Exam.objects.create(
        unit=unit,
        date=on,
        title=f"考试{on:%Y%m%d}{takers}",
        exam_type=kind,
        eligible_count=eligible,
        taker_count=takers,
        average_score=None if score is None else Decimal(score),
    )


def meeting(unit, on: date, kind: str, *, chaired: bool, topics: int) -> None:
    Meeting.objects.create(
        unit=unit, date=on, title="会议", meeting_type=kind, chaired_by_head=chaired, sanzhong_topics=topics
    )


def request(unit, received: date, replied: date | None = None, reply: str = "") -> None:
    DisclosureRequest.objects.create(
        unit=unit,
        date=received,
        title="申请公开",
        applicant_type=DisclosureRequest.Applicant.PERSON,
        replied_on=replied,
        reply_type=reply,
    )


def values(figures: list[Figure], *codes: str) -> dict[str, object]:
    by_code = {f.indicator.code: f.value for f in figures}
    return {code: by_code[code] for code in codes}


XI, ANNUAL = Exam.Type.XI_THOUGHT, Exam.Type.ANNUAL_LAW
PARTY, ORGAN_PARTY, EXECUTIVE = "party_group", "organ_party_group", "executive"


class PinnedFigures(BaseTestCase):
    """The ledgers, by hand.

    习近平法治思想专题考试 (xi), 2024:
      unit A: 10 takers of 10 at 90.00; 30 of 40 at 70.00; 7 of 10 with no score entered.
      unit B: 20 of 25 at 85.50.            2023, unit A: 5 of 5 at 60.00.
    A's average: (10×90 + 30×70) / (10 + 30) = 3000 / 40 = 75 (the exam without a score has no
      weight); unweighted it would be (90 + 70) / 2 = 80.
    南开's: (900 + 2100 + 20×85.5) / (10 + 30 + 20) = 4710 / 60 = 78.5; unweighted
      (90 + 70 + 85.5) / 3 = 81.83; the mean of the units' means (75 + 85.5) / 2 = 80.25.
    参考率: A 47 / 60 = 78.33%; B 20 / 25 = 80%; 南开 67 / 85 = 78.82% (not 79.17%).
    年度法律知识考试, unit A 2024: 0 of 0, score 80 entered: 参考率 0 / 0 → None; average over a
      weight of 0 → None.

    Meetings (党组会 chaired by the head: 次数 and 三重一大 topics), 2024:
      A: party_group chaired 3 topics, organ_party_group chaired 2, party_group not chaired 5,
         executive chaired 4 → 2 meetings, 5 topics.
      B: organ_party_group chaired 1 → 1, 1.      A 2023: party_group chaired 9 → 1, 9.

    依申请公开 of unit A (received → replied, reply):
      2023-12-20 → 2024-01-10 public; 2024-03-01 → 2024-03-15 partial;
      2024-05-01 → 2024-05-20 nonexistent; 2024-12-20 → 2025-01-05 public; 2024-06-01, no reply.
      件数 (by receipt): 2023 1, 2024 4.  已答复 (by receipt): 2023 1, 2024 3 (12-20 answered in 2025).
      实质公开率 (by reply date): 2024 2 / 3 = 66.67%, 2025 1 / 1 = 100%, 2023 none → None.
      无法提供 占比: 2024 1 / 3 = 33.33%.
    unit B: 2024-02-01 → 2024-02-20 public.  南开 2024: 实质公开 3 / 4 = 75%, 无法提供 1 / 4 = 25%.

    Training 2024: A 10 enrolled 10 completed; B 30 / 15. C none: 结业率 → None.
    Cases: unit C 2024 one 行政复议 only: 行政诉讼 0, 出庭应诉率 0 / 0 → None ("—").
    """

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        a, b, c = cls.unit_a, cls.unit_b, cls.unit_c
        exam(a, date(2024, 4, 1), kind=XI, eligible=10, takers=10, score="90.00")
        exam(a, date(2024, 9, 1), kind=XI, eligible=40, takers=30, score="70.00")
        exam(a, date(2024, 11, 1), kind=XI, eligible=10, takers=7, score=None)
        exam(b, date(2024, 6, 1), kind=XI, eligible=25, takers=20, score="85.50")
        exam(a, date(2023, 6, 1), kind=XI, eligible=5, takers=5, score="60.00")
        exam(a, date(2024, 7, 1), kind=ANNUAL, eligible=0, takers=0, score="80.00")
        meeting(a, date(2024, 2, 1), PARTY, chaired=True, topics=3)
        meeting(a, date(2024, 3, 1), ORGAN_PARTY, chaired=True, topics=2)
        meeting(a, date(2024, 4, 1), PARTY, chaired=False, topics=5)
        meeting(a, date(2024, 5, 1), EXECUTIVE, chaired=True, topics=4)
        meeting(b, date(2024, 6, 1), ORGAN_PARTY, chaired=True, topics=1)
        meeting(a, date(2023, 6, 1), PARTY, chaired=True, topics=9)
        request(a, date(2023, 12, 20), date(2024, 1, 10), "public")
        request(a, date(2024, 3, 1), date(2024, 3, 15), "partial")
        request(a, date(2024, 5, 1), date(2024, 5, 20), "nonexistent")
        request(a, date(2024, 12, 20), date(2025, 1, 5), "public")
        request(a, date(2024, 6, 1))
        request(b, date(2024, 2, 1), date(2024, 2, 20), "public")
        Training.objects.create(
            unit=a, date=date(2024, 5, 1), title="培训", enrolled_count=10, completed_count=10
        )
        Training.objects.create(
            unit=b, date=date(2024, 5, 1), title="培训", enrolled_count=30, completed_count=15
        )
        Case.objects.create(unit=c, date=date(2024, 8, 1), title="复议", case_type=Case.Type.RECONSIDERATION)
        cls.nankai = [a.pk, b.pk]


class WeightedAverageTest(PinnedFigures):
    def test_a_units_average_score_is_weighted_by_takers(self):
        units = compute_unit_figures(self.nankai, 2024)
        self.assertEqual(
            values(units[self.unit_a.pk], "exam.xi_average_score"), {"exam.xi_average_score": 75}
        )
        self.assertEqual(
            values(units[self.unit_b.pk], "exam.xi_average_score"), {"exam.xi_average_score": 85.5}
        )

    def test_a_regions_average_is_weighted_over_every_exam_not_the_mean_of_means(self):
        region = {f.indicator.code: f for f in compute_region_figures(self.nankai, 2024)}
        self.assertEqual(region["exam.xi_average_score"].value, 78.5)
        self.assertEqual(region["exam.xi_average_score"].tally, Tally(Decimal("4710"), 60))
        self.assertEqual(region["exam.xi_participation_rate"].value, 78.82)
        self.assertEqual(region["exam.xi_participation_rate"].tally, Tally(67, 85))

    def test_a_weight_of_zero_and_a_zero_denominator_are_undefined(self):
        figures = compute_figures(self.unit_a.pk, 2024)
        pinned = values(figures, "exam.annual_average_score", "exam.annual_participation_rate")
        self.assertEqual(pinned, {"exam.annual_average_score": None, "exam.annual_participation_rate": None})
        self.assertEqual(values(figures, "exam.xi_participation_rate"), {"exam.xi_participation_rate": 78.33})


class RatioTest(PinnedFigures):
    def test_a_ratio_over_nothing_is_none_and_shown_as_a_dash(self):
        figures = compute_figures(self.unit_c.pk, 2024)
        pinned = values(figures, "case.litigation", "case.reconsideration", "case.head_appearance_rate")
        self.assertEqual(
            pinned, {"case.litigation": 0, "case.reconsideration": 1, "case.head_appearance_rate": None}
        )
        rate = next(f for f in figures if f.indicator.code == "case.head_appearance_rate")
        self.assertEqual(rate.display, "—")
        completion = next(f for f in figures if f.indicator.code == "training.completion_rate")
        self.assertEqual((completion.value, completion.display), (None, "—"))

    def test_a_rate_of_a_unit_and_of_a_region(self):
        units = compute_unit_figures(self.nankai, 2024)
        self.assertEqual(
            values(units[self.unit_b.pk], "training.completion_rate")["training.completion_rate"], 50
        )
        region = compute_region_figures(self.nankai, 2024)
        self.assertEqual(values(region, "training.completion_rate"), {"training.completion_rate": 62.5})


class WhereAndDatedByTest(PinnedFigures):
    def test_count_and_sum_with_a_filter(self):
        units = compute_unit_figures(self.nankai, 2024)
        codes = ("meeting.party_group_chaired", "meeting.sanzhong_topics")
        self.assertEqual(values(units[self.unit_a.pk], *codes), dict(zip(codes, (2, 5), strict=True)))
        self.assertEqual(values(units[self.unit_b.pk], *codes), dict(zip(codes, (1, 1), strict=True)))
        region = compute_region_figures(self.nankai, 2024)
        self.assertEqual(values(region, *codes), dict(zip(codes, (3, 6), strict=True)))

    def test_a_count_dated_by_the_reply_not_the_receipt(self):
        codes = ("request.count", "request.replied", "request.substantive_rate", "request.nonexistent_share")
        years = compute_region_years([self.unit_a.pk], [2023, 2024, 2025])
        self.assertEqual(values(years[2023], *codes), dict(zip(codes, (1, 1, None, None), strict=True)))
        self.assertEqual(values(years[2024], *codes), dict(zip(codes, (4, 3, 66.67, 33.33), strict=True)))
        self.assertEqual(values(years[2025], *codes), dict(zip(codes, (0, 0, 100, 0), strict=True)))
        region = compute_region_figures(self.nankai, 2024)
        self.assertEqual(values(region, *codes), dict(zip(codes, (5, 4, 75, 25), strict=True)))


class ManyUnitsAndYearsTest(PinnedFigures):
    CODES = (
        "exam.xi_average_score",
        "exam.xi_participation_rate",
        "meeting.party_group_chaired",
        "meeting.sanzhong_topics",
        "training.enrolled",
        "request.count",
    )

    def test_several_years_of_a_region_at_once(self):
        years = compute_region_years(self.nankai, [2023, 2024])
        self.assertEqual(
            values(years[2023], *self.CODES), dict(zip(self.CODES, (60, 100, 1, 9, 0, 1), strict=True))
        )
        self.assertEqual(
            values(years[2024], *self.CODES), dict(zip(self.CODES, (78.5, 78.82, 3, 6, 40, 5), strict=True))
        )

    def test_a_region_asked_by_its_regions_joins_rather_than_lists_its_units(self):
        nankai = RegionUnits.of(self.region1)
        listed = compute_region_years(self.nankai, [2023, 2024])
        joined = compute_region_years(nankai, [2023, 2024])
        self.assertEqual(
            {y: [f.value for f in fs] for y, fs in joined.items()},
            {y: [f.value for f in fs] for y, fs in listed.items()},
        )
        units = compute_unit_figures(nankai, 2024)
        self.assertEqual(list(units), [self.unit_a.pk, self.unit_b.pk])
        self.assertEqual(
            values(units[self.unit_a.pk], *self.CODES),
            dict(zip(self.CODES, (75, 78.33, 2, 5, 10, 4), strict=True)),
        )
        city = compute_region_figures(RegionUnits.of(self.city), 2024)
        self.assertEqual(
            values(city, "case.reconsideration", "training.completion_rate", "training.enrolled"),
            {"case.reconsideration": 1, "training.completion_rate": 62.5, "training.enrolled": 40},
        )

    def test_the_regions_of_a_city_side_by_side(self):
        groups = compute_region_groups(
            {"南开": RegionUnits.of(self.region1), "河西": RegionUnits.of(self.region2)}, 2024
        )
        self.assertEqual(
            values(groups["南开"], *self.CODES),
            dict(zip(self.CODES, (78.5, 78.82, 3, 6, 40, 5), strict=True)),
        )
        self.assertEqual(
            values(
                groups["河西"], "case.reconsideration", "exam.xi_average_score", "training.completion_rate"
            ),
            {"case.reconsideration": 1, "exam.xi_average_score": None, "training.completion_rate": None},
        )
