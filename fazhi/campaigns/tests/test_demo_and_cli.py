"""`fazhi campaign status` on the demo: every 南开 unit, no 河西 unit, in several states."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import date

from django.test import TestCase

from fazhi.cli import main
from fazhi.demo.load import UNITS, load_demo
from fazhi.inbox.models import Notice

TODAY = date(2026, 11, 24)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


class DemoCampaignTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(today=TODAY)

    def test_the_2024_campaign_lists_every_nankai_unit_in_its_state(self):
        code, out, _ = run("campaign", "status", "--region", "南开区", "--year", "2024", "--json")
        self.assertEqual(code, 0)
        rows = {row["unit"]: row for row in json.loads(out)}
        self.assertEqual(set(rows), {name for name, *_ in UNITS})  # no 河西 unit
        states = {name: row["status"] for name, row in rows.items()}
        self.assertEqual(states["南开区政府办公室"], "published")  # and corrected after publication
        self.assertEqual(states["南开区教育局"], "published")
        self.assertEqual(states["南开区投资促进局"], "returned")
        self.assertEqual(states["南开区司法局"], "sent")
        self.assertEqual(states["南开区市场监督管理局"], "approved")
        self.assertEqual(states["南开区卫生健康委员会"], "drafting")
        self.assertGreaterEqual(len(set(states.values())), 4)
        # Due Friday 2025-02-28, sent Wednesday 5 March: 3, 4 and 5 March are the working days late.
        self.assertEqual(rows["南开区教育局"]["working_days_late"], 3)
        self.assertEqual(rows["南开区投资促进局"]["returns"], 1)
        self.assertEqual(rows["南开区政府办公室"]["working_days_late"], 0)
        self.assertEqual(
            set(rows["南开区司法局"]),
            {"unit", "status", "due", "sent_at", "working_days_late", "errors", "warnings",
             "ledger_mismatches", "copied_percent", "returns", "published_at", "days_late_published",
             "corrections"},
        )  # fmt: skip

    def test_the_2025_campaign_puts_its_dates_on_the_home_pages_and_in_inboxes(self):
        from django.contrib.auth import get_user_model

        from fazhi.deadlines.queries import list_due_items_for_user

        clerk = get_user_model().objects.get(username="sfj_clerk")
        overdue = list_due_items_for_user(clerk, today=TODAY).overdue
        self.assertIn(date(2026, 2, 28), [i.due_on for i in overdue if i.rule == "annual-report-submit"])
        self.assertTrue(Notice.objects.filter(recipient=clerk, kind=Notice.Kind.OVERDUE).exists())

    def test_an_unknown_region_or_a_year_without_campaign_exits_2_in_chinese(self):
        code, _, err = run("campaign", "status", "--region", "朝阳区", "--year", "2024")
        self.assertEqual((code, err.strip()), (2, "错误：找不到区域“朝阳区”。"))
        code, _, err = run("campaign", "status", "--region", "天津市南开区", "--year", "2019")
        self.assertEqual((code, err.strip()), (2, "错误：天津市南开区没有2019年度报告的报送任务。"))

    def test_the_demo_publishes_2024_reports_one_of_them_corrected(self):
        from fazhi.campaigns.publication_models import Publication

        published = {(p.unit.name, p.number) for p in Publication.objects.filter(year=2024)}
        self.assertEqual(published, {("南开区政府办公室", 1), ("南开区政府办公室", 2), ("南开区教育局", 1)})
        correction = Publication.objects.get(unit__name="南开区政府办公室", number=2)
        self.assertTrue(correction.reason)
        self.assertLess(
            Publication.objects.get(unit__name="南开区教育局").published_at.date(), date(2025, 4, 1)
        )
