"""The permission matrix of the campaign and inbox pages (issue 9), as records/tests/test_permissions.py
does for the older pages: every new route × the cast × own unit / same region / other region.

Who may do what, by hand (not asked of the door):
- a campaign (board, Excel, zip) is read by the offices over its region and the admin;
  reminding is the offices' only; everyone else gets 404 (its existence is not revealed);
- a unit's sending is read by whoever reads the unit; returned or accepted only by the offices
  over it; the unit's clerk and head send;
- readers who may not act get 403, others 404;
- a notice is its recipient's alone.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from docx import Document
from lxml import html
from openpyxl import load_workbook

from fazhi.campaigns.actions import (
    do_accept_submission,
    do_open_campaign,
    do_return_submission,
    do_send_report,
)
from fazhi.campaigns.models import Campaign, Reminder, Submission
from fazhi.inbox.models import Notice
from fazhi.orgs.models import Role, Unit
from fazhi.reports.actions import do_approve_report, do_submit_report
from fazhi.reports.models import Report
from fazhi.testing import BaseTestCase

User = get_user_model()
SHANGHAI = ZoneInfo("Asia/Shanghai")
D = dt.date


def at(day: dt.date, hour: int = 10):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI), tick=False)


def appoint_head(unit: Unit, username: str):
    """Units B and C have no head in the cast: one is appointed, only to approve."""
    user = User.objects.create_user(username, password="Pw-for-tests-1")
    Role.objects.create(user=user, kind=Role.Kind.HEAD, unit=unit)
    return user


def approve(report: Report, clerk, head) -> Report:
    do_submit_report(Report.objects.get(pk=report.pk), acting_user=clerk)
    do_approve_report(
        Report.objects.get(pk=report.pk), acting_user=head, reasons=BaseTestCase.reasons_for_errors(report)
    )
    return Report.objects.get(pk=report.pk)


class PageMatrixTest(BaseTestCase):
    """2024: every unit has sent (pending). 2023: every unit has approved, nobody has sent (late)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.heads = {cls.unit_a: cls.li, cls.unit_b: appoint_head(cls.unit_b, "zhao"), cls.unit_c: appoint_head(cls.unit_c, "sun")}  # fmt: skip
        cls.units = (cls.unit_a, cls.unit_b, cls.unit_c)
        cls.campaigns = {}
        for year in (2023, 2024):
            cls.campaigns[cls.region1.pk, year] = do_open_campaign(
                region=cls.region1, year=year, acting_user=cls.han
            )
            cls.campaigns[cls.region2.pk, year] = do_open_campaign(region=cls.region2, year=year, acting_user=cls.zhou)  # fmt: skip
        cls.approved, cls.submission = {}, {}
        for unit in cls.units:
            clerk = cls.clerk_of(unit)
            cls.approved[unit] = approve(
                Report.objects.get(unit=unit, year=2023, genre="law"), clerk, cls.heads[unit]
            )
            sent = approve(Report.objects.get(unit=unit, year=2024, genre="law"), clerk, cls.heads[unit])
            cls.submission[unit] = do_send_report(sent, acting_user=clerk)

    # --- who, by hand -------------------------------------------------------------------------

    def cast(self):
        return [self.zhang, self.li, self.wang, self.chen, self.han, self.zhou, self.admin, self.nobody]

    def readers(self, unit) -> set[str]:
        return {
            self.unit_a: {"zhang", "li", "han", "zhou", "guanliyuan"},
            self.unit_b: {"wang", "han", "zhou", "guanliyuan"},
            self.unit_c: {"chen", "zhou", "guanliyuan"},
        }[unit]

    def writers(self, unit) -> set[str]:
        return {self.unit_a: {"zhang", "li"}, self.unit_b: {"wang"}, self.unit_c: {"chen"}}[unit]

    def offices(self, unit) -> set[str]:
        return {self.unit_a: {"han", "zhou"}, self.unit_b: {"han", "zhou"}, self.unit_c: {"zhou"}}[unit]

    def campaign_readers(self, unit) -> set[str]:
        return self.offices(unit) | {"guanliyuan"}

    def expected(self, user, holders: set[str], readers: set[str], ok: int) -> int:
        if user.username in holders:
            return ok
        return 403 if user.username in readers else 404

    def check(self, user, method: str, url: str, expected: int, **kwargs):
        self.client.force_login(user)
        response = getattr(self.client, method)(url, **kwargs)
        self.assertEqual(response.status_code, expected, f"{user.username} {method.upper()} {url}")
        return response

    def attempt(self, user, url: str, expected: int, changed, data=None) -> None:
        """POST inside a savepoint; ``changed()`` says whether it acted; then it is undone."""
        savepoint = transaction.savepoint()
        try:
            self.check(user, "post", url, expected, data=data or {})
            self.assertEqual(changed(), expected == 302, f"{user.username} POST {url}")
        finally:
            transaction.savepoint_rollback(savepoint)

    # --- the campaign's pages ------------------------------------------------------------------

    def test_it_shows_a_campaigns_board_and_downloads_only_to_the_offices_over_it_and_the_admin(self):
        for unit in (self.unit_a, self.unit_c):  # 南开's campaign, 河西's campaign
            campaign = self.campaigns[unit.region_id, 2024]
            for user in self.cast():
                expected = 200 if user.username in self.campaign_readers(unit) else 404
                for name in ("show-board", "export-board", "download-reports"):
                    with self.subTest(page=name, region=unit.region.name, user=user.username):
                        self.check(user, "get", reverse(f"campaigns:{name}", args=[campaign.pk]), expected)

    def test_it_lets_only_the_offices_over_a_campaign_remind_its_late_units(self):
        # 2023: due 2024-02-29 (by hand, long past); every unit approved and none sent: all late.
        late = {self.region1.pk: 2, self.region2.pk: 1}  # 甲局、乙局; 丙局
        for unit in (self.unit_a, self.unit_c):
            campaign = self.campaigns[unit.region_id, 2023]
            self.assertEqual(campaign.submit_due, D(2024, 2, 29))
            url = reverse("campaigns:remind-late", args=[campaign.pk])
            for user in self.cast():
                expected = self.expected(user, self.offices(unit), {"guanliyuan"}, 302)
                with self.subTest(region=unit.region.name, user=user.username):
                    self.attempt(
                        user,
                        url,
                        expected,
                        lambda c=campaign: (
                            Reminder.objects.filter(participant__campaign=c).count() == late[c.region_id]
                        ),
                    )
        self.assertFalse(Reminder.objects.exists())

    def test_it_shows_a_sending_to_whoever_reads_the_unit(self):
        for unit in self.units:
            url = reverse("campaigns:review-submission", args=[self.submission[unit].pk])
            for user in self.cast():
                with self.subTest(unit=unit.name, user=user.username):
                    self.check(user, "get", url, 200 if user.username in self.readers(unit) else 404)

    def test_it_offers_the_return_and_accept_forms_only_to_the_offices(self):
        submission = self.submission[self.unit_a]
        url = reverse("campaigns:review-submission", args=[submission.pk])
        accept = reverse("campaigns:decide-submission", args=[submission.pk, "accept"])
        for user in (self.zhang, self.li, self.han, self.zhou, self.admin):
            with self.subTest(user=user.username):
                page = self.check(user, "get", url, 200).content.decode()
                self.assertEqual(accept in page, user.username in ("han", "zhou"))
        board = reverse("campaigns:show-board", args=[self.campaigns[self.region1.pk, 2023].pk])
        remind = reverse("campaigns:remind-late", args=[self.campaigns[self.region1.pk, 2023].pk])
        for user, shown in ((self.han, True), (self.zhou, True), (self.admin, False)):
            self.assertEqual(
                remind in self.check(user, "get", board, 200).content.decode(), shown, user.username
            )

    def test_it_lets_only_the_offices_over_the_unit_return_or_accept_a_sending(self):
        for unit in self.units:
            submission = self.submission[unit]
            for decision, data, outcome in (
                ("return", {"comment": "请补充数据来源"}, Submission.Outcome.RETURNED),
                ("accept", {}, Submission.Outcome.ACCEPTED),
            ):
                url = reverse("campaigns:decide-submission", args=[submission.pk, decision])
                for user in self.cast():
                    expected = self.expected(user, self.offices(unit), self.readers(unit), 302)
                    with self.subTest(unit=unit.name, decision=decision, user=user.username):
                        self.attempt(
                            user,
                            url,
                            expected,
                            lambda s=submission, o=outcome: Submission.objects.get(pk=s.pk).outcome == o,
                            data=data,
                        )
            self.assertEqual(Submission.objects.get(pk=submission.pk).outcome, Submission.Outcome.PENDING)

    def test_it_lets_only_the_units_clerk_and_head_send_its_report(self):
        for unit in self.units:
            report = self.approved[unit]
            url = reverse("campaigns:send-report", args=[report.pk])
            for user in self.cast():
                expected = self.expected(user, self.writers(unit), self.readers(unit), 302)
                with self.subTest(unit=unit.name, user=user.username):
                    self.attempt(
                        user,
                        url,
                        expected,
                        lambda r=report: Report.objects.get(pk=r.pk).status == Report.Status.SENT,
                    )
        self.assertFalse(Submission.objects.filter(participant__campaign__year=2023).exists())

    def test_it_sends_anonymous_visitors_to_login(self):
        campaign = self.campaigns[self.region1.pk, 2024]
        submission = self.submission[self.unit_a]
        notice = Notice.objects.filter(recipient=self.han).first()
        for method, url in (
            ("get", reverse("campaigns:list-campaigns")),
            ("get", reverse("campaigns:show-board", args=[campaign.pk])),
            ("get", reverse("campaigns:export-board", args=[campaign.pk])),
            ("get", reverse("campaigns:download-reports", args=[campaign.pk])),
            ("post", reverse("campaigns:remind-late", args=[campaign.pk])),
            ("get", reverse("campaigns:review-submission", args=[submission.pk])),
            ("post", reverse("campaigns:decide-submission", args=[submission.pk, "accept"])),
            ("post", reverse("campaigns:send-report", args=[self.approved[self.unit_a].pk])),
            ("get", reverse("inbox:list-notices")),
            ("post", reverse("inbox:open-notice", args=[notice.pk])),
            ("post", reverse("inbox:read-notices")),
        ):
            with self.subTest(url=url):
                response = getattr(self.client, method)(url)
                self.assertEqual(response.status_code, 302)
                self.assertIn("/login/", response["Location"])
        self.assertEqual(Submission.objects.get(pk=submission.pk).outcome, Submission.Outcome.PENDING)

    # --- the campaign list, and opening a campaign ----------------------------------------------

    def test_it_lists_only_the_campaigns_of_the_regions_one_supervises(self):
        names = {c.pk: str(c) for c in Campaign.objects.all()}
        nankai = {self.campaigns[self.region1.pk, y].pk for y in (2023, 2024)}
        hexi = {self.campaigns[self.region2.pk, y].pk for y in (2023, 2024)}
        expected = {"han": nankai, "zhou": nankai | hexi, "guanliyuan": nankai | hexi}  # the admin reads all
        for user in self.cast():
            with self.subTest(user=user.username):
                response = self.check(user, "get", reverse("campaigns:list-campaigns"), 200)
                listed = {c.pk for c in response.context["campaigns"]}
                self.assertEqual(listed, expected.get(user.username, set()))
                page = response.content.decode()
                for pk, name in names.items():
                    self.assertEqual(name in page, pk in listed, name)

    def test_it_offers_only_the_supervised_regions_for_a_new_campaign(self):
        expected = {"han": {"天津市南开区"}, "zhou": {"天津市", "天津市南开区", "天津市河西区"}}
        for user in self.cast():
            with self.subTest(user=user.username):
                response = self.check(user, "get", reverse("campaigns:list-campaigns"), 200)
                choices = {r.name for r in response.context["form"].fields["region"].queryset}
                self.assertEqual(choices, expected.get(user.username, set()))
                self.assertEqual("开启报送任务" in response.content.decode(), user.username in expected)

    def test_it_lets_only_a_supervisor_of_the_region_open_its_campaign(self):
        url = reverse("campaigns:list-campaigns")
        for region in (self.region1, self.region2):
            openers = {self.region1: {"han", "zhou"}, self.region2: {"zhou"}}[region]
            for user in self.cast():
                # A refused region is not among the form's choices: the form comes back (200).
                expected = 302 if user.username in openers else 200
                with self.subTest(region=region.name, user=user.username):
                    self.attempt(
                        user,
                        url,
                        expected,
                        lambda r=region: Campaign.objects.filter(region=r, year=2022).exists(),
                        data={"region": region.pk, "year": 2022},
                    )
        self.assertFalse(Campaign.objects.filter(year=2022).exists())

    def test_it_keeps_a_unit_in_one_campaign_a_year(self):
        # 南开 and 河西 have their 2024 campaigns: 周 cannot open the city's 2024 campaign over them,
        # or 甲局's sending would land on one board and leave it late forever on the other.
        self.client.force_login(self.zhou)
        response = self.client.post(
            reverse("campaigns:list-campaigns"), {"region": self.city.pk, "year": 2024}, follow=True
        )
        said = " ".join(str(m) for m in response.context["messages"])
        self.assertIn("已参加", said)
        self.assertIn("甲局", said)
        self.assertFalse(Campaign.objects.filter(region=self.city).exists())
        self.assertEqual(Campaign.objects.filter(year=2024).count(), 2)
        # For a year nobody has opened, the city's campaign takes every unit of both regions.
        self.client.post(reverse("campaigns:list-campaigns"), {"region": self.city.pk, "year": 2022})
        city = Campaign.objects.get(region=self.city, year=2022)
        self.assertEqual(
            sorted(city.participants.values_list("unit__name", flat=True)), ["丙局", "乙局", "甲局"]
        )

    # --- the inbox ------------------------------------------------------------------------------

    def test_it_tells_the_office_that_opened_the_campaign_and_no_other_region(self):
        # 2024: 甲局 and 乙局 sent to 南开 (opened by 韩), 丙局 to 河西 (opened by 周).
        titles = {
            user.username: sorted(
                Notice.objects.filter(recipient=user, kind=Notice.Kind.SENT).values_list("title", flat=True)
            )
            for user in self.cast()
        }
        self.assertEqual(
            titles["han"],
            sorted(f"{u}报送了2024年度法治政府建设情况报告" for u in ("甲局", "乙局")),
        )
        self.assertEqual(titles["zhou"], ["丙局报送了2024年度法治政府建设情况报告"])
        for name in ("zhang", "li", "wang", "chen", "guanliyuan", "nobody"):
            self.assertEqual(titles[name], [], name)
        self.client.force_login(self.han)
        page = self.client.get(reverse("inbox:list-notices")).content.decode()
        self.assertIn("甲局报送了", page)
        self.assertNotIn("丙局", page)

    def test_it_lets_nobody_open_another_persons_notice(self):
        self.assertTrue(Notice.objects.exists())
        for notice in Notice.objects.all():
            url = reverse("inbox:open-notice", args=[notice.pk])
            for user in self.cast():
                expected = 302 if user == notice.recipient else 404
                with self.subTest(notice=notice.title, user=user.username):
                    self.attempt(
                        user,
                        url,
                        expected,
                        lambda n=notice: Notice.objects.get(pk=n.pk).read_at is not None,
                    )
        self.assertFalse(Notice.objects.filter(read_at__isnull=False).exists())

    def test_it_opens_ones_own_notice_at_its_page_and_marks_only_it_read(self):
        notice = Notice.objects.filter(recipient=self.han).order_by("pk").first()
        response = self.check(self.han, "post", reverse("inbox:open-notice", args=[notice.pk]), 302)
        self.assertEqual(response["Location"], notice.url)
        notice.refresh_from_db()
        self.assertIsNotNone(notice.read_at)
        self.assertEqual(Notice.objects.filter(read_at__isnull=False).count(), 1)

    def test_it_marks_only_the_readers_own_notices_read(self):
        for user in self.cast():
            with self.subTest(user=user.username):
                savepoint = transaction.savepoint()
                try:
                    self.check(user, "post", reverse("inbox:read-notices"), 302)
                    read = set(
                        Notice.objects.filter(read_at__isnull=False).values_list(
                            "recipient__username", flat=True
                        )
                    )
                    mine = Notice.objects.filter(recipient=user).exists()
                    self.assertEqual(read, {user.username} if mine else set())
                finally:
                    transaction.savepoint_rollback(savepoint)
        for user in self.cast():
            with self.subTest(page="list", user=user.username):
                shown = self.check(user, "get", reverse("inbox:list-notices"), 200).context["notices"]
                self.assertTrue(all(n.recipient_id == user.pk for n in shown))

    def test_it_counts_the_unread_notices_in_the_navigation_bar(self):
        self.client.force_login(self.han)
        tree = html.fromstring(self.client.get("/").content.decode())
        self.assertEqual(
            tree.xpath('string(//a[contains(@class, "inbox-link")]//*[@data-unread]/@data-unread)'), "2"
        )
        self.client.post(reverse("inbox:read-notices"))
        tree = html.fromstring(self.client.get("/").content.decode())
        self.assertEqual(tree.xpath('//a[contains(@class, "inbox-link")]//*[@data-unread]'), [])


