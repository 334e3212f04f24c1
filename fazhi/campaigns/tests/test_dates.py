"""A campaign's dates (issue 9): the statutory ones from the deadline rules, the office's earlier
ones as the units' due items, and working days late counted on the holiday calendar.

Every date below is written by hand. The 2025 Spring Festival (国务院办公厅通知): 1月28日至2月4日
放假，1月26日（周日）、2月8日（周六）上班.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from lxml import html

from fazhi.campaigns.actions import do_open_campaign, do_return_submission, do_send_report
from fazhi.campaigns.models import Campaign, Participant, Submission
from fazhi.campaigns.queries import board_rows
from fazhi.deadlines.calendar_db import current_calendar, rule_settings
from fazhi.deadlines.models import DueItem
from fazhi.deadlines.queries import list_due_items_for_user
from fazhi.deadlines.rules import compute_due
from fazhi.lib.errors import FazhiError
from fazhi.orgs.models import Role
from fazhi.reports.actions import do_approve_report, do_submit_report
from fazhi.reports.models import Report
from fazhi.testing import BaseTestCase

D = dt.date
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int = 10):
    """Travel to ``day`` at ``hour`` o'clock in Tianjin, with the clock standing still."""
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI), tick=False)


class StatutoryDatesTest(BaseTestCase):
    def test_it_takes_the_rules_dates_for_2024_and_2025(self):
        # 报送: before 1 March of the next year; 公开: before 1 April (by hand).
        expected = {2024: (D(2025, 2, 28), D(2025, 3, 31)), 2025: (D(2026, 2, 28), D(2026, 3, 31))}
        settings, calendar = rule_settings(), current_calendar()
        for year, (submit, publish) in expected.items():
            with self.subTest(year=year):
                campaign = do_open_campaign(region=self.region1, year=year, acting_user=self.han)
                campaign.refresh_from_db()
                self.assertEqual(
                    (campaign.statutory_submit_due, campaign.submit_due, campaign.publish_due),
                    (submit, submit, publish),
                )
                rule = compute_due(
                    "annual-report-submit", D(year, 6, 1), settings=settings, calendar=calendar
                )
                self.assertEqual(rule.due, submit)
                rule = compute_due(
                    "annual-report-publish", D(year, 6, 1), settings=settings, calendar=calendar
                )
                self.assertEqual(rule.due, publish)

    def test_it_refuses_an_office_date_later_than_the_statutory_one(self):
        for submit_due, draft_due in ((D(2025, 3, 1), None), (D(2025, 2, 20), D(2025, 2, 21))):
            with self.subTest(submit_due=submit_due, draft_due=draft_due):
                with self.assertRaises(FazhiError) as refused:
                    do_open_campaign(
                        region=self.region1,
                        year=2024,
                        submit_due=submit_due,
                        draft_due=draft_due,
                        acting_user=self.han,
                    )
                self.assertEqual(refused.exception.code, "late-date")
                self.assertFalse(Campaign.objects.exists())
                self.assertFalse(Participant.objects.exists())
                self.assertFalse(Report.objects.exists())  # no unit's report drafted either
                self.assertFalse(DueItem.objects.exists())

    def test_it_accepts_the_statutory_date_itself(self):
        campaign = do_open_campaign(
            region=self.region1, year=2024, submit_due=D(2025, 2, 28), acting_user=self.han
        )
        campaign.refresh_from_db()
        self.assertEqual(campaign.submit_due, D(2025, 2, 28))


