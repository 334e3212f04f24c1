"""Writes at the same moment, on SQLite (a file, WAL, write transactions that take the lock when they
begin, a busy timeout: config/settings.py SQLITE_OPTIONS) and on PostgreSQL alike: a writer waits for
the other or gets the conflict message, never a 500 ("database is locked"), and no write is lost.

Each case starts its threads at one barrier, each thread on its own database connection, through
the same actions and pages people use.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import Client, TransactionTestCase
from django.urls import reverse

from fazhi.deadlines.actions import do_record_step
from fazhi.deadlines.models import WorkflowStep
from fazhi.records.actions import StaleEdit as StaleRecord
from fazhi.records.actions import do_create_record, do_update_record
from fazhi.records.kinds import KINDS
from fazhi.records.models import DisclosureRequest, StudySession
from fazhi.reports.actions import do_create_report, do_save_section
from fazhi.reports.models import ReportSection, SectionConflict
from fazhi.testing import STUDY_HEADER, BaseTestCase, xlsx_bytes


def xlsx(titles: list[str]) -> bytes:
    return xlsx_bytes(
        [STUDY_HEADER, *(["2024-03-12", t, "法治专题讲座", "", "", 10, "否", ""] for t in titles)]
    )


def together(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released at one barrier; each one's result, or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[index] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome under test
            outcomes[index] = exc
        finally:
            connections.close_all()  # this thread's connection

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


class ConcurrentWritesTest(TransactionTestCase):
    """On SQLite the test database is a file (config/settings_test.py), so that threads share it."""

    def setUp(self) -> None:
        BaseTestCase.setUpTestData.__func__(type(self))  # the named cast, committed for the threads

    def signed_in(self, user) -> Client:
        client = Client()
        client.force_login(user)  # a session row written in the calling thread, as a sign-in does
        return client

    def test_two_saves_of_one_section_at_the_same_moment_one_wins_the_other_gets_the_conflict(self):
        report = do_create_report(unit=self.unit_a, year=2024, acting_user=self.zhang)
        pk = report.sections.exclude(key__endswith=".text").first().pk
        for round_ in range(12):
            revision = ReportSection.objects.get(pk=pk).revision

            def save(user, text, revision=revision):
                section = ReportSection.objects.get(pk=pk)
                return do_save_section(
                    section, heading="学法用法", text=text, revision=revision, acting_user=user
                )

            texts = {self.zhang: f"张的第{round_}稿", self.li: f"李的第{round_}稿"}
            outcomes = together(*(lambda u=u, t=t: save(u, t) for u, t in texts.items()))
            with self.subTest(round=round_, outcomes=outcomes):
                self.assertEqual(sorted(type(o).__name__ for o in outcomes), ["ReportSection", "StaleEdit"])
                won = next(o for o in outcomes if isinstance(o, ReportSection))
                section = ReportSection.objects.get(pk=pk)
                self.assertEqual((section.text, section.revision), (won.text, revision + 1))
                # The loser's words are kept as a conflict both writers see: nothing lost.
                lost = ({f"张的第{round_}稿", f"李的第{round_}稿"} - {won.text}).pop()
                self.assertTrue(SectionConflict.objects.filter(section_id=pk, text=lost).exists())

    def test_two_autosaves_through_the_editor_at_the_same_moment_answer_200_and_409(self):
        report = do_create_report(unit=self.unit_a, year=2024, acting_user=self.zhang)
        section = report.sections.exclude(key__endswith=".text").first()
        url = reverse("reports:save-section", args=[report.pk, section.pk])
        clients = {self.zhang: self.signed_in(self.zhang), self.li: self.signed_in(self.li)}
        for round_ in range(5):
            revision = ReportSection.objects.get(pk=section.pk).revision

            def post(user, round_=round_, revision=revision):
                data = {"heading": "学法用法", "text": f"{user.username}第{round_}稿", "revision": revision}
                return clients[user].post(url, data, HTTP_ACCEPT="application/json").status_code

            outcomes = together(lambda: post(self.zhang), lambda: post(self.li))
            with self.subTest(round=round_):
                self.assertEqual(sorted(map(str, outcomes)), ["200", "409"])

    def test_two_edits_of_one_record_at_the_same_moment_one_wins_the_other_is_refused(self):
        record = StudySession.objects.create(
            unit=self.unit_a, date=dt.date(2024, 5, 6), title="学习宪法", form="lecture"
        )

        def edit(user, title):
            fresh = StudySession.objects.get(pk=record.pk)
            return do_update_record(fresh, data={"title": title}, revision=1, acting_user=user)

        outcomes = together(lambda: edit(self.zhang, "张改"), lambda: edit(self.li, "李改"))
        self.assertEqual(sorted(type(o).__name__ for o in outcomes), ["StaleEdit", "StudySession"])
        won = next(o for o in outcomes if isinstance(o, StudySession))
        refused = next(o for o in outcomes if isinstance(o, StaleRecord))
        stored = StudySession.objects.get(pk=record.pk)
        self.assertEqual((stored.title, stored.revision), (won.title, 2))
        self.assertEqual(stored.history.count(), 2)  # created, the winner's edit
        self.assertIn("修改并保存", refused.message)

    def test_the_same_workflow_step_recorded_twice_at_the_same_moment_is_recorded_once(self):
        record = do_create_record(
            KINDS["request"],
            unit=self.unit_a,
            data={"date": dt.date(2025, 3, 3), "title": "申请公开", "applicant_type": "person"},
            acting_user=self.zhang,
        )

        def register(user, revision):
            fresh = DisclosureRequest.objects.get(pk=record.pk)
            data = {"date": dt.date(2025, 3, 3), "note": user.username}
            return do_record_step(
                fresh,
                code="register",
                data=data,
                acting_user=user,
                today=dt.date(2025, 3, 4),
                revision=revision,
            )

        # As the pages send it (the steps the form was shown with), and as a script might (no revision):
        # either way the record's steps are checked one writer at a time.
        for revision in (0, None):
            WorkflowStep.objects.all().delete()
            outcomes = together(
                lambda r=revision: register(self.zhang, r), lambda r=revision: register(self.li, r)
            )
            refusal = "FazhiError" if revision is None else "StaleEdit"  # 登记 is once only / a step since
            with self.subTest(revision=revision, outcomes=outcomes):
                self.assertEqual(sorted(type(o).__name__ for o in outcomes), [refusal, "WorkflowStep"])
                self.assertEqual(WorkflowStep.objects.filter(code="register").count(), 1)

    def test_two_imports_at_the_same_moment_both_land_whole(self):
        url = reverse("records:import-records", args=[self.unit_a.pk, "study"])
        files = {
            self.zhang: xlsx([f"张导入{i}" for i in range(60)]),
            self.li: xlsx([f"李导入{i}" for i in range(60)]),
        }
        clients = {user: self.signed_in(user) for user in files}

        def upload(user):
            response = clients[user].post(url, {"file": SimpleUploadedFile("台账.xlsx", files[user])})
            return response.status_code

        self.assertEqual(together(lambda: upload(self.zhang), lambda: upload(self.li)), [302, 302])
        titles = set(StudySession.objects.values_list("title", flat=True))
        self.assertEqual(len(titles), 120)
        self.assertEqual(StudySession.history.filter(history_type="+").count(), 120)

    def test_ten_writes_during_an_import_all_land(self):
        import_url = reverse("records:import-records", args=[self.unit_a.pk, "study"])
        api_url = f"/api/units/{self.unit_a.pk}/records/study"
        importer = self.signed_in(self.zhang)
        writers = [self.signed_in(self.li) for _ in range(10)]
        big = xlsx([f"导入{i}" for i in range(300)])

        def upload():
            return importer.post(import_url, {"file": SimpleUploadedFile("台账.xlsx", big)}).status_code

        def write(n: int):
            payload = {"date": "2024-06-01", "title": f"同时新增{n}", "form": "lecture"}
            return writers[n].post(api_url, json.dumps(payload), content_type="application/json").status_code

        outcomes = together(upload, *(lambda n=n: write(n) for n in range(10)))
        self.assertEqual(outcomes, [302] + [201] * 10)
        self.assertEqual(StudySession.objects.filter(title__startswith="导入").count(), 300)
        self.assertEqual(StudySession.objects.filter(title__startswith="同时新增").count(), 10)


def test_sqlite_is_configured_for_concurrent_use(settings):
    from config.settings import database_from_url

    options = database_from_url("sqlite:////srv/fazhi/db.sqlite3")["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10
    assert "journal_mode=WAL" in options["init_command"]
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert settings.DATABASES["default"]["TEST"]["NAME"] != ":memory:"
