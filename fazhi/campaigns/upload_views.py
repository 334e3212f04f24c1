"""Pages for reports written outside the platform (``uploads.py``): the head's file, sent in two
steps (upload → the check page with a reason field per error → send), and the office's bulk
upload on the board with its progress fragment (htmx) and the files waiting for their unit."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.lib.errors import FazhiError, Refused
from fazhi.orgs.access import Need
from fazhi.orgs.models import Unit
from fazhi.reports.checking import finding_key
from fazhi.reports.queries import access_report

from . import queries, uploads
from .upload_models import ReportFile

SALT = "fazhi.campaigns.sent-file"
PENDING = "campaign-files/pending/"  # the head's file between the check page and sending it
PENDING_SECONDS = 24 * 3600
STALE = "上传的文件已失效（超过一天或已报送），请重新上传。"


@login_required
@require_POST
def file_upload(request, report_id: int):
    """Step 1: the file is read and checked (a broken one is refused here, nothing kept), then
    kept aside for the check page."""
    report = access_report(request.user, report_id, Need.APPROVE)
    upload = request.FILES.get("file")
    if upload is None:
        raise FazhiError("请选择要报送的 .docx 或 .pdf 文件。", "no-file")
    name = Path(upload.name).name
    uploads.check_sent_file(report, upload, name=name)
    stored = default_storage.save(f"{PENDING}{uuid.uuid4().hex}{Path(name).suffix.lower()}", upload)
    token = signing.dumps({"r": report.pk, "u": request.user.pk, "f": stored, "n": name}, salt=SALT)
    return redirect(f"{reverse('campaigns:check-report-file', args=[report.pk])}?t={token}")


def _pending(request, report_id: int, token: str):
    report = access_report(request.user, report_id, Need.APPROVE)
    try:
        data = signing.loads(token, salt=SALT, max_age=PENDING_SECONDS)
    except signing.BadSignature as exc:
        raise FazhiError(STALE, "stale-upload") from exc
    if (
        data.get("r") != report.pk
        or data.get("u") != request.user.pk
        or not default_storage.exists(data["f"])
    ):
        raise FazhiError(STALE, "stale-upload")
    return report, data["f"], data["n"]


def _check_page(request, report, stored: str, name: str, token: str, *, error: str = "", reasons=None):
    with default_storage.open(stored, "rb") as stream:
        checked = uploads.check_sent_file(report, File(stream, name=name), name=name)
    reasons = reasons or {}
    errors = [(f, finding_key(f), reasons.get(finding_key(f), "")) for f in checked.errors]
    named = checked.parsed.unit or ""
    other_unit = named if named and uploads.match_unit(checked.parsed, [report.unit]).unit is None else ""
    return render(
        request,
        "campaigns/send_file_check.html",
        {
            "report": report,
            "checked": checked,
            "document": checked.document,
            "errors": errors,
            "warnings": checked.warnings,
            "token": token,
            "error": error,
            "other_unit": other_unit,  # the file names another unit: a wrong file, most likely
        },
    )


@login_required
def file_check(request, report_id: int):
    """Step 2: what the engine found in the file; a reason field for each error."""
    token = request.GET.get("t", "")
    report, stored, name = _pending(request, report_id, token)
    return _check_page(request, report, stored, name, token)


@login_required
@require_POST
def file_send(request, report_id: int):
    """Step 3: send it, with the head's reasons."""
    token = request.POST.get("t", "")
    report, stored, name = _pending(request, report_id, token)
    reasons = {k.removeprefix("reason-"): v for k, v in request.POST.items() if k.startswith("reason-")}
    try:
        with default_storage.open(stored, "rb") as stream:
            uploads.do_send_file(
                report, upload=File(stream, name=name), reasons=reasons, acting_user=request.user
            )
    except FazhiError as exc:
        if exc.code != "errors-unexplained":
            raise
        # The page again, with the reasons already written kept (as the editor does after a StaleEdit).
        return _check_page(request, report, stored, name, token, error=exc.message, reasons=reasons)
    default_storage.delete(stored)
    messages.success(request, f"已将“{name}”报送依法治区办。")
    return redirect("reports:edit-report", report_id=report.pk)


@login_required
def submission_file(request, sub_id: int):
    """The original file of a sending made as a file, for the unit and the office."""
    submission = queries.access_submission(request.user, sub_id)
    original = ReportFile.objects.filter(submission=submission).first()
    if original is None or not original.file:
        raise Refused("该报送没有原文件。", hidden=True)
    return FileResponse(original.file.open("rb"), as_attachment=True, filename=original.original_name)


@login_required
@require_POST
def batch_upload(request, campaign_id: int):
    campaign = queries.access_campaign(request.user, campaign_id, Need.SUPERVISE)
    batch = uploads.do_upload_batch(campaign, files=request.FILES.getlist("files"), acting_user=request.user)
    count = batch.items.count()
    messages.success(request, f"已上传{count}个文件，正在后台逐个识别单位、检查内容，进度见“批量上传报告”。")
    return redirect(f"{campaign.get_absolute_url()}#uploads")


@login_required
def batch_progress(request, campaign_id: int):
    """The fragment the board polls (htmx, every 2 s) while files are queued."""
    campaign = queries.access_campaign(request.user, campaign_id, Need.SUPERVISE)
    return render(request, "campaigns/_upload_progress.html", uploads.upload_progress(campaign))


@login_required
@require_POST
def item_assign(request, item_id: int):
    item = uploads.access_upload_item(request.user, item_id)
    try:
        unit_id = int(request.POST.get("unit") or 0)
    except ValueError:
        unit_id = 0
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise FazhiError("请选择文件所属的单位。", "no-unit")
    uploads.do_assign_upload_item(item, unit=unit, acting_user=request.user)
    messages.success(request, f"已将“{item.original_name}”指定为{unit.name}的报告并导入。")
    return redirect(f"{item.batch.campaign.get_absolute_url()}#uploads")
