"""Reports written outside the platform (issue 9, item 7): a .docx or .pdf a unit sends instead of
a report drafted here, and the office's bulk upload of many files, matched to units by the name
written in them and processed by a background job (django-tasks, ``process_upload_batch``).

Either way the file goes through the same report engine as a draft (``fazhi/reportcheck``:
read, parse, check with the unit's ledger figures) and becomes a ``Submission`` like a sent
version: the document in the editor's shape, the findings, the counts and the copied paragraphs.
The unit's head gives a reason for every error (the gate of ``do_approve_report``); what the
office uploads is kept as found, since no head stands behind it.

Every write is a ``do_*`` action with its door (docs/architecture.md#writes); the job acts as
the person who uploaded (docs/architecture.md#permissions, ``SYSTEM``), one file per transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from fazhi.inbox.jobs import advance, failing_marks, finish_job, set_task, start_job
from fazhi.lib.errors import FazhiError, Refused
from fazhi.lib.history import attributed
from fazhi.lib.uploads import DOCX, PDF, FileType, check_upload
from fazhi.orgs.access import Need, check_region_access, door
from fazhi.orgs.models import Unit
from fazhi.reportcheck import CheckOptions, Finding, ReportReadError, check_report, parse_file
from fazhi.reportcheck import Report as Parsed
from fazhi.reportcheck.model import REQUIRED_KINDS
from fazhi.reportcheck.parse.kinds import kinds_of
from fazhi.reportcheck.parse.title import title_year, unit_line
from fazhi.reports.checking import finding_json, finding_key, ledger_of, unexplained_errors
from fazhi.reports.document import DocPart, DocSection, Document
from fazhi.reports.models import Report
from fazhi.reports.queries import document_to_json
from fazhi.security import audit

from .actions import participant_of, record_sending, tell_office
from .models import Campaign, Participant, Submission
from .upload_models import ReportFile, UploadBatch, UploadItem

log = logging.getLogger(__name__)

TXT = FileType((".txt",), "文本文件", (b"",))  # any bytes: the engine's reader tells text from binary
UNIT_TYPES = (DOCX, PDF)  # what a unit sends: written in Word, or exported from it
BULK_TYPES = (DOCX, PDF, TXT)  # what the office collects, plain text included
MAX_FILES = 100  # Django's DATA_UPLOAD_MAX_NUMBER_FILES

# A report may be sent as a file while the unit has not sent one (or after the office returned it).
OPEN_TO_FILE = (
    Report.Status.DRAFT,
    Report.Status.SUBMITTED,
    Report.Status.RETURNED,
    Report.Status.APPROVED,
    Report.Status.SENT_BACK,
)
UNEXPLAINED = "文件中有{count}处错误：请修改后重新上传，或由主要负责人逐条说明按此文件报送的理由。"
NOT_A_REPORT = (
    "文件中没有找到年度报告的各部分（主要举措和成效、存在的不足、第一责任人职责情况、下一年度安排），"
    "不像法治政府建设情况报告，请确认是否选错了文件。"
)
WRONG_YEAR = "文件标题写的是{written}年度，本次报送的是{year}年度报告，请确认是否选错了文件。"
NO_UNIT = "文件中没有写明单位名称（标题或开头几行），请指定单位。"
FOREIGN_UNIT = "文件中写的单位“{named}”不是本次报送任务的单位，请指定单位。"
AMBIGUOUS_UNIT = "文件中写的单位“{named}”对应多个单位（{units}），请指定单位。"


# --- reading a file ---------------------------------------------------------------------------


def read_file(upload, name: str, *, year: int, allowed: tuple[FileType, ...]) -> Parsed:
    """The file read and parsed by the report engine, or ``FazhiError`` saying in Chinese what is
    wrong with it: its type or size, damage, no text (a scan), not a report, another year."""
    check_upload(name, upload.size, upload, allowed=allowed, max_bytes=settings.FAZHI_MAX_UPLOAD_BYTES)
    with tempfile.TemporaryDirectory(prefix="fazhi-report-") as folder:
        path = Path(folder) / _safe_name(name)  # the reader's messages may name the file
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        upload.seek(0)
        try:
            parsed = parse_file(path)
        except ReportReadError as exc:
            raise FazhiError(exc.message, "unreadable") from exc
    parsed.source = name
    if not looks_like_report(parsed):
        raise FazhiError(NOT_A_REPORT, "not-a-report")
    written = title_year(parsed.title)
    if written is not None and written != year:
        raise FazhiError(WRONG_YEAR.format(written=written, year=year), "wrong-year")
    return parsed


def _safe_name(name: str) -> str:
    suffix = Path(name).suffix.lower()
    base = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", Path(name).name).lstrip(". ")
    return base if base and len(base.encode("utf-8")) < 200 else f"report{suffix}"


def looks_like_report(parsed: Parsed) -> bool:
    """Two of the statutory parts named in its headings, or a 法治 report's title over some parts."""
    named = {kind for part in parsed.parts for kind in kinds_of(part.heading)}
    if len(named & set(REQUIRED_KINDS)) >= 2:
        return True
    title = parsed.title
    return (
        bool(parsed.parts) and ("法治" in title or "依法行政" in title) and title.endswith(("报告", "总结"))
    )


