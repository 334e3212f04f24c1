"""A person's background job and its progress (issue 14, item 2): the office's bulk upload enqueued
on the database queue, picked up by the worker (``manage.py db_worker --batch``), one step per file;
the progress on the board and in its polled fragment, for the uploader only."""

from __future__ import annotations

from unittest import mock

from django.test import override_settings
from django.urls import reverse

from fazhi.campaigns import uploads as upload_actions
from fazhi.campaigns.tests.test_uploads import CampaignTestCase, report_files
from fazhi.campaigns.tests.test_uploads import uploads as as_uploads
from fazhi.campaigns.upload_models import UploadItem
from fazhi.inbox import jobs
from fazhi.inbox.models import Job
from fazhi.inbox.tests.worker import DATABASE_QUEUE, run_worker
from fazhi.lib.errors import Refused
from fazhi.testing import BaseTestCase


class JobRowTest(BaseTestCase):
    def test_a_job_counts_its_steps_and_only_its_starter_may_read_it(self):
        job = jobs.start_job("import:1", user=self.zhang, title="导入台账", total=3)
        jobs.advance(job, done=1, message="第1行")
        jobs.advance(job, done=9)  # never past the total
        self.assertEqual((job.done, job.state), (3, Job.State.RUNNING))
        jobs.finish_job(job, message="已导入3行", url="/units/1/")
        job.refresh_from_db()
        self.assertEqual((job.done, job.total, job.state, job.url), (3, 3, Job.State.FINISHED, "/units/1/"))
        self.assertEqual(jobs.access_job(self.zhang, job.pk), job)
        for other in (self.li, self.han, self.admin, self.nobody):
            with self.assertRaises(Refused) as refused:
                jobs.access_job(other, job.pk)
            self.assertTrue(refused.exception.hidden)
        self.assertEqual(jobs.jobs_for(self.li, ["import:1"]), [])

    def test_a_job_that_raises_is_marked_failed(self):
        job = jobs.start_job("import:2", user=self.zhang, title="导入台账", total=2)
        with self.assertRaises(ValueError), jobs.failing_marks(job):
            raise ValueError("坏文件")
        job.refresh_from_db()
        self.assertEqual((job.state, job.message), (Job.State.FAILED, jobs.FAILED))

    def test_running_again_starts_the_same_row_afresh(self):
        first = jobs.start_job("import:3", user=self.zhang, title="导入", total=2, queued=True)
        jobs.fail_job(first)
        again = jobs.start_job("import:3", user=self.zhang, title="导入", total=5)
        self.assertEqual(
            (again.pk, again.state, again.done, again.total), (first.pk, Job.State.RUNNING, 0, 5)
        )


@override_settings(TASKS=DATABASE_QUEUE)
class UploadJobTest(CampaignTestCase):
    def upload(self, count: int = 3):
        with self.captureOnCommitCallbacks(execute=True):  # after the commit: the job is queued
            return upload_actions.do_upload_batch(
                self.campaign, files=as_uploads(report_files()[2 : 2 + count]), acting_user=self.han
            )

    def fragment(self, user, job: Job):
        self.client.force_login(user)
        return self.client.get(reverse("inbox:show-job", args=[job.pk]))

    def test_the_worker_runs_the_upload_and_its_progress_advances_per_file(self):
        batch = self.upload(3)
        job = Job.objects.get(key=f"upload-batch:{batch.pk}")
        self.assertEqual((job.user, job.state, job.done, job.total), (self.han, Job.State.QUEUED, 0, 3))
        self.assertTrue(job.task_id)
        queued = self.fragment(self.han, job).content.decode()
        self.assertIn('hx-trigger="every 2s"', queued)
        self.assertIn("排队中", queued)

        steps = []
        real = upload_actions.advance

        def record(job, **values):
            real(job, **values)
            steps.append((Job.objects.get(pk=job.pk).done, values.get("message", "")))

        with mock.patch.object(upload_actions, "advance", side_effect=record):
            run_worker()
        self.assertEqual([done for done, _ in steps], [0, 1, 1, 2, 2, 3])
        self.assertTrue(steps[0][1].startswith("正在处理“"))
        job.refresh_from_db()
        self.assertEqual((job.state, job.done, job.total), (Job.State.FINISHED, 3, 3))
        self.assertEqual(job.message, "已导入3个，待指定单位0个，未导入0个")
        self.assertFalse(batch.items.filter(status=UploadItem.Status.QUEUED).exists())

        done = self.fragment(self.han, job).content.decode()
        self.assertNotIn("hx-trigger", done)  # finished: the polling stops
        self.assertIn("已完成", done)
        self.assertIn(f'href="{self.board()}#uploads"', done)
        self.assertIn(f'data-job="{job.pk}"', self.client.get(self.board()).content.decode())

    def test_another_person_sees_neither_the_fragment_nor_the_job_on_the_board(self):
        batch = self.upload(1)
        job = Job.objects.get(key=f"upload-batch:{batch.pk}")
        for other in (self.zhou, self.zhang, self.hexi):  # the city's office sees the board, not the job
            self.assertEqual(self.fragment(other, job).status_code, 404)
        self.client.force_login(self.zhou)
        board = self.client.get(self.board()).content.decode()
        self.assertIn(f'data-batch="{batch.pk}"', board)
        self.assertNotIn("data-job=", board)
