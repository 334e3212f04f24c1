"""The workflow registry: each workflow declared once, looked up by model, and its summary
setting only the fields it declares (those are read-only in the plain form)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from django.test import SimpleTestCase
from django.urls import reverse

from fazhi.deadlines.tests.helpers import D, DeadlinesTestCase
from fazhi.deadlines.workflows import WORKFLOWS, workflow_for
from fazhi.records.kinds import KINDS
from fazhi.records.models import Case, DisclosureRequest, MajorDecision, Proposal, StudySession


@dataclass
class FakeStep:
    pk: int
    code: str
    date: dt.date
    result: str = ""
    head_appeared: bool | None = None
    court_level: str = ""
    days: int | None = None


def every_step(workflow) -> list[FakeStep]:
    """One step of each code, with the first of its results (or none), in declared order."""
    steps = []
    for n, spec in enumerate(workflow.steps, 1):
        result = spec.results[0][0] if spec.results else ""
        steps.append(FakeStep(n, spec.code, dt.date(2025, 1, n), result, True, "first", 30))
    return steps


class WorkflowRegistryTest(SimpleTestCase):
    def test_it_finds_the_workflow_of_a_record_or_a_model(self):
        self.assertEqual(workflow_for(DisclosureRequest).name, "依申请公开办理")
        self.assertEqual(workflow_for(Proposal()).kind, "proposal")
        self.assertEqual(workflow_for(MajorDecision).kind, "decision")
        self.assertEqual(workflow_for(Case).kind, "case")
        self.assertIsNone(workflow_for(StudySession))

    def test_each_workflow_belongs_to_its_ledger(self):
        self.assertEqual(len({w.model for w in WORKFLOWS}), len(WORKFLOWS))
        for workflow in WORKFLOWS:
            self.assertIs(KINDS[workflow.kind].model, workflow.model)

    def test_a_summary_sets_only_the_fields_it_declares(self):
        for workflow in WORKFLOWS:
            fields = {f.name for f in workflow.model._meta.get_fields()}
            self.assertLessEqual(set(workflow.summary_fields), fields, workflow.kind)
            steps = every_step(workflow)
            seen: set[str] = set()
            for length in range(len(steps) + 1):
                for chosen in itertools.combinations(steps, min(length, 2)):
                    seen |= set(workflow.summary(list(chosen)))
                seen |= set(workflow.summary(steps[:length]))
            self.assertLessEqual(seen, set(workflow.summary_fields), workflow.kind)
            self.assertTrue(seen, f"{workflow.kind}: the steps set no field at all")

    def test_the_requirements_name_steps_of_the_same_workflow(self):
        for workflow in WORKFLOWS:
            codes = {s.code for s in workflow.steps}
            for spec in workflow.steps:
                self.assertLessEqual(set(spec.requires) | set(spec.requires_any), codes, spec.code)
            if workflow.terminal:
                self.assertIn(workflow.terminal, codes)


class StepOwnedFieldsTest(DeadlinesTestCase):
    def test_once_a_request_has_steps_its_reply_is_read_only_in_the_plain_form(self):
        request = self.request(self.unit_a, D(2025, 3, 3))
        url = reverse("records:edit-record", args=[self.unit_a.pk, "request", request.pk])
        self.client.force_login(self.zhang)
        self.assertFalse(self.client.get(url).context["form"].fields["reply_type"].disabled)
        self.step(request, "register", D(2025, 3, 3))
        self.step(request, "reply", D(2025, 3, 10), result="public")
        form = self.client.get(url).context["form"]
        self.assertTrue(form.fields["reply_type"].disabled)
        self.assertTrue(form.fields["replied_on"].disabled)
        self.client.post(
            url,
            {"date": "2025-03-03", "title": "改名", "applicant_type": "person", "reply_type": "withheld"},
        )
        request.refresh_from_db()
        self.assertEqual((request.title, request.reply_type), ("改名", "public"))
        self.assertEqual(request.replied_on, D(2025, 3, 10))