_SIGNED = re.compile(r"^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")


def document_of(parsed: Parsed, *, unit_name: str, year: int) -> Document:
    """The parsed file in the shape of a report drafted here (``reports.document.Document``), so the
    review page, the zip of sent reports and the copy check read it like any other. The closing
    lines (the issuing unit and the date) become the 落款 and 成文日期 when they are there."""
    parts = [
        DocPart(
            part.kind,
            part.number,
            part.heading,
            [p.text for p in part.paragraphs],
            [DocSection(s.number, s.heading, [p.text for p in s.paragraphs]) for s in part.sections],
        )
        for part in parsed.parts
    ]
    issuer, signed_on = _closing(parts)
    return Document(
        title=parsed.title or f"{unit_name}{year}年度法治政府建设情况报告",
        issuer=issuer or unit_name,
        preamble=[p.text for p in parsed.preamble],
        parts=parts,
        signed_on=signed_on,
    )


def _closing(parts: list[DocPart]) -> tuple[str, dt.date | None]:
    if not parts:
        return "", None
    last = parts[-1]
    body = last.sections[-1].paragraphs if last.sections else last.paragraphs
    signed_on = None
    if body and (match := _SIGNED.match(body[-1])):
        try:
            signed_on = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            signed_on = None
        else:
            body.pop()
    issuer = body.pop() if body and unit_line(body[-1]) else ""
    return issuer, signed_on


@dataclass
class FileCheck:
    """A file as the engine read and checked it for one unit and year."""

    name: str
    parsed: Parsed
    document: Document
    findings: list[Finding]  # errors and warnings (infos are not kept, as at approval)
    stated: dict[str, int | float] = field(default_factory=dict)  # indicator code -> value written

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def findings_json(self, reasons: dict[str, str]) -> list[dict]:
        return [finding_json(f, (reasons.get(finding_key(f)) or "").strip()) for f in self.findings]


def check_parsed(parsed: Parsed, *, name: str, unit: Unit, year: int) -> FileCheck:
    """The engine's checks with the unit's ledger figures (``ledger-mismatch`` compares them)."""
    findings = check_report(parsed, CheckOptions(ledger=ledger_of(unit.pk, year)))
    stated: dict[str, int | float] = {}
    for figure in parsed.figures:
        if figure.indicator:
            stated.setdefault(figure.indicator, figure.value)
    return FileCheck(
        name=name,
        parsed=parsed,
        document=document_of(parsed, unit_name=unit.name, year=year),
        findings=[f for f in findings if f.severity != "info"],
        stated=stated,
    )


def check_sent_file(report: Report, upload, *, name: str) -> FileCheck:
    """What the head sees before sending a file: nothing is written (the check page)."""
    participant_of(report)
    _check_open(report, by_office=False)
    parsed = read_file(upload, name, year=report.year, allowed=UNIT_TYPES)
    return check_parsed(parsed, name=name, unit=report.unit, year=report.year)


# --- matching a file to a unit ----------------------------------------------------------------


