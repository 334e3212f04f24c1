"""A large Excel import (issue 14): checked in the request, written by the job worker, its
progress on the import page for the person who uploaded it and nobody else."""

from __future__ import annotations

import datetime as dt

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.inbox.models import Job
from fazhi.orgs.models import Role
from fazhi.records import import_jobs
from fazhi.records.models import StudySession
from fazhi.testing import STUDY_HEADER, BaseTestCase, xlsx_bytes

ROWS = import_jobs.BACKGROUND_ROWS + 1  # one more than is written in the request


def workbook(count: int, bad_row: int | None = None) -> SimpleUploadedFile:
    start = dt.date(2024, 1, 1)
    rows = [
        [
            (start + dt.timedelta(days=i % 360)).isoformat(),
            f"专题学习{i}",
            "法治专题讲座",
            "",
            "",
            5,
            "否",
            "",
        ]
        for i in range(count)
    ]
    if bad_row is not None:
        rows[bad_row][0] = "2024-13-45"
    return SimpleUploadedFile("台账.xlsx", xlsx_bytes([STUDY_HEADER, *rows]))


class LargeImportTest(BaseTestCase):
    def setUp(self):
        self.client.force_login(self.zhang)
        self.url = reverse("records:import-records", args=[self.unit_a.pk, "study"])

    def upload(self, file):
        with self.captureOnCommitCallbacks(execute=True):  # the worker runs inline in tests
            return self.client.post(self.url, {"file": file})

    def test_a_large_file_is_written_by_the_worker_and_its_progress_shown(self):
        response = self.upload(workbook(ROWS))
        job = Job.objects.get(user=self.zhang)
        token = job.key.split(":", 1)[1]
        self.assertRedirects(response, f"{self.url}?job={token}")
        self.assertEqual(StudySession.objects.filter(unit=self.unit_a).count(), ROWS)
        self.assertEqual(job.state, Job.State.FINISHED)
        self.assertIn(f"新增 {ROWS} 条", job.message)
        self.assertFalse(default_storage.exists(f"imports/{token}.xlsx"))  # the kept file is gone
        page = self.client.get(f"{self.url}?job={token}")
        self.assertContains(page, "已完成")
        self.assertContains(page, f"台账导入（{ROWS}行）")
        # nobody else sees it, not even the unit's head
        self.client.force_login(self.li)
        self.assertNotContains(self.client.get(f"{self.url}?job={token}"), "台账导入（")
        self.assertEqual(self.client.get(reverse("inbox:show-job", args=[job.pk])).status_code, 404)

    def test_a_small_file_is_written_at_once_with_no_job(self):
        response = self.upload(workbook(3))
        self.assertRedirects(response, reverse("records:list-records", args=[self.unit_a.pk, "study"]))
        self.assertEqual(StudySession.objects.count(), 3)
        self.assertFalse(Job.objects.exists())

    def test_a_bad_cell_in_a_large_file_is_named_at_once_and_nothing_queued(self):
        response = self.upload(workbook(ROWS, bad_row=7))
        self.assertContains(response, "第9行")  # the header is row 1
        self.assertFalse(Job.objects.exists())
        self.assertEqual(StudySession.objects.count(), 0)

    def test_an_uploader_who_lost_the_right_meanwhile_imports_nothing(self):
        with self.captureOnCommitCallbacks(execute=False) as queued:
            self.client.post(self.url, {"file": workbook(ROWS)})
        Role.objects.filter(user=self.zhang).delete()
        for callback in queued:
            callback()
        job = Job.objects.get(user=self.zhang)
        self.assertEqual(job.state, Job.State.FAILED)
        self.assertEqual(StudySession.objects.count(), 0)
