"""The error gate (issue 9): a report with checker errors is approved, or sent, only with the head's
reason for each error; the reasons travel with the version to the office's review page.

Unit A's draft, with no ledger records, has two errors, counted by hand: part 一 (主要举措和成效,
no ledger record so no section) and part 二 (存在的不足) are headings with nothing under them
(rule ``empty-section``); and one warning, the leadership section's heading with no text.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.messages import get_messages
from django.urls import reverse
from lxml import html

from fazhi.campaigns.actions import do_open_campaign, do_send_report
from fazhi.campaigns.models import Submission
from fazhi.campaigns.queries import board_rows
from fazhi.lib.errors import FazhiError
from fazhi.reports.actions import do_approve_report, do_create_report, do_save_section, do_submit_report
from fazhi.reports.models import Report
from fazhi.testing import BaseTestCase

EMPTY_PART = "本部分只有标题，下面没有内容：请补写或删去该标题。"  # the checker's words for an empty part


# The head approves the 2024 report in time (a later date on it would be a signature-date warning).
APPROVED_ON = dt.date(2025, 2, 18)


class GateTest(BaseTestCase):
    def setUp(self) -> None:
        self.campaign = do_open_campaign(region=self.region1, year=2024, acting_user=self.han)
        self.report = self.campaign.participants.get(unit=self.unit_a).report
        do_submit_report(self.report, acting_user=self.zhang)
        self.report.refresh_from_db()

    def fresh(self) -> Report:
        return Report.objects.get(pk=self.report.pk)

    def two_reasons(self) -> dict[str, str]:
        keys = sorted(self.reasons_for_errors(self.report))
        self.assertEqual(len(keys), 2)  # parts 一 and 二, empty: by hand
        return {keys[0]: "本年度不足已在专项报告中说明", keys[1]: "下一年安排待区委统一部署后补报"}

    def assert_still_submitted(self) -> None:
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.SUBMITTED)
        self.assertEqual(self.report.versions.count(), 0)
        self.assertEqual(list(self.report.events.values_list("action", flat=True)), ["submit"])

    def test_it_refuses_to_approve_with_errors_and_no_reasons_and_says_how_many(self):
        with self.assertRaises(FazhiError) as refused:
            do_approve_report(self.fresh(), acting_user=self.li)
        self.assertEqual(refused.exception.code, "errors-unexplained")
        self.assertIn("2处错误", refused.exception.message)
        self.assert_still_submitted()

    def test_it_refuses_a_partial_set_of_reasons(self):
        first, second = self.two_reasons().items()
        for partial in ({first[0]: first[1]}, {first[0]: first[1], second[0]: "   "}):
            with self.assertRaises(FazhiError) as refused:
                do_approve_report(self.fresh(), acting_user=self.li, reasons=partial)
            self.assertEqual(refused.exception.code, "errors-unexplained")
            self.assertIn("1处错误", refused.exception.message)
            self.assert_still_submitted()

    def test_it_refuses_reasons_given_under_keys_of_no_finding(self):
        with self.assertRaises(FazhiError):
            do_approve_report(self.fresh(), acting_user=self.li, reasons={"0" * 12: "理由", "1" * 12: "理由"})
        self.assert_still_submitted()

    def test_it_approves_with_a_reason_for_each_error_and_keeps_them_in_the_version(self):
        reasons = self.two_reasons()
        version = do_approve_report(self.fresh(), acting_user=self.li, reasons=reasons, today=APPROVED_ON)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.APPROVED)
        version.refresh_from_db()
        errors = [f for f in version.findings if f["severity"] == "error"]
        self.assertEqual(
            sorted((f["key"], f["rule"], f["message"], f["reason"]) for f in errors),
            sorted((key, "empty-section", EMPTY_PART, why) for key, why in reasons.items()),
        )
        # The one warning (the leadership heading with nothing under it) needs no reason.
        self.assertEqual([f["reason"] for f in version.findings if f["severity"] == "warning"], [""])

    def test_it_needs_no_reason_once_the_errors_are_fixed(self):
        # A 2023 report drafted after a study session was entered: part 一 has its section, so the
        # one error left is part 二, empty; the clerk writes it, and the head approves without reasons.
        self.make_study(self.unit_a, on=dt.date(2023, 5, 6))
        report = do_create_report(unit=self.unit_a, year=2023, acting_user=self.zhang)
        self.assertEqual(len(self.reasons_for_errors(report)), 1)
        section = report.sections.get(key="shortcomings.text")
        do_save_section(
            section, heading="", text="统筹推进不够平衡。", revision=section.revision, acting_user=self.zhang
        )
        do_submit_report(Report.objects.get(pk=report.pk), acting_user=self.zhang)
        version = do_approve_report(Report.objects.get(pk=report.pk), acting_user=self.li)
        self.assertEqual([f for f in version.findings if f["severity"] == "error"], [])
        report.refresh_from_db()
        self.assertEqual(report.status, Report.Status.APPROVED)

    def test_it_refuses_to_send_a_version_holding_an_error_without_a_reason(self):
        version = do_approve_report(self.fresh(), acting_user=self.li, reasons=self.two_reasons())
        # A version whose stored errors carry no reason (as one approved before the gate would).
        version.findings = [f | {"reason": ""} for f in version.findings]
        version.save(update_fields=["findings"])
        with self.assertRaises(FazhiError) as refused:
            do_send_report(self.fresh(), acting_user=self.li)
        self.assertEqual(refused.exception.code, "errors-unexplained")
        self.assertIn("2处错误", refused.exception.message)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.APPROVED)
        self.assertFalse(Submission.objects.filter(unit=self.unit_a).exists())

    def test_it_shows_the_office_each_reason_beside_its_finding(self):
        reasons = self.two_reasons()
        do_approve_report(self.fresh(), acting_user=self.li, reasons=reasons, today=APPROVED_ON)
        submission = do_send_report(self.fresh(), acting_user=self.li)
        self.assertEqual((submission.errors, submission.warnings), (2, 1))  # by hand, as above
        self.assertEqual(board_rows(self.campaign, today=submission.sent_on)[0].errors, 2)
        self.client.force_login(self.han)
        response = self.client.get(reverse("campaigns:review-submission", args=[submission.pk]))
        self.assertEqual(response.status_code, 200)
        tree = html.fromstring(response.content.decode())
        boxes = tree.xpath('//div[contains(@class, "finding-error")]')
        self.assertEqual(len(boxes), 2)
        shown = sorted(
            (
                EMPTY_PART in box.text_content(),
                box.xpath('string(.//div[@class="reason"])').strip(),
            )
            for box in boxes
        )
        self.assertEqual(shown, sorted((True, f"主要负责人说明：{why}") for why in reasons.values()))


class GatePageTest(BaseTestCase):
    """The same gate through the editor: the head is asked a reason per error; the clerk is not."""

    def setUp(self) -> None:
        do_open_campaign(region=self.region1, year=2024, acting_user=self.han)
        self.report = Report.objects.get(unit=self.unit_a, year=2024, genre="law")
        do_submit_report(self.report, acting_user=self.zhang)

    def reason_boxes(self, user) -> list[str]:
        self.client.force_login(user)
        page = self.client.get(reverse("reports:edit-report", args=[self.report.pk]))
        self.assertEqual(page.status_code, 200)
        tree = html.fromstring(page.content.decode())
        return sorted(tree.xpath('//textarea[starts-with(@name, "reason-")]/@name'))

    def approve(self, data: dict):
        self.client.force_login(self.li)
        return self.client.post(
            reverse("reports:transition-report", args=[self.report.pk, "approve"]), data, follow=True
        )

    def test_it_asks_the_head_for_a_reason_per_error_and_the_clerk_for_none(self):
        expected = sorted(f"reason-{key}" for key in self.reasons_for_errors(self.report))
        self.assertEqual(len(expected), 2)  # parts 一 and 二, empty: by hand
        self.assertEqual(self.reason_boxes(self.li), expected)
        self.assertEqual(self.reason_boxes(self.zhang), [])

    def test_it_refuses_the_page_approval_without_reasons_and_passes_with_them(self):
        response = self.approve({})
        self.assertIn("2处错误", " ".join(str(m) for m in get_messages(response.wsgi_request)))
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.SUBMITTED)
        self.assertEqual(self.report.versions.count(), 0)
        reasons = self.reasons_for_errors(self.report)
        self.approve({f"reason-{key}": why for key, why in reasons.items()})
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.APPROVED)
        kept = {
            f["key"]: f["reason"] for f in self.report.versions.get().findings if f["severity"] == "error"
        }
        self.assertEqual(kept, reasons)