@dataclass
class UnitMatch:
    unit: Unit | None
    named: str  # the unit's name as the file writes it ("" when it names none)
    reason: str = ""  # why no unit was chosen


def _norm(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text or "") if not ch.isspace())


def match_unit(parsed: Parsed, units: list[Unit]) -> UnitMatch:
    """The unit of the campaign the file is by: the name in its title (or the line under it), as a
    unit's full name or short name, or containing a full name; else the first unit named in its
    opening lines (the opening sentence of a report without a title). Two equally good candidates
    choose none: the office assigns the file."""
    named = (parsed.unit or "").strip()
    key = _norm(named)
    if key:
        exact = [u for u in units if key in (_norm(u.name), _norm(u.short_name))]
        if exact:
            return _one(exact, named)
        inside = [u for u in units if _norm(u.name) in key or (len(key) >= 4 and _norm(u.name).endswith(key))]
        if inside:
            longest = max(len(_norm(u.name)) for u in inside)
            return _one([u for u in inside if len(_norm(u.name)) == longest], named)
    opening = _norm("".join([p.text for p in parsed.title_lines] + [p.text for p in parsed.preamble[:3]]))
    for attribute in ("name", "short_name"):
        hits = []
        for unit in units:
            written = _norm(getattr(unit, attribute))
            if len(written) >= 3 and written in opening:
                hits.append((opening.find(written), -len(written), unit))
        if hits:
            hits.sort(key=lambda hit: hit[:2])
            first = [unit for at, length, unit in hits if (at, length) == hits[0][:2]]
            return _one(first, named or first[0].name)
    return UnitMatch(None, named, FOREIGN_UNIT.format(named=named) if named else NO_UNIT)


def _one(candidates: list[Unit], named: str) -> UnitMatch:
    if len(candidates) == 1:
        return UnitMatch(candidates[0], named)
    names = "、".join(u.name for u in candidates[:5])
    return UnitMatch(None, named, AMBIGUOUS_UNIT.format(named=named, units=names))


# --- the submission -----------------------------------------------------------------------------


LAW_ONLY = (
    "以文件报送只用于法治政府建设年度报告；政府信息公开工作年度报告的表格由台账计算，请在平台中撰写后报送。"
)


def _check_open(report: Report, *, by_office: bool) -> None:
    if report.genre != "law":
        raise FazhiError(LAW_ONLY, "law-only")
    if report.status in OPEN_TO_FILE:
        return
    if by_office:
        raise FazhiError(
            f"{report.unit.name}的报告{report.get_status_display()}，不再导入文件。", "already-sent"
        )
    raise FazhiError(
        "报告已报送依法治区办（" + report.get_status_display() + "），被退回后才能再次报送。", "already-sent"
    )


def _submit(
    participant: Participant,
    checked: FileCheck,
    *,
    acting_user,
    reasons: dict[str, str],
    upload=None,
    stored: str = "",
    size: int = 0,
    by_office: bool,
    today: dt.date | None = None,
) -> Submission:
    """The file as a sending: the submission, its original file, the report moved to 已报送."""
    report = Report.objects.select_for_update().select_related("unit").get(pk=participant.report_id)
    _check_open(report, by_office=by_office)
    submission = record_sending(
        participant,
        report,
        version=None,
        document=document_to_json(checked.document),
        findings=checked.findings_json(reasons),
        stated=checked.stated,
        acting_user=acting_user,
        today=today,
        comment=f"{'依法治区办上传' if by_office else '以文件报送'}：{checked.name}",
    )
    original = ReportFile(
        submission=submission,
        unit_id=participant.unit_id,
        original_name=checked.name[:255],
        size=size or getattr(upload, "size", 0) or 0,
        uploaded_by=acting_user,
        by_office=by_office,
    )
    if stored:
        original.file.name = stored  # the batch's copy: one file on disk
    else:
        original.file.save(checked.name, upload, save=False)
    attributed(original, acting_user).save()
    return submission


