"""The demo leaves every home page with something due soon and something overdue."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.test import TestCase

from fazhi.deadlines.models import DueItem
from fazhi.deadlines.queries import list_due_items_for_user
from fazhi.demo.load import UNITS, load_demo
from fazhi.orgs.models import Unit
from fazhi.records.figures import figures_by_code

TODAY = date(2026, 11, 24)


class DemoDeadlinesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(today=TODAY)

    def test_every_demo_clerk_has_items_due_soon_and_overdue(self):
        User = get_user_model()
        for _name, prefix, *_ in UNITS:
            with self.subTest(prefix):
                overview = list_due_items_for_user(User.objects.get(username=f"{prefix}_clerk"), today=TODAY)
                self.assertTrue(overview.overdue and overview.due_soon)

    def test_the_supervisor_sees_counts_for_every_unit_of_the_district(self):
        overview = list_due_items_for_user(get_user_model().objects.get(username="nk_yfzqb"), today=TODAY)
        self.assertEqual(len(overview.per_unit), len(UNITS))
        self.assertTrue(any(i.rule == "disclosure-reply" for i in overview.overdue))

    def test_the_2024_ledgers_get_no_due_items_and_the_current_year_has_on_time_rates(self):
        self.assertFalse(DueItem.objects.filter(start__year=2024).exists())
        office = Unit.objects.get(name=UNITS[1][0])
        figures = figures_by_code(office.pk, 2026)
        self.assertIsNotNone(figures["request.on_time_rate"])
        self.assertIsNotNone(figures["proposal.on_time_rate"])
