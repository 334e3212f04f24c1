"""Publishing an accepted report: the unit's 保密审查, then the published version, immutable, with
the SHA-256 of its text and files; a correction later is a new version with its date and reason.

Who publishes is the campaign's choice (``Campaign.publisher``): the unit's head, or the office.
The PDF is made from the published .docx by LibreOffice, after the publication, by a job.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import subprocess  # noqa: S404 - LibreOffice, called with fixed arguments on our own file
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from fazhi.lib.errors import FazhiError, Refused
from fazhi.lib.history import attributed
from fazhi.lib.office import convert_to_pdf, office_binary
from fazhi.orgs.access import REFUSALS, Need, door, scope_for
from fazhi.reports.models import Report, ReportEvent
from fazhi.reports.queries import document_from_json
from fazhi.reports.render import render_docx

from .actions import move_report
from .models import Campaign, Participant, Submission
from .publication_hooks import publication_published
from .publication_models import Publication, SecrecyReview

log = logging.getLogger(__name__)

NOT_ACCEPTED = "只有依法治区办已接收的报告可以公开。"
NEED_REVIEW = "公开前须先登记保密审查（审查人和审查日期）。"
NEED_REASON = "更正已公开的报告须写明更正理由。"
SAME_TEXT = "与已公开的版本相同，无需更正。"
PDF_SECONDS = 120


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _accepted(report: Report) -> tuple[Participant, Submission]:
    participant = Participant.objects.select_related("campaign").filter(report=report).first()
    latest = participant.submissions.order_by("-sent_at", "-id").first() if participant else None
    if participant is None or latest is None or latest.outcome != Submission.Outcome.ACCEPTED:
        raise FazhiError(NOT_ACCEPTED, "bad-status")
    if Report.objects.filter(pk=report.pk).values_list("status", flat=True).get() != Report.Status.ACCEPTED:
        raise FazhiError(NOT_ACCEPTED, "bad-status")  # read as stored: the caller's copy may be stale
    return participant, latest


@door(Need.WRITE)
@transaction.atomic
def do_record_secrecy_review(
    report: Report, *, reviewer: str, reviewed_on: dt.date, acting_user
) -> SecrecyReview:
    """The unit records who reviewed the accepted report for secrets and when (before publishing)."""
    _, submission = _accepted(report)
    if not reviewer.strip():
        raise FazhiError("请填写审查人。", "reviewer-required")
    if reviewed_on > timezone.localdate():
        raise FazhiError("审查日期不能晚于今天。", "future-date")
    if reviewed_on < submission.sent_on:
        raise FazhiError("审查日期不能早于报告报送日期。", "early-date")
    review = SecrecyReview(
        report=report,
        submission=submission,
        unit_id=report.unit_id,
        reviewer=reviewer.strip()[:50],
        reviewed_on=reviewed_on,
        recorded_by=acting_user,
    )
    attributed(review, acting_user).save()
    return review


def check_publisher(campaign: Campaign, user, unit_id: int) -> None:
    """The campaign says who publishes: the unit's head, or the office of the region."""
    scope = scope_for(user)
    if campaign.publisher == Campaign.Publisher.OFFICE:
        if not scope.allows(unit_id, Need.SUPERVISE):
            raise Refused("本次报送任务由依法治区办统一公开。")
    elif not scope.allows(unit_id, Need.APPROVE):
        raise Refused(REFUSALS[Need.APPROVE] + "（本次报送任务由各单位自行公开）")


@door(Need.PUBLISH)
@transaction.atomic
def do_publish_report(
    report: Report, *, acting_user, reason: str = "", at: dt.datetime | None = None
) -> Publication:
    """Publish the accepted version; if a version is already public, this is its correction."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    participant, submission = _accepted(report)
    check_publisher(participant.campaign, acting_user, report.unit_id)
    review = (
        SecrecyReview.objects.filter(report=report, submission=submission).order_by("-recorded_at").first()
    )
    if review is None:
        raise FazhiError(NEED_REVIEW, "review-required")
    previous = participant.publications.order_by("-number").first()
    document = document_from_json(submission.document)
    text = "\n".join(document.lines())
    if previous is not None:
        if not reason.strip():
            raise FazhiError(NEED_REASON, "reason-required")
        if _content(previous.document) == _content(
            submission.document
        ):  # a new 成文日期 alone is no correction
            raise FazhiError(SAME_TEXT, "unchanged")
    docx = render_docx(document)
    number = previous.number + 1 if previous else 1
    publication = Publication(
        participant=participant,
        unit_id=report.unit_id,
        region_id=report.unit.region_id,
        year=report.year,
        genre=report.genre,
        number=number,
        submission=submission,
        review=review,
        title=document.title,
        document=submission.document,
        text=text,
        sha256=sha256(text.encode("utf-8")),
        docx_sha256=sha256(docx),
        signed_on=document.signed_on,
        published_at=at or timezone.now(),
        published_by=acting_user,
        reason=reason.strip() if previous else "",
    )
    publication.docx.save(f"{report.unit_id}-{report.year}-{number}.docx", ContentFile(docx), save=False)
    publication.save()
    publication_published(publication)  # the portal's search index, in this transaction
    move_report(report, Report.Status.PUBLISHED, ReportEvent.Action.PUBLISH, acting_user, publication.reason)
    if settings.FAZHI_PUBLISH_PDF:
        transaction.on_commit(lambda: make_publication_pdf.enqueue(publication.pk))
    return publication


def _content(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "signed_on"}


@task()
def make_publication_pdf(publication_id: int) -> None:
    """The PDF of a publication, from its own .docx (LibreOffice: the same GB/T 9704 layout, CJK fonts
    embedded); recorded with its hash, or with the reason it could not be made."""
    publication = Publication.objects.get(pk=publication_id)
    try:
        pdf = docx_to_pdf(publication.docx.read())
    except PdfUnavailable as problem:
        Publication.objects.filter(pk=publication_id).update(pdf_error=str(problem)[:200])
        return
    publication.pdf.save(
        f"{publication.unit_id}-{publication.year}-{publication.number}.pdf", ContentFile(pdf), save=False
    )
    publication.pdf_sha256 = sha256(pdf)
    publication.pdf_error = ""
    publication.save(update_fields=["pdf", "pdf_sha256", "pdf_error"])


class PdfUnavailable(Exception):
    pass


def docx_to_pdf(docx: bytes) -> bytes:
    if office_binary() is None:
        raise PdfUnavailable("服务器未安装 LibreOffice，暂无 PDF 版本。")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.docx"
        source.write_bytes(docx)
        try:
            target = convert_to_pdf(source, Path(folder), timeout=PDF_SECONDS)
        except (subprocess.SubprocessError, OSError) as error:
            log.warning("PDF 生成失败：%s", error)
            raise PdfUnavailable("PDF 生成失败，请稍后重试。") from error
        if not target.exists():
            raise PdfUnavailable("PDF 生成失败，请稍后重试。")
        return target.read_bytes()