@door(Need.APPROVE)
@transaction.atomic
def do_send_file(
    report: Report,
    *,
    upload,
    acting_user,
    reasons: dict[str, str] | None = None,
    today: dt.date | None = None,
) -> Submission:
    """The head sends a report written in Word (.docx, or a .pdf exported from it) instead of one
    drafted here. Only the head: no head approved a draft on the platform, so sending the file is
    the approval. Its errors pass the gate only with the head's reason for each (``reasons`` by
    ``finding_key``, as in ``do_approve_report``); a file that cannot be read writes nothing."""
    report = Report.objects.select_for_update().select_related("unit").get(pk=report.pk)
    participant = participant_of(report)
    _check_open(report, by_office=False)
    name = Path(upload.name).name
    parsed = read_file(upload, name, year=report.year, allowed=UNIT_TYPES)
    checked = check_parsed(parsed, name=name, unit=report.unit, year=report.year)
    reasons = reasons or {}
    missing = unexplained_errors(checked.findings, reasons)
    if missing:
        raise FazhiError(UNEXPLAINED.format(count=len(missing)), "errors-unexplained")
    submission = _submit(
        participant,
        checked,
        acting_user=acting_user,
        reasons=reasons,
        upload=upload,
        by_office=False,
        today=today,
    )
    tell_office(submission, f"{report.unit.name}以文件报送了{report.year}年度法治政府建设情况报告")
    return submission


# --- the office's bulk upload -------------------------------------------------------------------


def _campaign_region(campaign: Campaign, **_) -> int:
    return campaign.region_id


def _item_region(item: UploadItem, **_) -> int:
    return item.batch.campaign.region_id


@door(Need.SUPERVISE, region_of=_campaign_region)
@transaction.atomic
def do_upload_batch(campaign: Campaign, *, files: list, acting_user) -> UploadBatch:
    """The office uploads many reports at once: each file is stored as an item, a file of the wrong
    type or size refused at once with its reason; the job reads the rest after the commit."""
    if campaign.genre != "law":
        raise FazhiError(LAW_ONLY, "law-only")
    if not files:
        raise FazhiError("请选择要上传的报告文件（可一次选择多个）。", "no-files")
    if len(files) > MAX_FILES:
        raise FazhiError(f"一次最多上传{MAX_FILES}个文件，请分批上传。", "too-many-files")
    batch = UploadBatch(campaign=campaign, uploaded_by=acting_user)
    attributed(batch, acting_user).save()
    now = timezone.now()
    queued = 0
    for upload in files:
        name = Path(upload.name or "未命名").name[:255]
        item = UploadItem(batch=batch, original_name=name, size=upload.size or 0)
        try:
            check_upload(
                name, upload.size, upload, allowed=BULK_TYPES, max_bytes=settings.FAZHI_MAX_UPLOAD_BYTES
            )
        except FazhiError as exc:
            item.status, item.reason, item.processed_at = UploadItem.Status.REFUSED, exc.message, now
        else:
            item.file.save(name, upload, save=False)
            queued += 1
        attributed(item, acting_user).save()
    if queued:
        transaction.on_commit(partial(enqueue_batch, batch.pk))
    else:
        batch.finished_at = now
        attributed(batch, acting_user).save(update_fields=["finished_at"])
    audit.imported(f"{campaign}批量上传", user=acting_user, summary=f"{len(files)}个文件", batch_id=batch.pk)
    return batch


def enqueue_batch(batch_id: int) -> None:
    """After the upload commits: the uploader's progress row (排队中), then the job."""
    batch = UploadBatch.objects.select_related("campaign", "uploaded_by").get(pk=batch_id)
    queued = batch.items.filter(status=UploadItem.Status.QUEUED).count()
    job = start_job(
        _job_key(batch), user=batch.uploaded_by, title=_job_title(queued), total=queued, queued=True
    )
    result = process_upload_batch.enqueue(batch_id)
    set_task(job, result.id)


def _job_key(batch: UploadBatch) -> str:
    return f"upload-batch:{batch.pk}"  # {% job_progress "upload-batch" batch.pk %} on the board


def _job_title(count: int) -> str:
    return f"批量上传报告（{count}个文件）"