class DueItemsTest(BaseTestCase):
    """The office sets 报送 by 20 February and 初稿 by 10 February 2025."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.campaign = do_open_campaign(
            region=cls.region1,
            year=2024,
            submit_due=D(2025, 2, 20),
            draft_due=D(2025, 2, 10),
            acting_user=cls.han,
        )
        cls.report_a = Report.objects.get(unit=cls.unit_a, year=2024, genre="law")

    def items(self, unit) -> list[tuple[str, str, dt.date, str]]:
        ct = ContentType.objects.get_for_model(Participant)
        return sorted(
            DueItem.objects.filter(content_type=ct, unit=unit).values_list("slot", "rule", "due_on", "status")
        )

    def test_it_gives_every_unit_of_the_region_a_submit_and_a_draft_item(self):
        self.assertEqual(self.campaign.submit_due, D(2025, 2, 20))
        self.assertEqual(self.campaign.statutory_submit_due, D(2025, 2, 28))
        # 南开: units A and B, two items each; 河西's unit C none.
        for unit in (self.unit_a, self.unit_b):
            self.assertEqual(
                self.items(unit),
                [
                    ("draft", "annual-report-draft", D(2025, 2, 10), "open"),
                    ("submit", "annual-report-submit", D(2025, 2, 20), "open"),
                ],
            )
        self.assertEqual(self.items(self.unit_c), [])
        self.assertEqual(DueItem.objects.count(), 4)

    def test_it_lists_them_for_the_units_clerk_and_head(self):
        # Friday 14 February: the 初稿 date (10 Feb) is past, the 报送 date (20 Feb) within 7
        # working days (the horizon is Tuesday 25 February).
        participant_a = self.campaign.participants.get(unit=self.unit_a)
        participant_b = self.campaign.participants.get(unit=self.unit_b)
        for user, overdue, soon in (
            (self.zhang, [("draft", participant_a)], [("submit", participant_a)]),
            (self.li, [("draft", participant_a)], [("submit", participant_a)]),
            (self.wang, [("draft", participant_b)], [("submit", participant_b)]),
            (self.han, [("draft", participant_a), ("draft", participant_b)], [("submit", participant_a), ("submit", participant_b)]),
            (self.chen, [], []),
        ):  # fmt: skip
            with self.subTest(user=user.username):
                overview = list_due_items_for_user(user, today=D(2025, 2, 14))
                self.assertEqual(overview.horizon, D(2025, 2, 25))
                self.assertEqual(
                    sorted((i.slot, i.record.pk) for i in overview.overdue),
                    sorted((s, p.pk) for s, p in overdue),
                )
                self.assertEqual(sorted((i.slot, i.record.pk) for i in overview.due_soon), sorted((s, p.pk) for s, p in soon))  # fmt: skip

    def test_it_shows_them_on_the_deadlines_page_and_the_home_page_with_a_link_to_the_editor(self):
        editor = reverse("reports:edit-report", args=[self.report_a.pk])
        for user in (self.zhang, self.li):
            self.client.force_login(user)
            for url in ("/deadlines/", "/"):
                with self.subTest(user=user.username, url=url), at(D(2025, 2, 14)):
                    page = self.client.get(url)
                    self.assertEqual(page.status_code, 200)
                    tree = html.fromstring(page.content.decode())
                    rows = tree.xpath('//table[contains(@class, "due-items")]//tr[@data-due-item]')
                    texts = sorted(row.text_content() for row in rows)
                    self.assertEqual(len(rows), 2)
                    self.assertIn("年度报告初稿（依法治区办要求）", texts[0] + texts[1])
                    self.assertIn("法治政府建设年度报告报送", texts[0] + texts[1])
                    for row in rows:
                        self.assertIn("2025-02-", row.text_content())
                        links = row.xpath(".//a/@href")
                        self.assertTrue(any(link.split("#")[0] == editor for link in links), links)
        self.client.force_login(self.chen)
        with at(D(2025, 2, 14)):
            self.assertNotContains(self.client.get("/deadlines/"), editor)

    def test_it_marks_the_submit_item_done_on_the_day_the_report_is_sent(self):
        report = self.report_a
        with at(D(2025, 2, 18)):
            do_submit_report(report, acting_user=self.zhang)
            do_approve_report(
                Report.objects.get(pk=report.pk), acting_user=self.li, reasons=self.reasons_for_errors(report)
            )
            do_send_report(Report.objects.get(pk=report.pk), acting_user=self.zhang)
        ct = ContentType.objects.get_for_model(Participant)
        submit = DueItem.objects.get(content_type=ct, unit=self.unit_a, slot="submit")
        self.assertEqual((submit.status, submit.done_on), (DueItem.Status.DONE, D(2025, 2, 18)))
        # Unit B has not sent: its item stays open.
        self.assertEqual(DueItem.objects.get(content_type=ct, unit=self.unit_b, slot="submit").status, "open")


class WorkingDaysLateTest(BaseTestCase):
    """Due Friday 24 January 2025, the last working day before the Spring Festival week."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.zhao = get_user_model().objects.create_user("zhao", password="Pw-for-tests-1")
        Role.objects.create(
            user=cls.zhao, kind=Role.Kind.HEAD, unit=cls.unit_b
        )  # unit B's head, for this test
        cls.campaign = do_open_campaign(
            region=cls.region1, year=2024, submit_due=D(2025, 1, 24), acting_user=cls.han, today=D(2025, 1, 2)
        )

    def send(self, unit, clerk, head, on: dt.date) -> None:
        report = Report.objects.get(unit=unit, year=2024, genre="law")
        with at(on):
            do_submit_report(report, acting_user=clerk)
            do_approve_report(
                Report.objects.get(pk=report.pk), acting_user=head, reasons=self.reasons_for_errors(report)
            )
            do_send_report(Report.objects.get(pk=report.pk), acting_user=clerk)

    def row(self, unit, today: dt.date):
        return next(r for r in board_rows(self.campaign, today=today) if r.participant.unit == unit)

    def test_it_counts_a_report_sent_the_monday_after_the_holiday_week_as_7_working_days_late(self):
        self.send(self.unit_a, self.zhang, self.li, D(2025, 2, 10))
        # By hand: 26 (Sun, worked), 27 Jan; 5, 6, 7, 8 (Sat, worked), 10 Feb = 7 working days.
        row = self.row(self.unit_a, D(2025, 3, 3))
        self.assertEqual((row.first_sent_on, row.working_days_late, row.late), (D(2025, 2, 10), 7, False))
        # Unit B, never sent, is as late on that Monday, and marked late.
        row = self.row(self.unit_b, D(2025, 2, 10))
        self.assertEqual((row.working_days_late, row.late), (7, True))

    def test_it_counts_a_report_sent_on_the_due_day_as_on_time(self):
        self.send(self.unit_a, self.zhang, self.li, D(2025, 1, 24))
        row = self.row(self.unit_a, D(2025, 3, 3))
        self.assertEqual((row.first_sent_on, row.working_days_late, row.late), (D(2025, 1, 24), 0, False))

    def test_it_counts_the_sunday_worked_before_the_festival_as_one_working_day(self):
        self.send(self.unit_b, self.wang, self.zhao, D(2025, 1, 26))  # Sunday, a working day: 1 late
        self.assertEqual(self.row(self.unit_b, D(2025, 3, 3)).working_days_late, 1)

    def test_it_keeps_the_first_sending_date_after_a_return(self):
        self.send(self.unit_a, self.zhang, self.li, D(2025, 1, 23))
        with at(D(2025, 2, 5)):
            do_return_submission(
                Submission.objects.get(unit=self.unit_a), comment="请补充", acting_user=self.han
            )
        self.send(self.unit_a, self.zhang, self.li, D(2025, 2, 10))
        row = self.row(self.unit_a, D(2025, 3, 3))
        # First sent the day before the date: on time, though sent again after it.
        self.assertEqual((row.first_sent_on, row.working_days_late, row.returns), (D(2025, 1, 23), 0, 1))

    def test_it_shows_the_days_late_on_the_board_page(self):
        self.send(self.unit_a, self.zhang, self.li, D(2025, 2, 10))
        self.client.force_login(self.han)
        with at(D(2025, 2, 10), 16):
            page = self.client.get(reverse("campaigns:show-board", args=[self.campaign.pk]))
        tree = html.fromstring(page.content.decode())
        cells = {
            row.get("data-unit"): [td.text_content().strip() for td in row.xpath("./td")]
            for row in tree.xpath('//table[contains(@class, "board")]/tbody/tr[@data-unit]')
        }
        self.assertEqual(cells["甲局"][4], "7")  # 逾期工作日, the fifth column
        self.assertEqual(cells["乙局"][4], "7")  # not sent by that Monday either
        self.assertEqual(cells["甲局"][2], "2025-01-24")
