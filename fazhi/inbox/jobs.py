"""How far a person's background job is (docs/architecture.md#writes, a job's consequence).

A job that a person starts (the office's bulk upload of reports, and any long work after it: an
import, a rendering) keeps one ``Job`` row under a ``key`` that names the work
(``upload-batch:12``), so the page that started it can show it:

    job = start_job("upload-batch:12", user=uploader, title="批量上传报告", total=len(files))
    with failing_marks(job):
        for name in files:
            advance(job, message=f"正在处理“{name}”")
            ...
            advance(job, done=job.done + 1)
        finish_job(job, message="已处理完", url=board)

The writes are single ``UPDATE`` statements outside the job's own transactions, so the page polling
the row (``job_views.job_fragment``) sees each step as it happens. Like ``notify`` these are not
``do_*`` actions: they record what a job that already went through its door is doing. Only the
person who started a job sees it (``access_job``, ``jobs_for``): everyone else gets a 404.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.utils import timezone

from fazhi.lib.errors import Refused

from .models import Job

FAILED = "后台任务出错，已停止：请稍后重试，或联系管理员查看日志。"


def start_job(key: str, *, user, title: str, total: int = 0, url: str = "", queued: bool = False) -> Job:
    """The job's row, fresh: created, or reset when the same work runs again (a retry).

    ``queued`` when the work is only handed to the worker (state 排队中); otherwise it is running.
    """
    state = Job.State.QUEUED if queued else Job.State.RUNNING
    now = timezone.now()
    values = {
        "user": user,
        "title": title[:200],
        "state": state,
        "done": 0,
        "total": total,
        "message": "等待后台任务进程处理" if queued else "",
        "url": url[:300],
        "updated_at": now,
        "finished_at": None,
    }
    job, _ = Job.objects.update_or_create(
        key=key[:120], defaults=values, create_defaults=values | {"created_at": now}
    )
    return job


def job_of(key: str) -> Job | None:
    return Job.objects.filter(key=key).first()


def _write(job: Job, **values) -> None:
    values["updated_at"] = timezone.now()
    for name, value in values.items():
        setattr(job, name, value)
    Job.objects.filter(pk=job.pk).update(**values)


def set_task(job: Job, task_id: str) -> None:
    """The queue's own id of the run (django-tasks' result id), for the log and the admin."""
    _write(job, task_id=str(task_id)[:64])


def advance(
    job: Job, *, done: int | None = None, total: int | None = None, message: str | None = None
) -> None:
    """A step: how many are done (never more than the total), what is being done now."""
    values: dict = {"state": Job.State.RUNNING}
    limit = job.total if total is None else total
    if total is not None:
        values["total"] = total
    if done is not None:
        values["done"] = min(done, limit) if limit else done
    if message is not None:
        values["message"] = message[:300]
    _write(job, **values)


def finish_job(job: Job, *, message: str = "", url: str | None = None) -> None:
    values: dict = {"state": Job.State.FINISHED, "done": job.total, "message": message[:300]}
    if url is not None:
        values["url"] = url[:300]
    values["finished_at"] = timezone.now()
    _write(job, **values)


def fail_job(job: Job, message: str = FAILED) -> None:
    _write(job, state=Job.State.FAILED, message=message[:300], finished_at=timezone.now())


@contextmanager
def failing_marks(job: Job) -> Iterator[Job]:
    """Inside it, an exception that escapes the job marks the row 失败 (and goes on up: the queue
    records the traceback)."""
    try:
        yield job
    except BaseException:
        fail_job(job)
        raise


# --- reads ------------------------------------------------------------------------------------


def access_job(user, job_id: int) -> Job:
    """One's own job; anyone else's is as if it did not exist."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or user is None or not user.is_authenticated or job.user_id != user.pk:
        raise Refused("任务不存在或无权查看。", hidden=True)
    return job


def jobs_for(user, keys: Iterable[str]) -> list[Job]:
    """The user's own jobs among ``keys``, newest first (a page shows the jobs of what it shows)."""
    if user is None or not user.is_authenticated:
        return []
    return list(Job.objects.filter(user=user, key__in=list(keys)))
