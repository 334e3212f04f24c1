"""依申请公开按期答复率 and 建议提案按期答复率, from the stored due dates, through the catalogue."""

from __future__ import annotations

from fazhi.indicators import get
from fazhi.records.figures import figures_by_code

from .helpers import D, DeadlinesTestCase


class OnTimeRatesTest(DeadlinesTestCase):
    today = D(2025, 3, 20)

    def test_the_request_rate_counts_answered_and_overdue_requests(self):
        on_time = self.request(self.unit_a, D(2025, 3, 3))  # due 03-31
        self.step(on_time, "register", D(2025, 3, 3))
        self.step(on_time, "reply", D(2025, 3, 20), result="public")
        self.request(self.unit_a, D(2025, 2, 10), replied_on=D(2025, 3, 14), reply_type="public")  # due 03-10
        self.request(self.unit_a, D(2025, 2, 10))  # due 03-10, still unanswered: late
        self.request(self.unit_a, D(2025, 3, 10))  # due 04-08: not yet counted
        self.request(self.unit_b, D(2025, 3, 3), replied_on=D(2025, 3, 5), reply_type="public")
        self.assertEqual(figures_by_code(self.unit_a.pk, 2025)["request.on_time_rate"], 33.33)
        self.assertEqual(figures_by_code(self.unit_b.pk, 2025)["request.on_time_rate"], 100)
        self.assertIsNone(figures_by_code(self.unit_c.pk, 2025)["request.on_time_rate"])

    def test_the_proposal_rate(self):
        self.today = D(2025, 12, 31)
        early = self.make(
            "proposal", self.unit_a, D(2025, 2, 20), "建议一", proposal_type="npc", level="district"
        )
        self.step(early, "assign", D(2025, 2, 20))
        self.step(early, "reply", D(2025, 5, 10), result="A")  # due 05-20
        self.make(
            "proposal",
            self.unit_a,
            D(2025, 1, 10),
            "提案二",
            proposal_type="cppcc",
            level="district",
            replied_on=D(2025, 4, 15),
            result_code="A",
        )  # due 04-10
        self.assertEqual(figures_by_code(self.unit_a.pk, 2025)["proposal.on_time_rate"], 50)

    def test_the_rates_are_in_the_catalogue_with_their_names(self):
        self.assertEqual(get("request.on_time_rate").name, "依申请公开按期答复率")
        self.assertEqual(get("proposal.on_time_rate").name, "建议提案按期答复率")
