"""The official calendar in the database: round trip, seeding, the admin's import, provisional dates."""

from __future__ import annotations

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from fazhi.deadlines.actions import do_import_calendar_year, do_save_calendar_year, do_seed_calendar
from fazhi.deadlines.calendar import YearSchedule, chinesecalendar_years
from fazhi.deadlines.calendar_db import current_calendar, stored_schedules
from fazhi.deadlines.calendar_text import ScheduleTextError
from fazhi.deadlines.models import CalendarDay, CalendarYear
from fazhi.orgs.access import SYSTEM

from .helpers import D, DeadlinesTestCase

SCHEDULE_2027 = """# 国务院办公厅关于2027年部分节假日安排的通知（测试用）
2027-01-01 至 2027-01-03, 放假, 元旦
2027-02-06 至 2027-02-12, 放假, 春节
2027-02-14, 上班, 春节调休上班
"""


class CalendarStoreTest(DeadlinesTestCase):
    def test_a_year_saved_is_the_year_read_back(self):
        schedule = YearSchedule(
            holidays={D(2027, 1, 1), D(2027, 10, 1)},
            workdays={D(2027, 9, 26)},
            names={D(2027, 1, 1): "元旦", D(2027, 10, 1): "国庆节", D(2027, 9, 26): "国庆节调休上班"},
        )
        do_save_calendar_year(
            year=2027, schedule=schedule, source=CalendarYear.Source.ADMIN, acting_user=self.admin
        )
        stored = stored_schedules()[2027]
        self.assertEqual((stored, dict(stored.names)), (schedule, dict(schedule.names)))
        calendar = current_calendar()
        self.assertTrue(calendar.is_known(2027))
        self.assertFalse(calendar.is_working_day(D(2027, 10, 1)))
        self.assertTrue(calendar.is_working_day(D(2027, 9, 26)))  # a Sunday worked
        self.assertEqual(CalendarYear.history.get().history_user, self.admin)

    def test_a_later_save_replaces_the_whole_year(self):
        first = YearSchedule(holidays={D(2027, 1, 1), D(2027, 1, 4)})
        do_save_calendar_year(year=2027, schedule=first, source="admin", acting_user=self.admin)
        do_save_calendar_year(
            year=2027, schedule=YearSchedule(holidays={D(2027, 1, 1)}), source="admin", acting_user=self.admin
        )
        self.assertTrue(current_calendar().is_working_day(D(2027, 1, 4)))
        self.assertEqual(CalendarDay.objects.count(), 1)

    def test_seeding_stores_every_chinesecalendar_year_once_and_keeps_an_admins_year(self):
        do_save_calendar_year(
            year=2026, schedule=YearSchedule(holidays={D(2026, 1, 1)}), source="admin", acting_user=self.admin
        )
        call_command("seed_calendar", stdout=StringIO())
        years = set(CalendarYear.objects.values_list("year", flat=True))
        self.assertEqual(years, set(chinesecalendar_years()))
        self.assertEqual(do_seed_calendar(acting_user=SYSTEM), [])
        self.assertEqual(CalendarYear.objects.get(year=2026).source, "admin")
        spring_festival_2025 = CalendarDay.objects.get(date=D(2025, 1, 29))
        self.assertEqual((spring_festival_2025.kind, spring_festival_2025.name), ("holiday", "春节"))

    def test_a_bad_import_says_which_lines_are_wrong_and_stores_nothing(self):
        text = "2027-01-01, 放假, 元旦\n2027-02-30, 放假, 春节\n2027-02-10, 上班, 春节调休上班\n"
        with self.assertRaises(ScheduleTextError) as caught:
            do_import_calendar_year(year=2027, text=text, acting_user=self.admin)
        self.assertEqual(
            caught.exception.errors,
            [
                "第2行：日期“2027-02-30”无效，应为 YYYY-MM-DD，例如 2027-10-01",
                "第3行：2027-02-10 是星期三，本来就是工作日，无需调休上班",
            ],
        )
        self.assertFalse(CalendarYear.objects.exists())


