"""Publication compliance on the office's board (issue 11, item 5): per unit published or not, on
time or how many calendar days late ("4月1日前" is a date), corrections after publication; the
region's 公开率 and 按时公开率; the same in the Excel export and in `fazhi campaign status --json`.

The campaign and every count are written out by hand in ``SmallCampaign``'s docstring.
"""

from __future__ import annotations

import contextlib
import io
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import html
from openpyxl import load_workbook

from fazhi.campaigns.queries import board_counts, board_rows
from fazhi.cli import main

from .publication_flow import SmallCampaign, at

# (published on, calendar days late, corrections, publish_late), by hand.
EXPECTED = {
    "甲局": ("2025-03-20", 0, 1, False),
    "乙局": ("2025-04-07", 7, 0, False),
    "丁局": ("2025-03-31", 0, 0, False),
    "庚局": ("2025-04-01", 1, 0, False),
    "戊局": (None, 14, 0, True),
    "己局": (None, 14, 0, True),
}
OLD_KEYS = {"unit", "status", "due", "sent_at", "working_days_late", "errors", "warnings"}
OLD_KEYS |= {"ledger_mismatches", "copied_percent", "returns"}


class PublicationComplianceTest(SmallCampaign):
    def rows(self):
        return {r.participant.unit.name: r for r in board_rows(self.campaign, today=self.TODAY)}

    def board(self, query: str = ""):
        self.client.force_login(self.han)
        with at(self.TODAY):
            return self.client.get(reverse("campaigns:show-board", args=[self.campaign.pk]) + query)

    def test_each_unit_is_published_on_time_or_late_by_calendar_days(self):
        rows = self.rows()
        self.assertEqual(
            {
                name: (
                    r.published_on.isoformat() if r.published_on else None,
                    r.days_late_published,
                    r.corrections,
                    r.publish_late,
                )
                for name, r in rows.items()
            },
            EXPECTED,
        )
        self.assertEqual(self.campaign.publish_due.isoformat(), "2025-03-31")
        # 乙局: 1–7 April are 7 calendar days but 4 working days (4–6 April: 清明 and a weekend).
        self.assertEqual(rows["乙局"].days_late_published, 7)
        # The sending is still counted in working days: 丁局 sent on 5 March, 3 working days late.
        self.assertEqual(rows["丁局"].working_days_late, 3)
        self.assertEqual(
            {name for name, r in rows.items() if r.published_on_time}, {"甲局", "丁局"}
        )  # the correction does not make 甲局 late: its first publication counts

    def test_it_counts_the_publication_rates_over_all_units(self):
        counts = board_counts(list(self.rows().values()))
        self.assertEqual(
            (counts.total, counts.published, counts.published_on_time, counts.publish_late, counts.corrected),
            (6, 4, 2, 2, 1),
        )
        self.assertEqual((counts.published_rate, counts.published_on_time_rate), (66.7, 33.3))
        # The published reports were accepted first: 已接收 counts them with 己局.
        self.assertEqual(counts.accepted, 5)

    def test_the_board_shows_the_rates_the_columns_and_filters_published_or_not(self):
        response = self.board()
        tree = html.fromstring(response.content.decode())
        rates = {b.get("data-rate"): b.text_content().strip() for b in tree.xpath("//b[@data-rate]")}
        self.assertEqual((rates["published"], rates["published-on-time"]), ("66.7%", "33.3%"))
        shown = {b.get("data-count"): b.text_content().strip() for b in tree.xpath("//b[@data-count]")}
        self.assertEqual((shown["published"], shown["publish-late"], shown["corrected"]), ("4", "2", "1"))
        self.assertIn("按日历日计算", response.content.decode())
        cells = {
            row.get("data-unit"): [td.text_content().strip() for td in row.xpath("./td")[11:14]]
            for row in tree.xpath('//table[contains(@class, "board")]/tbody/tr[@data-unit]')
        }
        self.assertEqual(cells["甲局"], ["2025-03-20 按时", "0", "1"])
        self.assertEqual(cells["乙局"], ["2025-04-07", "7", "0"])
        self.assertEqual(cells["戊局"], ["未公开 逾期", "14", "0"])
        statuses = {row.get("data-unit"): row.get("data-status") for row in tree.xpath("//tr[@data-unit]")}
        self.assertEqual(statuses["乙局"], "published")
        self.assertEqual(statuses["己局"], "accepted")
        for state, names in {
            "published": {"甲局", "乙局", "丁局", "庚局"},
            "unpublished": {"戊局", "己局"},
        }.items():
            with self.subTest(state=state):
                rows = self.board(f"?state={state}").context["rows"]
                self.assertEqual({r.participant.unit.name for r in rows}, names)

    def test_the_board_takes_one_more_query_for_publications_whatever_the_number_of_units(self):
        with CaptureQueriesContext(connection) as queries:
            board_rows(self.campaign, today=self.TODAY)
        publication_queries = [q for q in queries if "campaigns_publication" in q["sql"]]
        self.assertEqual(len(publication_queries), 1)
        self.assertIn("GROUP BY", publication_queries[0]["sql"])
        # Participants, submissions, reminders, publications; besides them only the calendar's
        # freshness check, once per distinct sending day (working days late), never per unit.
        own = [q["sql"] for q in queries if "deadlines_calendaryear" not in q["sql"]]
        self.assertEqual(len(own), 4, own)

    def test_the_excel_export_has_the_publication_columns_and_rates(self):
        self.client.force_login(self.han)
        with at(self.TODAY):
            response = self.client.get(reverse("campaigns:export-board", args=[self.campaign.pk]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertIn("公开率66.7%", sheet["A2"].value)
        self.assertIn("按时公开率33.3%", sheet["A2"].value)
        self.assertIn("公开后更正1个", sheet["A2"].value)
        self.assertEqual(
            [c.value for c in sheet[3]][11:], ["公开日期", "逾期公开日数（日历日）", "公开后更正次数"]
        )
        rows = {row[0].value: [c.value for c in row[11:]] for row in sheet.iter_rows(min_row=4)}
        self.assertEqual(rows["甲局"], ["2025-03-20", 0, 1])
        self.assertEqual(rows["庚局"], ["2025-04-01", 1, 0])
        self.assertEqual(rows["己局"], ["未公开（逾期）", 14, 0])

    def test_campaign_status_json_keeps_every_key_and_adds_the_publication(self):
        out = io.StringIO()
        with at(self.TODAY), contextlib.redirect_stdout(out):
            code = main(["campaign", "status", "--region", "南开区", "--year", "2024", "--json"])
        self.assertEqual(code, 0)
        rows = {row["unit"]: row for row in json.loads(out.getvalue())}
        for row in rows.values():
            self.assertEqual(set(row), OLD_KEYS | {"published_at", "days_late_published", "corrections"})
        self.assertEqual(
            {k: rows["甲局"][k] for k in ("status", "published_at", "days_late_published", "corrections")},
            {
                "status": "published",
                "published_at": "2025-03-20T10:00:00+08:00",  # the first publication
                "days_late_published": 0,
                "corrections": 1,
            },
        )
        self.assertEqual(
            {k: rows["庚局"][k] for k in ("status", "published_at", "days_late_published")},
            {"status": "published", "published_at": "2025-04-01T07:00:00+08:00", "days_late_published": 1},
        )
        self.assertEqual(
            {k: rows["己局"][k] for k in ("status", "published_at", "days_late_published", "corrections")},
            {"status": "accepted", "published_at": None, "days_late_published": 14, "corrections": 0},
        )
        self.assertEqual(rows["丁局"]["working_days_late"], 3)

    def test_campaign_status_says_how_late_each_unit_published(self):
        out = io.StringIO()
        with at(self.TODAY), contextlib.redirect_stdout(out):
            main(["campaign", "status", "--region", "南开区", "--year", "2024"])
        lines = dict(line.split("\t") for line in out.getvalue().splitlines()[1:])
        self.assertEqual(lines["乙局"], "已公开，逾期7日公开")
        self.assertEqual(lines["甲局"], "已公开，按时公开，公开后更正1次")
        self.assertEqual(lines["戊局"], "未起草，逾期30个工作日，逾期14日未公开")
