"""The revision guard on what two people can edit at once: a ledger record's form and a record's
workflow steps (the report's sections and preamble have theirs in fazhi/reports).

A save names the revision its form was loaded at; if someone saved since, nothing is written, the
user is told who saved and when, and what they typed is still in the form.
"""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.urls import reverse

from fazhi.deadlines.actions import do_record_step
from fazhi.deadlines.models import WorkflowStep
from fazhi.deadlines.tests.helpers import D, DeadlinesTestCase
from fazhi.records.actions import StaleEdit, do_import_records, do_update_record
from fazhi.records.kinds import KINDS
from fazhi.records.models import StudySession

STUDY = {"date": "2024-05-06", "form": "lecture", "attendees": "10"}


def hidden(response, name: str) -> str:
    return re.search(rf'name="{name}" value="(\d+)"', response.content.decode()).group(1)


class RecordRevisionTest(DeadlinesTestCase):
    def setUp(self) -> None:
        self.record = self.make_study(self.unit_a, title="学习宪法", form="lecture", attendees=10)
        self.url = reverse("records:edit-record", args=[self.unit_a.pk, "study", self.record.pk])

    def open_form(self, user) -> str:
        self.client.force_login(user)
        return hidden(self.client.get(self.url), "revision")

    def save(self, user, revision: str, **fields):
        self.client.force_login(user)
        return self.client.post(self.url, {**STUDY, "title": "学习宪法", **fields, "revision": revision})

    def test_the_form_carries_the_revision_it_was_loaded_at(self):
        self.assertEqual(self.open_form(self.zhang), "1")
        self.save(self.zhang, "1", title="学习宪法修正案")
        self.assertEqual(self.open_form(self.zhang), "2")

    def test_a_stale_save_is_refused_names_who_saved_and_keeps_the_input(self):
        zhang_loaded = self.open_form(self.zhang)
        li_loaded = self.open_form(self.li)
        with time_machine.travel(dt.datetime(2025, 3, 10, 9, 30, tzinfo=dt.UTC), tick=False):
            self.assertEqual(self.save(self.li, li_loaded, title="李改的主题").status_code, 302)
        response = self.save(self.zhang, zhang_loaded, title="张改的主题", attendees="12")
        self.assertEqual(response.status_code, 409)
        self.assertContains(
            response, "这条记录已被li于2025-03-10 17:30修改并保存，您的修改未保存", status_code=409
        )
        self.assertContains(response, 'value="张改的主题"', status_code=409)  # the input is kept
        self.assertContains(
            response, "<td>学习主题</td><td>李改的主题</td><td>张改的主题</td>", status_code=409
        )
        self.assertContains(response, "<td>参加人数</td><td>10</td><td>12</td>", status_code=409)
        self.record.refresh_from_db()
        self.assertEqual(
            (self.record.title, self.record.attendees, self.record.revision), ("李改的主题", 10, 2)
        )
        self.assertEqual(self.record.history.count(), 2)  # created, li's save: nothing of zhang's
        # The form is now at the saved revision: saving again, having compared, is deliberate.
        self.assertEqual(hidden(response, "revision"), "2")
        self.assertEqual(self.save(self.zhang, "2", title="张改的主题").status_code, 302)
        self.record.refresh_from_db()
        self.assertEqual((self.record.title, self.record.revision), ("张改的主题", 3))

    def test_a_stale_form_that_changes_nothing_writes_nothing_and_is_not_refused(self):
        loaded = self.open_form(self.zhang)
        self.save(self.li, self.open_form(self.li), title="李改的主题")
        self.assertEqual(self.save(self.zhang, loaded, title="李改的主题").status_code, 302)
        self.assertEqual(self.record.history.count(), 2)

    def test_the_action_refuses_a_stale_revision_and_writes_nothing(self):
        do_update_record(StudySession.objects.get(), data={"title": "一"}, revision=1, acting_user=self.li)
        before = self.record.history.count()
        with self.assertRaises(StaleEdit) as refused:
            do_update_record(
                StudySession.objects.get(), data={"title": "二"}, revision=1, acting_user=self.zhang
            )
        self.assertIn("li", refused.exception.message)
        self.assertEqual(refused.exception.status, 409)
        self.assertEqual((StudySession.objects.get().title, self.record.history.count()), ("一", before))

    def test_an_import_that_changes_the_record_makes_an_open_form_stale(self):
        loaded = self.open_form(self.zhang)
        row = {"date": dt.date(2024, 5, 6), "title": "学习宪法", "form": "lecture", "attendees": 40}
        result = do_import_records(KINDS["study"], unit=self.unit_a, rows={2: row}, acting_user=self.li)
        self.assertEqual(len(result.updated), 1)
        self.assertEqual(self.save(self.zhang, loaded, attendees="11").status_code, 409)
        self.assertEqual(StudySession.objects.get().attendees, 40)

    def test_a_bad_revision_is_a_message_not_a_crash(self):
        for value in ("abc", str(10**30), "-1"):
            response = self.save(self.zhang, value, title="改")
            self.assertContains(response, "修订号")
        self.assertEqual(StudySession.objects.get().title, "学习宪法")

    def test_a_workflow_step_does_not_make_the_record_form_stale(self):
        request = self.request(self.unit_a, D(2025, 3, 3))
        url = reverse("records:edit-record", args=[self.unit_a.pk, "request", request.pk])
        self.client.force_login(self.zhang)
        loaded = hidden(self.client.get(url), "revision")
        self.step(request, "register", D(2025, 3, 3), user=self.li)
        data = {"date": "2025-03-03", "title": "改名", "applicant_type": "person", "revision": loaded}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        request.refresh_from_db()
        self.assertEqual(request.title, "改名")

    def test_a_date_beyond_the_ledgers_years_is_a_field_error(self):
        # 9999-12-31 crashed the deadline calendar of a proposal (year 10000).
        self.client.force_login(self.zhang)
        url = reverse("records:create-record", args=[self.unit_a.pk, "proposal"])
        form = self.client.get(url).context["form"]
        for day in ("9999-12-31", "1900-01-01"):
            data = {"title": "建议", "date": day}
            for name, field in form.fields.items():
                choices = [c for c, _ in getattr(field, "choices", []) if c]
                data.setdefault(name, choices[0] if choices else "1")
            response = self.client.post(url, data)
            self.assertContains(response, "日期须在2000年至2100年之间")


