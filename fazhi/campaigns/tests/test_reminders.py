"""The daily reminders (催报) on the working-day calendar, run day by day across the 2026 Spring
Festival with the clock moved by time-machine, twice a day, and the office's own reminder.

The 2025 reports are due 2026-02-28, a Saturday made a working day (调休). The 2026 notice:
春节 2月15日至23日放假，2月14日（星期六）、2月28日（星期六）上班. Counted by hand, the working
days after a day up to 28 February:
- 14 Feb: 24, 25, 26, 27, 28 → 5 left (15–23 are the holiday): the "5 working days" reminder;
- 26 Feb: 27, 28 → 2 left;
- 28 Feb: the due day;
- then each working day while not sent: 2, 3, 4 March (1 March is a Sunday).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from fazhi.campaigns.actions import do_open_campaign, do_remind_late_units, do_send_report
from fazhi.campaigns.models import Reminder
from fazhi.inbox.models import Notice
from fazhi.testing import BaseTestCase

SHANGHAI = ZoneInfo("Asia/Shanghai")


def days(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


class ReminderJobTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.campaign = do_open_campaign(region=cls.region1, year=2025, acting_user=cls.han)

    def run_job(self, day: dt.date, hour: int) -> None:
        with time_machine.travel(
            dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI), tick=False
        ):
            call_command("run_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    def notices_of(self, user) -> list[tuple[str, str]]:
        return [
            (n.created_at.astimezone(SHANGHAI).date().isoformat(), n.kind)
            for n in Notice.objects.filter(recipient=user).order_by("created_at", "id")
        ]

    def test_it_reminds_on_the_right_working_days_and_never_twice(self):
        for day in days(dt.date(2026, 2, 1), dt.date(2026, 3, 4)):
            self.run_job(day, 8)
            self.run_job(day, 17)  # a second run the same day adds nothing
        clerk_days = [
            ("2026-02-14", "due_soon"),
            ("2026-02-26", "due_soon"),
            ("2026-02-28", "due_today"),
            ("2026-03-02", "overdue"),
            ("2026-03-03", "overdue"),
            ("2026-03-04", "overdue"),
        ]
        self.assertEqual(self.notices_of(self.zhang), clerk_days)
        self.assertEqual(self.notices_of(self.wang), clerk_days)  # unit B's clerk, the same dates
        head_days = [("2026-03-02", "overdue"), ("2026-03-03", "overdue"), ("2026-03-04", "overdue")]
        self.assertEqual(self.notices_of(self.li), head_days)  # the head only once it is overdue
        self.assertEqual(self.notices_of(self.chen), [])  # 河西 has no campaign
        self.assertEqual(self.notices_of(self.han), [])  # the office is not reminded of its own dates
        # Two units, six reminder days each, logged for the board's 最后催报时间.
        self.assertEqual(Reminder.objects.filter(participant__campaign=self.campaign).count(), 12)

    def test_a_unit_that_has_sent_is_not_reminded(self):
        report = self.campaign.participants.get(unit=self.unit_a).report
        report.status = report.Status.APPROVED  # as if the head had approved (the gate is tested elsewhere)
        report.save(update_fields=["status"])
        report.versions.create(
            number=1, document={"title": "", "issuer": "", "preamble": [], "parts": []}, approved_by=self.li
        )
        with time_machine.travel(dt.datetime(2026, 2, 20, 10, tzinfo=SHANGHAI), tick=False):
            do_send_report(report, acting_user=self.zhang)
        for day in days(dt.date(2026, 2, 25), dt.date(2026, 3, 3)):
            self.run_job(day, 8)
        self.assertEqual(self.notices_of(self.zhang), [])
        self.assertEqual(len(self.notices_of(self.wang)), 4)  # 26 Feb, 28 Feb, 2 and 3 March

    @override_settings(FAZHI_NOTICE_EMAIL=True, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    def test_it_mails_the_reminder_when_mail_is_set_up(self):
        self.zhang.email = "zhang@example.gov.cn"
        self.zhang.save(update_fields=["email"])
        with self.captureOnCommitCallbacks(execute=True):
            self.run_job(dt.date(2026, 2, 26), 8)
        self.assertEqual([m.to for m in mail.outbox], [["zhang@example.gov.cn"]])
        self.assertIn("还有2个工作日", mail.outbox[0].subject)


class OfficeReminderTest(BaseTestCase):
    def test_the_office_reminds_every_late_unit_at_once_and_it_is_logged(self):
        campaign = do_open_campaign(region=self.region1, year=2025, acting_user=self.han)
        on = dt.date(2026, 3, 2)
        with self.assertRaisesMessage(Exception, "尚未届满"):
            do_remind_late_units(campaign, acting_user=self.han, today=dt.date(2026, 2, 27))
        self.assertEqual(do_remind_late_units(campaign, acting_user=self.han, today=on), 2)
        reminded = {n.recipient.username for n in Notice.objects.filter(kind=Notice.Kind.REMINDER)}
        self.assertEqual(reminded, {"zhang", "li", "wang"})
        self.assertEqual(set(Reminder.objects.values_list("sent_by__username", flat=True)), {"han"})


class SubmitNoticeTest(BaseTestCase):
    def test_the_head_is_told_when_a_report_waits_for_approval(self):
        from fazhi.reports.actions import do_create_report, do_submit_report

        report = do_create_report(unit=self.unit_a, year=2024, acting_user=self.zhang)
        do_submit_report(report, acting_user=self.zhang)
        self.assertEqual(
            [(n.kind, n.url) for n in Notice.objects.filter(recipient=self.li)],
            [("submitted", f"/reports/{report.pk}/")],
        )
        self.assertFalse(Notice.objects.exclude(recipient=self.li).exists())  # nobody else, not the clerk
        self.client.force_login(self.li)
        self.assertContains(self.client.get("/"), 'data-unread="1"')
