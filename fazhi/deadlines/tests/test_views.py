"""The workflow panel on a record's page and the step form behind it."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from fazhi.deadlines.models import WorkflowStep
from fazhi.lib.tests.zips import pdf_of_pages

from .helpers import D, DeadlinesTestCase

PDF = pdf_of_pages(1)  # a real PDF: an upload must open as one (fazhi.lib.uploads)


class WorkflowPanelTest(DeadlinesTestCase):
    def setUp(self):
        self.record = self.request(self.unit_a, D(2025, 3, 3))

    def panel(self, user, record=None) -> str:
        request = RequestFactory().get("/")
        request.user = user
        template = Template("{% load deadlines_tags %}{% workflow_panel record %}")
        return template.render(Context({"request": request, "record": record or self.record}))

    def test_the_clerk_sees_the_due_date_and_the_next_allowed_steps(self):
        html = self.panel(self.zhang)
        self.assertIn("依申请公开办理", html)
        self.assertIn("2025-03-31", html)
        self.assertIn("记录“登记”", html)
        self.assertNotIn("记录“归档”", html)

    def test_the_supervisor_sees_the_panel_without_forms_and_another_unit_sees_nothing(self):
        self.assertNotIn("记录“登记”", self.panel(self.han))
        self.assertIn("2025-03-31", self.panel(self.han))
        self.assertEqual(self.panel(self.wang).strip(), "")

    def test_a_ledger_without_a_workflow_has_no_panel(self):
        self.assertEqual(self.panel(self.zhang, self.make_study(self.unit_a)).strip(), "")

    def test_a_step_is_recorded_with_its_evidence_file(self):
        self.client.force_login(self.zhang)
        url = reverse("deadlines:record-step", args=[self.unit_a.pk, "request", self.record.pk])
        upload = SimpleUploadedFile("登记表.pdf", PDF, content_type="application/pdf")
        response = self.client.post(
            url, {"code": "register", "date": "2025-03-03", "note": "窗口登记", "file": upload}, follow=True
        )
        self.assertContains(response, "已记录办理步骤")
        step = WorkflowStep.objects.get()
        self.assertEqual([a.original_name for a in step.attachments.all()], ["登记表.pdf"])
        self.assertIn("登记表.pdf", self.panel(self.zhang))

    def test_a_bad_file_records_nothing(self):
        self.client.force_login(self.zhang)
        url = reverse("deadlines:record-step", args=[self.unit_a.pk, "request", self.record.pk])
        upload = SimpleUploadedFile("x.exe", b"MZ\x90\x00", content_type="application/octet-stream")
        self.client.post(url, {"code": "register", "date": "2025-03-03", "file": upload})
        self.assertFalse(WorkflowStep.objects.exists())
