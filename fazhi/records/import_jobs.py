"""A large Excel import runs as a background job (docs/architecture.md#writes).

The request reads and checks the whole file as before (every bad cell named at once, nothing
written); a file of more than ``BACKGROUND_ROWS`` good rows is then kept in storage and written by
the job worker, all rows or none as ever, while the person who uploaded it sees the job's progress
on the import page (``{% job_progress "records-import" token %}``). A smaller file is written in
the request.
"""

from __future__ import annotations

import logging
import uuid

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django_tasks import task

from fazhi.inbox.jobs import advance, fail_job, failing_marks, finish_job, job_of, set_task, start_job
from fazhi.lib.errors import FazhiError
from fazhi.lib.workbooks import ImportRejected
from fazhi.orgs.models import Unit

from . import actions, excel
from .kinds import RecordKind, get_kind

log = logging.getLogger(__name__)

BACKGROUND_ROWS = 500  # about 3 s of writing: more is done by the worker
JOB_KIND = "records-import"


def job_key(token: str) -> str:
    return f"{JOB_KIND}:{token}"


def queue_import(kind: RecordKind, *, unit: Unit, upload, rows: int, acting_user) -> str:
    """Keep the (already checked) file and hand it to the worker; returns the job's token."""
    token = uuid.uuid4().hex
    upload.seek(0)
    path = default_storage.save(f"imports/{token}.xlsx", upload)
    job = start_job(
        job_key(token),
        user=acting_user,
        title=f"{unit.name}·{kind.label}台账导入（{rows}行）",
        total=2,
        url=reverse("records:list-records", args=[unit.pk, kind.slug]),
        queued=True,
    )

    def enqueue() -> None:
        set_task(job, import_records_file.enqueue(token, path, unit.pk, kind.slug, acting_user.pk).id)

    transaction.on_commit(enqueue)
    return token


@task()
def import_records_file(token: str, path: str, unit_id: int, kind_slug: str, user_id: int) -> str:
    """Read the kept file again and write its rows as the uploader (the door asks again: a person
    who lost the unit's write right meanwhile imports nothing)."""
    job = job_of(job_key(token))
    if job is None:
        return "no-job"
    kind = get_kind(kind_slug)
    unit = Unit.objects.get(pk=unit_id)
    user = get_user_model().objects.get(pk=user_id)
    try:
        with failing_marks(job):
            advance(job, done=0, message="正在读取文件")
            with default_storage.open(path, "rb") as stream:
                rows = excel.parse_import(kind, stream)
            advance(job, done=1, message=f"已读取{len(rows)}行，正在写入台账")
            try:
                result = actions.do_import_records(kind, unit=unit, rows=rows, acting_user=user)
            except ImportRejected as exc:
                first = "；".join(f"第{e.row}行“{e.column}”：{e.message}" for e in exc.errors[:5])
                fail_job(job, f"{exc.message}{first}")
                return "rejected"
            except FazhiError as exc:
                fail_job(job, exc.message)
                return "refused"
            finish_job(job, message=f"{kind.label}导入完成：{result.summary}。")
            return "done"
    finally:
        default_storage.delete(path)