class StepRevisionTest(DeadlinesTestCase):
    today = D(2025, 3, 20)

    def setUp(self) -> None:
        self.record = self.request(self.unit_a, D(2025, 3, 3))
        self.detail = reverse("records:show-record", args=[self.unit_a.pk, "request", self.record.pk])
        self.url = reverse("deadlines:record-step", args=[self.unit_a.pk, "request", self.record.pk])

    def open_page(self, user) -> str:
        self.client.force_login(user)
        return hidden(self.client.get(self.detail), "revision")

    def post_step(self, user, revision: str, code: str = "register", **data):
        self.client.force_login(user)
        with time_machine.travel(dt.datetime(2025, 3, 20, 10, tzinfo=dt.UTC), tick=False):
            return self.client.post(
                self.url, {"code": code, "date": "2025-03-04", **data, "revision": revision}
            )

    def test_a_step_recorded_since_the_page_was_shown_refuses_this_one(self):
        zhang_saw = self.open_page(self.zhang)
        self.assertEqual(zhang_saw, "0")
        self.assertEqual(self.post_step(self.li, self.open_page(self.li), note="李登记").status_code, 302)
        response = self.post_step(self.zhang, zhang_saw, note="张登记：窗口收件")
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "li已于2025-03-20 18:00记录了办理步骤“登记”", status_code=409)
        self.assertContains(response, "张登记：窗口收件", status_code=409)  # what zhang typed, to read
        self.assertEqual(list(WorkflowStep.objects.values_list("note", flat=True)), ["李登记"])

    def test_a_refused_step_still_open_comes_back_filled_in(self):
        self.step(self.record, "register", D(2025, 3, 3))
        saw = self.open_page(self.zhang)
        self.step(self.record, "review", D(2025, 3, 5), user=self.li)
        response = self.post_step(self.zhang, saw, code="reply", result="public", note="已答复")
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "记录了办理步骤“", status_code=409)
        self.assertContains(response, '<details class="step-form" open>', status_code=409)
        self.assertContains(response, ">已答复</textarea>", status_code=409)
        self.assertContains(response, 'value="public" selected', status_code=409)
        self.assertFalse(WorkflowStep.objects.filter(code="reply").exists())

    def test_the_action_checks_the_revision_after_locking_the_record(self):
        step = do_record_step(
            self.record, code="register", data={"date": D(2025, 3, 3)}, acting_user=self.li, today=self.today
        )
        with self.assertRaises(StaleEdit):
            do_record_step(
                self.record,
                code="register",
                data={"date": D(2025, 3, 3)},
                acting_user=self.zhang,
                today=self.today,
                revision=0,
            )
        do_record_step(
            self.record,
            code="reply",
            data={"date": D(2025, 3, 10), "result": "public"},
            acting_user=self.zhang,
            today=self.today,
            revision=step.pk,
        )
        self.assertEqual(WorkflowStep.objects.count(), 2)

    def test_the_step_forms_post_the_names_the_view_reads(self):
        # The selects were rendered with a prefix (participation-days) the view never read.
        decision = self.make("decision", self.unit_a, D(2025, 1, 6))
        self.client.force_login(self.zhang)
        page = self.client.get(reverse("records:show-record", args=[self.unit_a.pk, "decision", decision.pk]))
        names = set(re.findall(r'<(?:input|select|textarea)[^>]* name="([^"]+)"', page.content.decode()))
        self.assertIn("days", names)
        self.assertFalse({n for n in names if "-" in n}, names)
