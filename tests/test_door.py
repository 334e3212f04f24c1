"""The permission door on the actions themselves: every ``do_*`` called directly, as each member of
the cast, on each unit; and a check that no ``do_*`` anywhere in the project lacks the door.

Who holds what is written out here by hand (not asked of the door): the clerk and head of a
unit write it; only its head approves; the admin administers; readers who may not act get
403, everyone else 404. A refused call writes nothing.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from fazhi.campaigns import actions as campaign_actions
from fazhi.campaigns import publishing
from fazhi.campaigns import uploads as upload_actions
from fazhi.campaigns.models import Campaign, Participant, Reminder, Submission
from fazhi.campaigns.publication_models import Publication, SecrecyReview
from fazhi.campaigns.tests.report_files import docx_bytes, report_lines, txt_bytes
from fazhi.campaigns.upload_models import ReportFile, UploadBatch, UploadItem
from fazhi.deadlines import actions as deadline_actions
from fazhi.deadlines.calendar import YearSchedule
from fazhi.deadlines.models import CalendarYear, DueItem, WorkflowStep
from fazhi.disclosure import actions as disclosure_actions
from fazhi.disclosure.models import DisclosureYear
from fazhi.inbox import actions as inbox_actions
from fazhi.inbox.models import Notice
from fazhi.lib.errors import Refused
from fazhi.lib.tests.zips import pdf_of_pages
from fazhi.orgs import onboarding
from fazhi.orgs.access import SYSTEM, Need
from fazhi.orgs.models import Role, Unit
from fazhi.records import actions as record_actions
from fazhi.records.kinds import KINDS
from fazhi.records.models import Attachment, DisclosureRequest, StudySession
from fazhi.reportcheck.readers import to_lines
from fazhi.reports import actions as report_actions
from fazhi.reports.models import Report, ReportEvent, ReportSection, ReportVersion, SectionConflict
from fazhi.testing import BaseTestCase

User = get_user_model()
EVERYONE = "everyone"
ROOT = Path(__file__).resolve().parent.parent / "fazhi"
PDF = pdf_of_pages(1)  # a real PDF: an upload must open as one (fazhi.lib.uploads)
STUDY = {"date": dt.date(2024, 6, 1), "title": "学习民法典", "form": "lecture", "attendees": 5}
WATCHED = (StudySession, DisclosureRequest, Attachment, Report, ReportSection, ReportEvent, ReportVersion)
WATCHED += (WorkflowStep, DueItem, CalendarYear, Campaign, Participant, Submission, Reminder, Notice)
WATCHED += (SecrecyReview, Publication)
WATCHED += (ReportFile, UploadBatch, UploadItem, SectionConflict, DisclosureYear)
WATCHED += (Unit, Role)
# A region's onboarding workbook as read: one unit and its clerk.
ONBOARDING = onboarding.Sheets(
    units=[onboarding.Row(2, {"单位名称": "门禁测试局"})],
    accounts=[
        onboarding.Row(2, {"用户名": "door-clerk", "姓名": "门禁", "单位": "门禁测试局", "角色": "填报员"})
    ],
)


def fresh(obj):
    """The row as stored now: a call rolled back must not leave the next one a changed object."""
    return type(obj).objects.get(pk=obj.pk)


def _fingerprint() -> tuple[int, ...]:
    """Rows and history rows of everything an action may write."""
    counts = []
    for model in WATCHED:
        counts.append(model.objects.count())
        if hasattr(model, "history"):
            counts.append(model.history.count())
    return tuple(counts)


class ActionDoorTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.units = (cls.unit_a, cls.unit_b, cls.unit_c)
        cls.writers = {cls.unit_a: {"zhang", "li"}, cls.unit_b: {"wang"}, cls.unit_c: {"chen"}}
        cls.heads = {cls.unit_a: {"li"}, cls.unit_b: set(), cls.unit_c: set()}
        cls.readers = {
            cls.unit_a: {"zhang", "li", "han", "zhou", "guanliyuan"},
            cls.unit_b: {"wang", "han", "zhou", "guanliyuan"},
            cls.unit_c: {"chen", "zhou", "guanliyuan"},
        }
        cls.cast = (cls.zhang, cls.li, cls.wang, cls.chen, cls.han, cls.zhou, cls.admin, cls.nobody)
        cls.study, cls.request, cls.attachment = {}, {}, {}
        cls.draft, cls.submitted, cls.approved, cls.sent, cls.accepted = {}, {}, {}, {}, {}
        cls.extra, cls.conflict = {}, {}
        for unit in cls.units:
            clerk = cls.clerk_of(unit)
            cls.study[unit] = record_actions.do_create_record(
                KINDS["study"], unit=unit, data=STUDY, acting_user=clerk
            )
            cls.request[unit] = record_actions.do_create_record(
                KINDS["request"],
                unit=unit,
                data={"date": dt.date(2025, 3, 3), "title": "申请公开", "applicant_type": "person"},
                acting_user=clerk,
            )
            cls.attachment[unit] = record_actions.do_add_attachment(
                cls.study[unit], upload=SimpleUploadedFile("a.pdf", PDF), acting_user=clerk
            )
            cls.draft[unit] = report_actions.do_create_report(unit=unit, year=2024, acting_user=clerk)
            # A second titled section to move and delete, stating a figure the ledger does not hold,
            # and a refused save kept as a conflict.
            cls.extra[unit] = ReportSection.objects.create(
                report=cls.draft[unit],
                part="measures",
                key="measures.extra",
                position=90,
                heading="另一段",
                text="全年共开展各类学法活动9次。",
                stated={"study.total": 9},
            )
            cls.conflict[unit] = SectionConflict.objects.create(
                section=cls.extra[unit], text="未保存的文字", by=clerk
            )
            submitted = report_actions.do_create_report(unit=unit, year=2023, acting_user=clerk)
            cls.submitted[unit] = report_actions.do_submit_report(submitted, acting_user=clerk)
            approved = report_actions.do_create_report(unit=unit, year=2022, acting_user=clerk)
            report_actions.do_submit_report(approved, acting_user=clerk)
            report_actions.do_approve_report(
                approved, acting_user=cls.head_of(unit), reasons=cls.reasons_for_errors(approved)
            )
            cls.approved[unit] = approved
            sent = report_actions.do_create_report(unit=unit, year=2021, acting_user=clerk)
            report_actions.do_submit_report(sent, acting_user=clerk)
            report_actions.do_approve_report(
                sent, acting_user=cls.head_of(unit), reasons=cls.reasons_for_errors(sent)
            )
            cls.sent[unit] = sent
            accepted = report_actions.do_create_report(unit=unit, year=2020, acting_user=clerk)
            report_actions.do_submit_report(accepted, acting_user=clerk)
            report_actions.do_approve_report(
                accepted, acting_user=cls.head_of(unit), reasons=cls.reasons_for_errors(accepted)
            )
            cls.accepted[unit] = accepted
        cls.campaigns = {}
        for region, office in ((cls.region1, cls.han), (cls.region2, cls.zhou)):
            for year in (2020, 2021, 2022):
                cls.campaigns[region.pk, year] = campaign_actions.do_open_campaign(
                    region=region, year=year, acting_user=office
                )
        cls.submission = {
            unit: campaign_actions.do_send_report(cls.sent[unit], acting_user=cls.clerk_of(unit))
            for unit in cls.units
        }
        for unit in cls.units:  # 2020: accepted by the office, reviewed for secrets, ready to publish
            office = cls.han if unit.region_id == cls.region1.pk else cls.zhou
            sent = campaign_actions.do_send_report(
                cls.accepted[unit], acting_user=cls.clerk_of(unit), today=dt.date(2021, 2, 20)
            )
            campaign_actions.do_accept_submission(sent, acting_user=office)
            publishing.do_record_secrecy_review(
                fresh(cls.accepted[unit]),
                reviewer="保密员",
                reviewed_on=dt.date(2021, 3, 1),
                acting_user=cls.clerk_of(unit),
            )
        # The office's bulk upload to each region's 2022 campaign: a file the job has not read yet,
        # and one that named no unit of the campaign (the job's run is not part of the fixture).
        cls.queued, cls.waiting = {}, {}
        for region, office in ((cls.region1, cls.han), (cls.region2, cls.zhou)):
            batch = upload_actions.do_upload_batch(
                cls.campaigns[region.pk, 2022],
                files=[
                    SimpleUploadedFile("a.txt", txt_bytes(report_lines("不明单位", 2022))),
                    SimpleUploadedFile("b.txt", txt_bytes(report_lines("不明单位", 2022))),
                ],
                acting_user=office,
            )
            cls.queued[region.pk], cls.waiting[region.pk] = batch.items.order_by("pk")
            cls.waiting[region.pk].status = UploadItem.Status.WAITING
            cls.waiting[region.pk].save()
        cls.year_2028 = deadline_actions.do_save_calendar_year(
            year=2028,
            schedule=YearSchedule(holidays={dt.date(2028, 1, 3)}),
            source="admin",
            acting_user=SYSTEM,
        )

    @classmethod
    def head_of(cls, unit):
        """Units B and C have no head in the cast: one is appointed here, only to approve."""
        if unit == cls.unit_a:
            return cls.li
        user = User.objects.filter(username=f"head-{unit.pk}").first()
        if user is None:
            user = User.objects.create_user(f"head-{unit.pk}", password="x")
            Role.objects.create(user=user, kind=Role.Kind.HEAD, unit=unit)
        return user

    def unit_actions(self):
        """(name, holders of the need per unit, call(unit, user)) for every unit-scoped action."""
        kind = KINDS["study"]
        w, h = self.writers, self.heads
        offices = {self.unit_a: {"han", "zhou"}, self.unit_b: {"han", "zhou"}, self.unit_c: {"zhou"}}
        region_readers = {u: names | {"guanliyuan"} for u, names in offices.items()}
        region_wide = (offices, region_readers)  # a campaign: on the unit's whole region
        schedule = YearSchedule(holidays={dt.date(2027, 1, 1)})
        return [
            ("do_create_record", w, lambda u, by: record_actions.do_create_record(kind, unit=u, data=STUDY, acting_user=by)),
            ("do_update_record", w, lambda u, by: record_actions.do_update_record(fresh(self.study[u]), data={"title": "改"}, acting_user=by)),
            ("do_delete_record", w, lambda u, by: record_actions.do_delete_record(fresh(self.study[u]), acting_user=by)),
            ("do_add_attachment", w, lambda u, by: record_actions.do_add_attachment(fresh(self.study[u]), upload=SimpleUploadedFile("b.pdf", PDF), acting_user=by)),
            ("do_delete_attachment", w, lambda u, by: record_actions.do_delete_attachment(fresh(self.attachment[u]), acting_user=by)),
            ("do_import_records", w, lambda u, by: record_actions.do_import_records(kind, unit=u, rows={2: {**STUDY, "title": "导入的学习"}}, acting_user=by)),
            ("do_create_report", w, lambda u, by: report_actions.do_create_report(unit=u, year=2025, acting_user=by)),
            ("do_save_section", w, lambda u, by: report_actions.do_save_section(fresh(self.draft[u]).sections.first(), heading="标题", text="正文", revision=1, acting_user=by)),
            ("do_save_preamble", w, lambda u, by: report_actions.do_save_preamble(fresh(self.draft[u]), text="开头", acting_user=by)),
            ("do_refresh_figures", w, lambda u, by: report_actions.do_refresh_figures(fresh(self.draft[u]), acting_user=by)),
            ("do_add_section", w, lambda u, by: report_actions.do_add_section(fresh(self.draft[u]), part="plan", heading="新段", acting_user=by)),
            ("do_move_section", w, lambda u, by: report_actions.do_move_section(fresh(self.extra[u]), up=True, acting_user=by)),
            ("do_delete_section", w, lambda u, by: report_actions.do_delete_section(fresh(self.extra[u]), acting_user=by)),
            ("do_restate_figure", w, lambda u, by: report_actions.do_restate_figure(fresh(self.extra[u]), code="study.total", acting_user=by)),
            ("do_resolve_conflict", w, lambda u, by: report_actions.do_resolve_conflict(fresh(self.conflict[u]), acting_user=by)),
            ("do_import_report", w, lambda u, by: report_actions.do_import_report(unit=u, year=2024, lines=to_lines("\n".join(report_lines(u.name, 2024))), acting_user=by)),
            ("do_save_disclosure_year", w, lambda u, by: disclosure_actions.do_save_disclosure_year(unit=u, year=2024, data={name: 1 for name in DisclosureYear.ENTERED}, acting_user=by)),
            ("do_submit_report", w, lambda u, by: report_actions.do_submit_report(fresh(self.draft[u]), acting_user=by)),
            ("do_approve_report", h, lambda u, by: report_actions.do_approve_report(fresh(self.submitted[u]), acting_user=by, reasons=self.reasons_for_errors(self.submitted[u]))),
            ("do_return_report", h, lambda u, by: report_actions.do_return_report(fresh(self.submitted[u]), comment="请补充", acting_user=by)),
            ("do_reopen_report", h, lambda u, by: report_actions.do_reopen_report(fresh(self.approved[u]), acting_user=by)),
            ("do_record_step", w, lambda u, by: deadline_actions.do_record_step(fresh(self.request[u]), code="register", data={"date": dt.date(2025, 3, 3)}, acting_user=by, today=dt.date(2025, 3, 4))),
            ("do_open_campaign", region_wide, lambda u, by: campaign_actions.do_open_campaign(region=u.region, year=2030, acting_user=by)),
            ("do_send_report", w, lambda u, by: campaign_actions.do_send_report(fresh(self.approved[u]), acting_user=by)),
            ("do_return_submission", offices, lambda u, by: campaign_actions.do_return_submission(fresh(self.submission[u]), comment="请补充", acting_user=by)),
            ("do_accept_submission", offices, lambda u, by: campaign_actions.do_accept_submission(fresh(self.submission[u]), acting_user=by)),
            ("do_send_file", h, lambda u, by: upload_actions.do_send_file(fresh(self.approved[u]), upload=SimpleUploadedFile("报告.docx", docx_bytes(report_lines(u.name, 2022))), acting_user=by)),
            ("do_upload_batch", region_wide, lambda u, by: upload_actions.do_upload_batch(self.campaigns[u.region_id, 2022], files=[SimpleUploadedFile("c.txt", b"x")], acting_user=by)),
            ("do_process_upload_item", region_wide, lambda u, by: upload_actions.do_process_upload_item(fresh(self.queued[u.region_id]), acting_user=by)),
            ("do_assign_upload_item", region_wide, lambda u, by: upload_actions.do_assign_upload_item(fresh(self.waiting[u.region_id]), unit=u, acting_user=by)),
            ("do_remind_late_units", region_wide, lambda u, by: campaign_actions.do_remind_late_units(self.campaigns[u.region_id, 2021], acting_user=by, today=dt.date(2030, 1, 1))),
            # One's own inbox: anyone signed in, about nobody else.
            # Publication: the unit records its 保密审查; who publishes is the campaign's choice
            # (by default each unit's head).
            ("do_record_secrecy_review", w, lambda u, by: publishing.do_record_secrecy_review(fresh(self.accepted[u]), reviewer="张三", reviewed_on=dt.date(2021, 3, 2), acting_user=by)),
            ("do_publish_report", h, lambda u, by: publishing.do_publish_report(fresh(self.accepted[u]), acting_user=by)),
            ("do_mark_notices_read", EVERYONE, lambda u, by: inbox_actions.do_mark_notices_read(acting_user=by)),
            # Platform-wide: the unit does not matter, only the admin (or the operator) may.
            ("do_save_calendar_year", None, lambda u, by: deadline_actions.do_save_calendar_year(year=2027, schedule=schedule, source="admin", acting_user=by)),
            ("do_import_calendar_year", None, lambda u, by: deadline_actions.do_import_calendar_year(year=2027, text="2027-01-01, 放假, 元旦", acting_user=by)),
            ("do_calendar_year_changed", None, lambda u, by: deadline_actions.do_calendar_year_changed(2025, acting_user=by)),
            ("do_delete_calendar_year", None, lambda u, by: deadline_actions.do_delete_calendar_year(fresh(self.year_2028), acting_user=by)),
            ("do_seed_calendar", None, lambda u, by: deadline_actions.do_seed_calendar(acting_user=by, years=[2024])),
            ("do_sync_all_deadlines", None, lambda u, by: deadline_actions.do_sync_all_deadlines(acting_user=by, today=dt.date(2025, 3, 4))),
            # Bringing a region in and (de)activating its accounts: the administrator's (any region).
            ("do_onboard_region", None, lambda u, by: onboarding.do_onboard_region(region=u.region, sheets=ONBOARDING, acting_user=by)),
            ("do_set_account_active", None, lambda u, by: onboarding.do_set_account_active(fresh(self.clerk_of(u)), active=False, acting_user=by)),
        ]  # fmt: skip

    def expected(self, holders, unit, user) -> str:
        if holders is None:
            return "done" if user.username == "guanliyuan" else "403"
        if holders is EVERYONE:
            return "done"
        holders, readers = holders if isinstance(holders, tuple) else (holders, self.readers)
        if user.username in holders[unit]:
            return "done"
        return "403" if user.username in readers[unit] else "404"

    def outcome(self, call, unit, user) -> str:
        savepoint = transaction.savepoint()
        before = _fingerprint()
        try:
            call(unit, user)
        except Refused as refusal:
            self.assertEqual(_fingerprint(), before, "a refused action wrote something")
            return str(refusal.status)
        finally:
            transaction.savepoint_rollback(savepoint)
        return "done"

    def test_every_action_lets_exactly_the_holders_of_its_need_act(self):
        for name, holders, call in self.unit_actions():
            for unit in self.units:
                for user in self.cast:
                    with self.subTest(action=name, unit=unit.name, user=user.username):
                        self.assertEqual(self.outcome(call, unit, user), self.expected(holders, unit, user))

    def test_the_operator_administers_and_does_nothing_in_a_units_name(self):
        for name, holders, call in self.unit_actions():
            with self.subTest(action=name):
                expected = "done" if holders is None else "403" if holders is EVERYONE else "404"
                self.assertEqual(self.outcome(call, self.unit_b, SYSTEM), expected)

    def test_an_action_without_an_acting_user_is_refused_before_it_runs(self):
        with self.assertRaises(TypeError):
            record_actions.do_delete_record(self.study[self.unit_a])  # type: ignore[call-arg]
        self.assertTrue(StudySession.objects.filter(pk=self.study[self.unit_a].pk).exists())

    def test_the_matrix_covers_every_action_of_the_project(self):
        covered = {name for name, _holders, _call in self.unit_actions()}
        self.assertEqual(covered, set(_actions_in_the_project()))


def _actions_in_the_project() -> dict[str, str]:
    """Every module-level ``def do_*`` under fazhi/ (tests aside): name → module."""
    found = {}
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("do_"):
                found[node.name] = module
    return found


def test_every_do_function_passes_through_the_door():
    actions = _actions_in_the_project()
    assert len(actions) >= 20
    for name, module in actions.items():
        function = getattr(importlib.import_module(module), name)
        assert isinstance(getattr(function, "door_need", None), Need), (
            f"{module}.{name} 没有经过权限检查（@door）"
        )