@door(Need.SUPERVISE, region_of=_item_region)
@transaction.atomic
def do_process_upload_item(item: UploadItem, *, acting_user) -> UploadItem:
    """One file of a batch, in its own transaction: read and checked, then a submission for the
    unit named in it, or waiting for the office to choose the unit, or refused with its reason.
    A failure half-way leaves nothing of the submission (a savepoint), only the refusal."""
    item = UploadItem.objects.select_for_update().select_related("batch__campaign").get(pk=item.pk)
    if item.status != UploadItem.Status.QUEUED:
        return item  # another run took it
    campaign = item.batch.campaign
    values: dict = {"processed_at": timezone.now()}
    try:
        with transaction.atomic():
            parsed = _read_item(item, campaign)
            participants = list(campaign.participants.select_related("unit", "campaign"))
            match = match_unit(parsed, [p.unit for p in participants])
            values["named_unit"] = match.named[:200]
            if match.unit is None:
                values |= {"status": UploadItem.Status.WAITING, "reason": match.reason}
            else:
                participant = next(p for p in participants if p.unit_id == match.unit.pk)
                submission = _submit_item(item, participant, parsed, acting_user=acting_user)
                values |= {"status": UploadItem.Status.PARSED, "unit": match.unit, "submission": submission}
    except FazhiError as exc:
        values |= {"status": UploadItem.Status.REFUSED, "reason": exc.message}
    _save_item(item, values, acting_user)
    return item


@door(Need.SUPERVISE, region_of=_item_region)
@transaction.atomic
def do_assign_upload_item(item: UploadItem, *, unit: Unit, acting_user) -> UploadItem:
    """The office names the unit of a file that named none of the campaign's units."""
    item = UploadItem.objects.select_for_update().select_related("batch__campaign").get(pk=item.pk)
    if item.status != UploadItem.Status.WAITING:
        raise FazhiError(
            f"文件“{item.original_name}”{item.get_status_display()}，不需要再指定单位。", "bad-status"
        )
    campaign = item.batch.campaign
    participant = campaign.participants.select_related("unit").filter(unit_id=unit.pk).first()
    if participant is None:
        raise FazhiError("所选单位不在本次报送任务中。", "foreign-unit")
    parsed = _read_item(item, campaign)
    submission = _submit_item(item, participant, parsed, acting_user=acting_user)
    values = {
        "status": UploadItem.Status.ASSIGNED,
        "unit": participant.unit,
        "submission": submission,
        "reason": "",
        "processed_at": timezone.now(),
    }
    _save_item(item, values, acting_user)
    return item


def _read_item(item: UploadItem, campaign: Campaign) -> Parsed:
    if not item.file:
        raise FazhiError(item.reason or "文件未保存，无法读取。", "missing-file")
    with item.file.open("rb") as stream:
        return read_file(stream, item.original_name, year=campaign.year, allowed=BULK_TYPES)


def _submit_item(item: UploadItem, participant: Participant, parsed: Parsed, *, acting_user) -> Submission:
    checked = check_parsed(
        parsed, name=item.original_name, unit=participant.unit, year=participant.campaign.year
    )
    return _submit(
        participant,
        checked,
        acting_user=acting_user,
        reasons={},  # the office uploaded it: findings are kept as found, no head's gate
        stored=item.file.name,
        size=item.size,
        by_office=True,
    )


def _save_item(item: UploadItem, values: dict, acting_user) -> None:
    for name, value in values.items():
        setattr(item, name, value)
    attributed(item, acting_user).save(update_fields=list(values))