class BoardCountsTest(BaseTestCase):
    """A small 南开 campaign of five units, in different states on 10 March 2025 (due 28 February).

    By hand:
    - 甲局: sent 20 Feb, accepted                     → sent, on time, accepted
    - 乙局: sent 25 Feb, returned 26 Feb               → sent, on time, returned once
    - 丁局: sent 5 Mar, not yet read                   → sent, late (3, 4, 5 March: 3 working days)
    - 戊局: never sent                                 → late (3–7, 10 March: 6 working days)
    - =SUM(1+1)局: sent 26 Feb, returned, sent again 3 Mar, accepted → sent on time, returned once
    5 units; 4 sent (报送率 80.0%); 3 on time (按时报送率 60.0%, of the 5);
    2 of the 4 that sent returned (退回率 50.0%); 2 accepted; 1 late and never sent.
    """

    TODAY = D(2025, 3, 10)

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        people = {cls.unit_a: (cls.zhang, cls.li), cls.unit_b: (cls.wang, appoint_head(cls.unit_b, "zhao"))}
        for name in ("丁局", "戊局", "=SUM(1+1)局"):
            unit = Unit.objects.create(name=name, region=cls.region1)
            clerk = User.objects.create_user(f"clerk-{unit.pk}", password="Pw-for-tests-1")
            Role.objects.create(user=clerk, kind=Role.Kind.CLERK, unit=unit)
            people[unit] = (clerk, appoint_head(unit, f"head-{unit.pk}"))
        cls.units = {u.name: u for u in people}
        with at(D(2025, 1, 6)):
            cls.campaign = do_open_campaign(region=cls.region1, year=2024, acting_user=cls.han)

        def send(name: str, on: dt.date) -> Submission:
            clerk, head = people[cls.units[name]]
            report = Report.objects.get(unit=cls.units[name], year=2024, genre="law")
            with at(on):
                return do_send_report(approve(report, clerk, head), acting_user=clerk)

        def decide(submission: Submission, on: dt.date, comment: str | None = None) -> None:
            with at(on):
                submission = Submission.objects.get(pk=submission.pk)
                if comment is None:
                    do_accept_submission(submission, acting_user=cls.han)
                else:
                    do_return_submission(submission, comment=comment, acting_user=cls.han)

        decide(send("甲局", D(2025, 2, 20)), D(2025, 2, 24))
        decide(send("乙局", D(2025, 2, 25)), D(2025, 2, 26), '=HYPERLINK("http://example.com","补充")')
        send("丁局", D(2025, 3, 5))
        decide(send("=SUM(1+1)局", D(2025, 2, 26)), D(2025, 2, 27), "=1+1 请补充")
        decide(send("=SUM(1+1)局", D(2025, 3, 3)), D(2025, 3, 4))

    def board(self, query: str = ""):
        self.client.force_login(self.han)
        with at(self.TODAY):
            return self.client.get(reverse("campaigns:show-board", args=[self.campaign.pk]) + query)

    def test_it_counts_the_rates_an_office_reports_upward(self):
        response = self.board()
        counts = response.context["counts"]
        self.assertEqual(
            (counts.total, counts.sent, counts.on_time, counts.returned, counts.accepted, counts.late),
            (5, 4, 3, 2, 2, 1),
        )
        self.assertEqual((counts.sent_rate, counts.on_time_rate, counts.returned_rate), (80.0, 60.0, 50.0))
        tree = html.fromstring(response.content.decode())
        shown = {b.get("data-rate"): b.text_content().strip() for b in tree.xpath("//b[@data-rate]")}
        self.assertEqual(
            shown,
            {"sent": "80.0%", "on-time": "60.0%", "returned": "50.0%", "published": "0.0%", "published-on-time": "0.0%"},
        )  # fmt: skip
        shown = {b.get("data-count"): b.text_content().strip() for b in tree.xpath("//b[@data-count]")}
        self.assertEqual(
            shown,
            {"total": "5", "sent": "4", "late": "1", "accepted": "2", "published": "0", "publish-late": "0", "corrected": "0"},
        )  # fmt: skip

    def test_it_shows_each_units_row(self):
        tree = html.fromstring(self.board().content.decode())
        rows = {
            row.get("data-unit"): (row.get("data-status"), row.xpath("./td")[4].text_content().strip(), row.xpath("./td")[9].text_content().strip())
            for row in tree.xpath('//table[contains(@class, "board")]/tbody/tr[@data-unit]')
        }  # fmt: skip
        # (state, working days late, returns), by hand.
        self.assertEqual(
            rows,
            {
                "甲局": ("accepted", "0", "0"),
                "乙局": ("returned", "0", "1"),
                "丁局": ("sent", "3", "0"),
                "戊局": ("not_started", "6", "0"),  # the draft the opening made, never touched
                "=SUM(1+1)局": ("accepted", "0", "1"),
            },
        )

    def test_it_filters_the_board_by_state(self):
        expected = {
            "unsent": ["戊局"],
            "late": ["戊局"],
            "sent": ["丁局"],
            "returned": ["乙局"],
            "accepted": ["=SUM(1+1)局", "甲局"],
        }
        for state, names in expected.items():
            with self.subTest(state=state):
                rows = self.board(f"?state={state}").context["rows"]
                self.assertEqual(sorted(r.participant.unit.name for r in rows), sorted(names))

    def test_it_exports_the_board_to_excel_with_every_row_and_no_formula(self):
        self.client.force_login(self.han)
        with at(self.TODAY):
            response = self.client.get(reverse("campaigns:export-board", args=[self.campaign.pk]))
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertIn("报送率80.0%", sheet["A2"].value)
        self.assertIn("按时报送率60.0%", sheet["A2"].value)
        self.assertIn("退回率50.0%", sheet["A2"].value)
        rows = {row[0].value: row for row in sheet.iter_rows(min_row=4)}
        # The unit whose name starts with "=" is a text cell holding the name as typed.
        self.assertEqual(set(rows), {"甲局", "乙局", "丁局", "戊局", "=SUM(1+1)局"})
        self.assertEqual(rows["丁局"][4].value, 3)  # 逾期工作日
        self.assertEqual(rows["戊局"][4].value, 6)
        self.assertEqual(rows["乙局"][9].value, 1)  # 退回次数
        for row in sheet.iter_rows():
            for cell in row:
                self.assertNotEqual(cell.data_type, "f", cell.coordinate)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "@")):
                    self.assertEqual((cell.data_type, cell.quotePrefix), ("s", True), cell.coordinate)

    def test_it_zips_one_word_file_per_unit_that_sent(self):
        self.client.force_login(self.han)
        response = self.client.get(reverse("campaigns:download-reports", args=[self.campaign.pk]))
        self.assertEqual(response.status_code, 200)
        archive = zipfile.ZipFile(
            io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
        )
        self.assertEqual(
            sorted(archive.namelist()),
            sorted(f"{u}2024年度法治政府建设情况报告.docx" for u in ("甲局", "乙局", "丁局", "=SUM(1+1)局")),
        )
        for name in archive.namelist():
            text = "\n".join(p.text for p in Document(io.BytesIO(archive.read(name))).paragraphs)
            self.assertIn(name.removesuffix(".docx"), text)
