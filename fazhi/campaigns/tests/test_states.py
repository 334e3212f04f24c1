"""The report's whole life as states (issue 9, "What it must show"): every move tried from every
state, the allowed ones written out by hand; then the whole cycle up to the office's acceptance.

The moves and who makes them in unit A: 张 (clerk) submits and sends, 李 (head) approves,
returns and reopens, 韩 (the 南开 office) returns and accepts what was sent.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from fazhi.campaigns.actions import (
    do_accept_submission,
    do_open_campaign,
    do_return_submission,
    do_send_report,
)
from fazhi.campaigns.models import Submission
from fazhi.inbox.models import Notice
from fazhi.lib.errors import FazhiError, Refused
from fazhi.reports.actions import (
    do_approve_report,
    do_create_report,
    do_reopen_report,
    do_return_report,
    do_save_section,
    do_submit_report,
)
from fazhi.reports.models import Report, ReportEvent
from fazhi.testing import BaseTestCase

S = Report.Status

# Where each move may start, and where it leads: written by hand from the issue, not read from
# the code. The office's two moves also need the latest sending to be still pending.
ALLOWED = {
    "submit": ({S.DRAFT, S.RETURNED, S.SENT_BACK}, S.SUBMITTED),
    "approve": ({S.SUBMITTED}, S.APPROVED),
    "head-return": ({S.SUBMITTED}, S.RETURNED),
    "reopen": ({S.APPROVED}, S.DRAFT),
    "send": ({S.APPROVED}, S.SENT),
    "office-return": ({S.SENT}, S.SENT_BACK),
    "office-accept": ({S.SENT}, S.ACCEPTED),
}

# The event each move leaves in the report's history, and who makes it (by hand).
EVENT_OF = {
    "submit": (ReportEvent.Action.SUBMIT, "zhang"),
    "approve": (ReportEvent.Action.APPROVE, "li"),
    "head-return": (ReportEvent.Action.RETURN, "li"),
    "reopen": (ReportEvent.Action.REOPEN, "li"),
    "send": (ReportEvent.Action.SEND, "zhang"),
    "office-return": (ReportEvent.Action.SEND_BACK, "han"),
    "office-accept": (ReportEvent.Action.ACCEPT, "han"),
}

# The paths into each state through the real actions. "fresh": a report never sent;
# "after a return": the office has returned it once (so it has a sending the office's moves
# can be tried on, whatever state it is in now).
SEND_AND_RETURN = ["submit", "approve", "send", "office-return"]
PATHS = {
    "fresh": {
        S.DRAFT: [],
        S.SUBMITTED: ["submit"],
        S.RETURNED: ["submit", "head-return"],
        S.APPROVED: ["submit", "approve"],
        S.SENT: ["submit", "approve", "send"],
        S.SENT_BACK: SEND_AND_RETURN,
        S.ACCEPTED: ["submit", "approve", "send", "office-accept"],
    },
    "after a return": {
        S.DRAFT: [*SEND_AND_RETURN, "submit", "approve", "reopen"],
        S.SUBMITTED: [*SEND_AND_RETURN, "submit"],
        S.RETURNED: [*SEND_AND_RETURN, "submit", "head-return"],
        S.APPROVED: [*SEND_AND_RETURN, "submit", "approve"],
        S.SENT: [*SEND_AND_RETURN, "submit", "approve", "send"],
        S.SENT_BACK: [*SEND_AND_RETURN],
        S.ACCEPTED: [*SEND_AND_RETURN, "submit", "approve", "send", "office-accept"],
    },
}


def fresh(report: Report) -> Report:
    """The row as stored now (a move never works on an object another move left behind)."""
    return Report.objects.get(pk=report.pk)


def fresh_submission(submission: Submission) -> Submission:
    return Submission.objects.get(pk=submission.pk)


def latest_submission(report: Report) -> Submission | None:
    return Submission.objects.filter(participant__report=report).order_by("-sent_at", "-id").first()


class Moves:
    """Each move through its real action, made by the person of unit A's cast who makes it."""

    @classmethod
    def move(cls, name: str, report: Report):
        report = fresh(report)
        if name == "submit":
            return do_submit_report(report, acting_user=cls.zhang)
        if name == "approve":
            return do_approve_report(report, acting_user=cls.li, reasons=cls.reasons_for_errors(report))
        if name == "head-return":
            return do_return_report(report, comment="请补充学法情况", acting_user=cls.li)
        if name == "reopen":
            return do_reopen_report(report, acting_user=cls.li)
        if name == "send":
            return do_send_report(report, acting_user=cls.zhang)
        submission = latest_submission(report)
        if submission is None:  # never sent: the office has nothing to act on
            raise AssertionError(f"{name}: no sending")
        if name == "office-return":
            return do_return_submission(submission, comment="请补充数据来源", acting_user=cls.han)
        if name == "office-accept":
            return do_accept_submission(submission, acting_user=cls.han)
        raise AssertionError(name)

    @classmethod
    def walk(cls, report: Report, path: list[str]) -> Report:
        for name in path:
            cls.move(name, report)
        return fresh(report)

    @staticmethod
    def fingerprint(report: Report) -> tuple:
        """Everything a move may change: status, versions, events, sendings, notices."""
        report.refresh_from_db()
        return (
            report.status,
            list(report.versions.values_list("number", flat=True)),
            list(report.events.values_list("pk", "action")),
            list(
                Submission.objects.filter(participant__report=report)
                .order_by("pk")
                .values_list("pk", "outcome", "comment")
            ),
            Notice.objects.count(),
        )