@task()
def process_upload_batch(batch_id: int) -> dict[str, int]:
    """The background job of one bulk upload: every queued file in turn, each in its own
    transaction, as the person who uploaded them. A file that fails for any reason is refused
    with it; the others go on. Returns how many files ended in each state."""
    batch = UploadBatch.objects.select_related("campaign", "uploaded_by").get(pk=batch_id)
    queued = batch.items.filter(status=UploadItem.Status.QUEUED).order_by("pk")
    item_ids = list(queued.values_list("pk", flat=True))
    board = f"{batch.campaign.get_absolute_url()}#uploads"
    job = start_job(
        _job_key(batch),
        user=batch.uploaded_by,
        title=_job_title(len(item_ids)),
        total=len(item_ids),
        url=board,
    )  # the uploader's progress, one step per file (fazhi/inbox/jobs.py)
    with failing_marks(job):
        for done, item_id in enumerate(item_ids):
            item = UploadItem.objects.select_related("batch__campaign").get(pk=item_id)
            advance(job, done=done, message=f"正在处理“{item.original_name}”")
            try:
                do_process_upload_item(item, acting_user=batch.uploaded_by)
            except Refused as exc:  # the uploader lost the office's role meanwhile
                _refuse(item_id, exc.message, batch.uploaded_by)
            except Exception:  # one broken file never stops the others
                log.exception("批量上传文件处理失败：%s", item.original_name)
                _refuse(item_id, "处理该文件时发生内部错误，请检查文件后重新上传。", batch.uploaded_by)
            advance(job, done=done + 1)
        batch.finished_at = timezone.now()
        attributed(batch, batch.uploaded_by).save(update_fields=["finished_at"])
        counts: dict[str, int] = {}
        for status in batch.items.values_list("status", flat=True):
            counts[status] = counts.get(status, 0) + 1
        imported = counts.get(UploadItem.Status.PARSED, 0) + counts.get(UploadItem.Status.ASSIGNED, 0)
        waiting = counts.get(UploadItem.Status.WAITING, 0)
        refused = counts.get(UploadItem.Status.REFUSED, 0)
        finish_job(job, message=f"已导入{imported}个，待指定单位{waiting}个，未导入{refused}个", url=board)
    return counts


def _refuse(item_id: int, reason: str, acting_user) -> None:
    with transaction.atomic():
        item = UploadItem.objects.select_for_update().get(pk=item_id)
        if item.status == UploadItem.Status.QUEUED:
            values = {"status": UploadItem.Status.REFUSED, "reason": reason, "processed_at": timezone.now()}
            _save_item(item, values, acting_user)


# --- reads for the board -----------------------------------------------------------------------


def access_upload_item(user, item_id: int) -> UploadItem:
    item = UploadItem.objects.select_related("batch__campaign__region").filter(pk=item_id).first()
    if item is None:
        raise Refused("文件不存在或无权查看。", hidden=True)
    check_region_access(user, item.batch.campaign.region_id, Need.SUPERVISE)
    return item


@dataclass
class BatchProgress:
    batch: UploadBatch
    items: list[UploadItem]

    def count(self, status: str) -> int:
        return sum(1 for item in self.items if item.status == status)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def queued(self) -> int:
        return self.count(UploadItem.Status.QUEUED)

    @property
    def parsed(self) -> int:
        return self.count(UploadItem.Status.PARSED) + self.count(UploadItem.Status.ASSIGNED)

    @property
    def refused(self) -> int:
        return self.count(UploadItem.Status.REFUSED)

    @property
    def waiting(self) -> int:
        return self.count(UploadItem.Status.WAITING)

    @property
    def done(self) -> int:
        return self.total - self.queued

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def upload_progress(campaign: Campaign, *, recent: int = 3) -> dict:
    """The board's upload panel: the latest batches with their progress and their files, and
    every file of the campaign still waiting for its unit, with the units it may go to."""
    batches = list(campaign.upload_batches.select_related("uploaded_by")[:recent])
    items: dict[int, list[UploadItem]] = {b.pk: [] for b in batches}
    for item in UploadItem.objects.filter(batch__in=batches).select_related("unit").order_by("pk"):
        items[item.batch_id].append(item)
    progress = [BatchProgress(batch, items[batch.pk]) for batch in batches]
    waiting = list(
        UploadItem.objects.filter(batch__campaign=campaign, status=UploadItem.Status.WAITING).order_by("pk")
    )
    open_units = (
        campaign.participants.filter(report__status__in=OPEN_TO_FILE)
        .select_related("unit")
        .order_by("unit__name")
        if waiting
        else []
    )
    return {
        "campaign": campaign,
        "batches": progress,
        "waiting": waiting,
        "open_units": [p.unit for p in open_units],
        "running": any(p.queued for p in progress),
    }