class ProvisionalDatesTest(DeadlinesTestCase):
    today = D(2026, 12, 16)

    def setUp(self):
        # Received Tuesday 15 December 2026; 2027 is not in chinesecalendar, so weekends alone count there:
        # 12-16..18 (3), 21-25 (8), 28-31 (12), 2027-01-01 (13), 01-04..08 (18), 01-11 (19), 01-12 (20).
        self.record = self.request(self.unit_a, D(2026, 12, 15))
        self.superuser = get_user_model().objects.create_superuser("root", password="Pw-for-tests-1")

    def test_a_date_in_an_unknown_year_is_provisional_and_says_so(self):
        item = self.item(self.record)
        self.assertEqual((item.due_on, item.provisional, item.unknown_years), (D(2027, 1, 12), True, "2027"))
        self.assertIn("2027年的节假日安排尚未录入", item.warning)
        request = RequestFactory().get("/")
        request.user = self.zhang
        html = Template("{% load deadlines_tags %}{% workflow_panel record %}").render(
            Context({"request": request, "record": self.record})
        )
        self.assertIn("暂定", html)
        self.assertIn("2027年的节假日安排尚未录入", html)

    def test_the_admin_imports_the_year_and_the_date_is_recomputed_and_no_longer_provisional(self):
        self.client.force_login(self.superuser)
        url = reverse("admin:deadlines_calendaryear_import")
        response = self.client.post(
            url, {"year": "2027", "text": "2027-01-01, 放假, 元旦\n2027-13-01, 放假, 春节"}
        )
        self.assertContains(response, "第2行：日期“2027-13-01”无效")
        self.assertTrue(self.item(self.record).provisional)
        response = self.client.post(
            url, {"year": "2027", "notice": "国办发明电〔2026〕X号", "text": SCHEDULE_2027}
        )
        self.assertRedirects(response, reverse("admin:deadlines_calendaryear_changelist"))
        item = self.item(self.record)
        # 2027-01-01..03 off: 01-04..08 (17), 01-11..13 (20).
        self.assertEqual((item.due_on, item.provisional, item.warning), (D(2027, 1, 13), False, None))
        self.assertEqual(CalendarYear.objects.get(year=2027).source, "import")

    def test_the_admin_pages_open(self):
        self.client.force_login(self.superuser)
        do_import_calendar_year(year=2027, text=SCHEDULE_2027, acting_user=self.admin)
        for url in (
            reverse("admin:deadlines_calendaryear_changelist"),
            reverse("admin:deadlines_calendaryear_change", args=[CalendarYear.objects.get().pk]),
            reverse("admin:deadlines_dueitem_changelist"),
            reverse("admin:deadlines_workflowstep_changelist"),
        ):
            self.assertEqual(self.client.get(url).status_code, 200, url)
        self.client.force_login(self.zhang)
        self.assertEqual(self.client.get(reverse("admin:deadlines_calendaryear_import")).status_code, 302)


class DeadlineCommandWithDatabaseTest(DeadlinesTestCase):
    def run_cli(self, *argv: str) -> tuple[int, str, str]:
        from contextlib import redirect_stderr, redirect_stdout

        from fazhi.cli import main

        out, err = StringIO(), StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["deadline", *argv])
        return code, out.getvalue(), err.getvalue()

    def test_it_uses_the_years_an_admin_entered_when_asked_to(self):
        # 2026-12-18 + 20 working days reaches into 2027, which chinesecalendar does not know.
        code, out, err = self.run_cli("disclosure-reply", "2026-12-18", "--json")
        self.assertEqual((code, '"provisional": true' in out), (0, True))
        self.assertIn("警告", err)
        do_import_calendar_year(year=2027, text=SCHEDULE_2027, acting_user=self.admin)
        code, out, err = self.run_cli("disclosure-reply", "2026-12-18", "--json", "--database", "default")
        self.assertEqual((code, err), (0, ""))
        self.assertIn('"provisional": false', out)
        # 2026-12-21..31 (9 working days), 2027-01-04..08 (14), 01-11..15 (19), 01-18 (20).
        self.assertIn('"due": "2027-01-18"', out)