class EveryMoveFromEveryStateTest(Moves, BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # One report of unit A per (path, state), each in its own year with its own campaign.
        cls.reports: dict[tuple[str, str], Report] = {}
        year = 2011
        for variant, paths in PATHS.items():
            for state, path in paths.items():
                do_open_campaign(region=cls.region1, year=year, units=[cls.unit_a], acting_user=cls.han)
                report = Report.objects.get(unit=cls.unit_a, year=year, genre="law")
                cls.reports[variant, state] = cls.walk(report, path)
                year += 1

    def test_it_puts_each_report_in_its_state_through_the_real_actions(self):
        for (variant, state), report in self.reports.items():
            report.refresh_from_db()
            self.assertEqual(report.status, state, f"{variant}: {state}")
        # A report returned by the office has that sending, returned, with the office's comment.
        returned = latest_submission(self.reports["fresh", S.SENT_BACK])
        self.assertEqual(
            (returned.outcome, returned.comment), (Submission.Outcome.RETURNED, "请补充数据来源")
        )

    def attempt(self, name: str, report: Report) -> None:
        """Try the move inside a savepoint: checked, then undone for the next try."""
        allowed, target = ALLOWED[name]
        state = fresh(report).status
        before = self.fingerprint(report)
        savepoint = transaction.savepoint()
        try:
            if state in allowed:
                self.move(name, report)
                report.refresh_from_db()
                self.assertEqual(report.status, target)
                action, actor = EVENT_OF[name]
                last = report.events.order_by("-at", "-id").first()
                self.assertEqual((last.action, last.actor.username), (action, actor))
                self.assertEqual(report.events.count(), len(before[2]) + 1)
            else:
                with self.assertRaises(FazhiError) as refused:
                    self.move(name, report)
                self.assertNotIsInstance(refused.exception, Refused)
                self.assertEqual(refused.exception.code, "bad-status", refused.exception.message)
                self.assertEqual(self.fingerprint(report), before, "a refused move changed something")
        finally:
            transaction.savepoint_rollback(savepoint)

    def test_it_allows_each_move_only_from_its_start_states(self):
        for (variant, state), report in self.reports.items():
            for name in ALLOWED:
                if name.startswith("office-") and latest_submission(report) is None:
                    continue  # never sent: there is no sending to pass to the office's action
                with self.subTest(move=name, state=state, variant=variant):
                    self.attempt(name, report)

    def test_it_never_approves_a_draft_that_was_never_submitted(self):
        draft = self.reports["fresh", S.DRAFT]
        with self.assertRaises(FazhiError) as refused:
            do_approve_report(fresh(draft), acting_user=self.li, reasons=self.reasons_for_errors(draft))
        self.assertEqual(refused.exception.code, "bad-status")
        draft.refresh_from_db()
        self.assertEqual(draft.status, S.DRAFT)
        self.assertEqual(draft.versions.count(), 0)
        self.assertEqual(draft.events.count(), 0)

    def test_it_lets_only_the_head_reopen_an_approved_report(self):
        approved = self.reports["fresh", S.APPROVED]
        with self.assertRaises(Refused) as refused:
            do_reopen_report(fresh(approved), acting_user=self.zhang)
        self.assertEqual(refused.exception.status, 403)
        approved.refresh_from_db()
        self.assertEqual(approved.status, S.APPROVED)

    def test_it_refuses_the_office_a_sending_that_is_no_longer_the_latest(self):
        # Sent, returned, sent again: the first sending (returned) cannot be returned or accepted.
        report = self.reports["after a return", S.SENT]
        first, second = Submission.objects.filter(participant__report=report).order_by("sent_at", "id")
        self.assertEqual(second.outcome, Submission.Outcome.PENDING)
        for act in (
            lambda s: do_accept_submission(s, acting_user=self.han),
            lambda s: do_return_submission(s, comment="再改", acting_user=self.han),
        ):
            before = self.fingerprint(report)
            with self.assertRaises(FazhiError) as refused:
                act(Submission.objects.get(pk=first.pk))
            self.assertEqual(refused.exception.code, "bad-status")
            self.assertEqual(self.fingerprint(report), before)
        # Even were the older one still pending, only the latest sending is decided on.
        Submission.objects.filter(pk=first.pk).update(outcome=Submission.Outcome.PENDING)
        before = self.fingerprint(report)
        with self.assertRaises(FazhiError) as refused:
            do_accept_submission(Submission.objects.get(pk=first.pk), acting_user=self.han)
        self.assertEqual(refused.exception.code, "bad-status")
        self.assertEqual(self.fingerprint(report), before)


class WholeCycleTest(Moves, BaseTestCase):
    def setUp(self) -> None:
        self.report = Report.objects.get(
            pk=do_open_campaign(region=self.region1, year=2024, acting_user=self.han)
            .participants.get(unit=self.unit_a)
            .report_id
        )

    def section(self, key: str = "plan.text"):
        return self.report.sections.get(key=key)

    def test_it_goes_from_draft_to_accepted_with_a_return_on_the_way(self):
        report = self.report
        do_submit_report(fresh(report), acting_user=self.zhang)
        report.refresh_from_db()
        self.assertEqual(report.status, S.SUBMITTED)
        do_approve_report(fresh(report), acting_user=self.li, reasons=self.reasons_for_errors(report))
        report.refresh_from_db()
        self.assertEqual(report.status, S.APPROVED)
        first = do_send_report(fresh(report), acting_user=self.li)
        report.refresh_from_db()
        self.assertEqual(report.status, S.SENT)
        self.assertEqual((first.version.number, first.outcome), (1, Submission.Outcome.PENDING))

        # Sent: frozen for the unit.
        section = self.section()
        with self.assertRaises(FazhiError) as refused:
            do_save_section(
                section, heading="", text="报送后再改", revision=section.revision, acting_user=self.zhang
            )
        self.assertEqual(refused.exception.code, "not-editable")
        self.assertEqual(self.section().text, section.text)

        # The office returns it: only with a comment.
        for empty in ("", "   \n"):
            with self.assertRaises(FazhiError) as refused:
                do_return_submission(fresh_submission(first), comment=empty, acting_user=self.han)
            self.assertEqual(refused.exception.code, "comment-required")
            report.refresh_from_db()
            self.assertEqual(report.status, S.SENT)
        do_return_submission(
            fresh_submission(first),
            comment="请补充2025年工作安排",
            section_comments={"plan.text": "安排过于笼统"},
            acting_user=self.han,
        )
        report.refresh_from_db()
        first.refresh_from_db()
        self.assertEqual(report.status, S.SENT_BACK)
        self.assertEqual(
            (first.outcome, first.comment, first.section_comments, first.decided_by),
            (Submission.Outcome.RETURNED, "请补充2025年工作安排", {"plan.text": "安排过于笼统"}, self.han),
        )

        # Returned: the unit edits it again, and it goes round once more as version 2.
        section = self.section()
        do_save_section(
            section,
            heading="",
            text="2025年将细化普法责任清单。",
            revision=section.revision,
            acting_user=self.zhang,
        )
        self.assertEqual(self.section().text, "2025年将细化普法责任清单。")
        do_submit_report(fresh(report), acting_user=self.zhang)
        version = do_approve_report(
            fresh(report), acting_user=self.li, reasons=self.reasons_for_errors(report)
        )
        self.assertEqual(version.number, 2)
        second = do_send_report(fresh(report), acting_user=self.zhang)
        self.assertEqual(second.version.number, 2)
        self.assertIn("2025年将细化普法责任清单。", str(second.document))
        do_accept_submission(fresh_submission(second), acting_user=self.han)
        report.refresh_from_db()
        second.refresh_from_db()
        self.assertEqual(report.status, S.ACCEPTED)
        self.assertEqual((second.outcome, second.decided_by), (Submission.Outcome.ACCEPTED, self.han))
        self.assertEqual(list(report.versions.values_list("number", flat=True)), [1, 2])

        # Every move is an event with who made it and the comment (by hand, in order).
        self.assertEqual(
            list(report.events.order_by("at", "id").values_list("action", "actor__username", "comment")),
            [
                ("submit", "zhang", ""),
                ("approve", "li", ""),
                ("send", "li", ""),
                ("send_back", "han", "请补充2025年工作安排"),
                ("submit", "zhang", ""),
                ("approve", "li", ""),
                ("send", "zhang", ""),
                ("accept", "han", ""),
            ],
        )
        for event in report.events.all():
            self.assertIsNotNone(event.at)

        # Accepted: frozen again, and not sent a third time.
        section = self.section()
        with self.assertRaises(FazhiError) as refused:
            do_save_section(
                section, heading="", text="接收后再改", revision=section.revision, acting_user=self.zhang
            )
        self.assertEqual(refused.exception.code, "not-editable")
        with self.assertRaises(FazhiError) as refused:
            do_send_report(fresh(report), acting_user=self.zhang)
        self.assertEqual(refused.exception.code, "bad-status")
        self.assertEqual(Submission.objects.filter(participant__report=report).count(), 2)

    def test_it_refuses_to_send_twice(self):
        self.walk(self.report, ["submit", "approve", "send"])
        with self.assertRaises(FazhiError) as refused:
            do_send_report(fresh(self.report), acting_user=self.li)
        self.assertEqual(refused.exception.code, "bad-status")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, S.SENT)
        self.assertEqual(Submission.objects.filter(participant__report=self.report).count(), 1)
        self.assertEqual(self.report.events.filter(action=ReportEvent.Action.SEND).count(), 1)

    def test_it_shows_the_office_comment_on_a_section_in_the_editor_of_the_returned_report(self):
        self.walk(self.report, ["submit", "approve", "send"])
        do_return_submission(
            latest_submission(self.report),
            comment="请补充2025年工作安排",
            section_comments={"plan.text": "安排过于笼统"},
            acting_user=self.han,
        )
        self.client.force_login(self.zhang)
        page = self.client.get(reverse("reports:edit-report", args=[self.report.pk])).content.decode()
        self.assertIn("请补充2025年工作安排", page)
        self.assertIn("安排过于笼统", page)


class SendingWithoutCampaignTest(Moves, BaseTestCase):
    def test_it_refuses_to_send_without_an_open_campaign_for_the_units_year(self):
        report = self.walk(
            do_create_report(unit=self.unit_a, year=2024, acting_user=self.zhang), ["submit", "approve"]
        )
        # 河西's campaign of the same year is not unit A's.
        do_open_campaign(region=self.region2, year=2024, acting_user=self.zhou)
        # 南开's campaign of another year is not either.
        do_open_campaign(region=self.region1, year=2023, acting_user=self.han)
        with self.assertRaises(FazhiError) as refused:
            do_send_report(fresh(report), acting_user=self.li)
        self.assertEqual(refused.exception.code, "no-campaign")
        self.assertEqual(refused.exception.message, "依法治区办尚未开启2024年度报告的报送任务，暂不能报送。")
        report.refresh_from_db()
        self.assertEqual(report.status, S.APPROVED)
        self.assertFalse(Submission.objects.filter(unit=self.unit_a).exists())
        self.assertFalse(report.events.filter(action=ReportEvent.Action.SEND).exists())
