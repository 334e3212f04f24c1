"""Every write to a report: drafting, editing with a revision check, review, versions."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from fazhi.inbox.actions import notify
from fazhi.inbox.models import Notice
from fazhi.lib.errors import FazhiError
from fazhi.lib.history import attributed as _attributed
from fazhi.orgs.access import Need, door
from fazhi.orgs.models import Role, Unit
from fazhi.records.figures import figures_by_code

from .checking import check_document, finding_json, finding_key, unexplained_errors
from .compose import stated_for
from .models import Report, ReportEvent, ReportSection, ReportVersion
from .queries import document_of, document_to_json, draft_for

NOT_EDITABLE = "报告已提交、已审定或已报送，不能再修改；已审定的报告如需修改，请主要负责人先“重新修改”。"
UNEXPLAINED = "报告还有{count}处错误：请修改后再审定，或由主要负责人逐条说明理由。"


class StaleEdit(FazhiError):
    """Someone saved the section after this editor loaded it: nothing is overwritten."""

    def __init__(self, section: ReportSection, mine: str) -> None:
        super().__init__(
            "这一段已被他人修改并保存，您的修改未保存。请对照两份文字合并后再保存。", "stale-edit"
        )
        self.section = section
        self.mine = mine


@door(Need.WRITE)
@transaction.atomic
def do_create_report(*, unit: Unit, year: int, acting_user) -> Report:
    """A fresh draft: figures from the ledger, narrative from the unit's own report of last year."""
    if Report.objects.filter(unit=unit, year=year).exists():
        raise FazhiError(f"{unit.name}{year}年度报告已存在。", "exists")
    return draft_report(unit=unit, year=year, acting_user=acting_user)


def draft_report(*, unit: Unit, year: int, acting_user) -> Report:
    """The draft itself, also made when a campaign opens for a unit without a report (a consequence
    of the office's action, after its own door)."""
    preamble, drafts = draft_for(unit, year)
    report = _attributed(Report(unit=unit, year=year, preamble=preamble, created_by=acting_user), acting_user)
    report.save()
    for position, draft in enumerate(drafts, 1):
        _attributed(
            ReportSection(
                report=report,
                part=draft.part,
                key=draft.key,
                position=position,
                heading=draft.heading,
                text=draft.text,
                stated=draft.stated,
                updated_by=acting_user,
            ),
            acting_user,
        ).save()
    return report


@door(Need.WRITE, unit_of=lambda section, **_: section.report.unit_id)
@transaction.atomic
def do_save_section(
    section: ReportSection, *, heading: str, text: str, revision: int, acting_user
) -> ReportSection:
    """Save only if nobody saved since ``revision`` was loaded (a conditional UPDATE, safe under races)."""
    report = Report.objects.select_for_update().get(pk=section.report_id)
    if not report.is_editable:
        raise FazhiError(NOT_EDITABLE, "not-editable")
    updated = ReportSection.objects.filter(pk=section.pk, revision=revision).update(
        revision=F("revision") + 1
    )
    if not updated:
        raise StaleEdit(ReportSection.objects.get(pk=section.pk), text)
    section.refresh_from_db(fields=["revision"])
    section.heading, section.text, section.updated_by = heading.strip(), text.strip(), acting_user
    _attributed(section, acting_user).save(update_fields=["heading", "text", "updated_by", "updated_at"])
    return section


@door(Need.WRITE)
@transaction.atomic
def do_save_preamble(report: Report, *, text: str, acting_user) -> Report:
    if not report.is_editable:
        raise FazhiError(NOT_EDITABLE, "not-editable")
    report.preamble = text.strip()
    _attributed(report, acting_user).save(update_fields=["preamble", "updated_at"])
    return report


@door(Need.WRITE)
@transaction.atomic
def do_refresh_figures(report: Report, *, acting_user) -> int:
    """Restate every section's figures with the ledger's current values; returns sections changed."""
    if not report.is_editable:
        raise FazhiError(NOT_EDITABLE, "not-editable")
    figures = figures_by_code(report.unit_id, report.year)
    changed = 0
    for section in report.sections.all():
        theme = section.key.split(".", 1)[1] if section.part == "measures" else None
        fresh = stated_for(section.part, theme, figures) if section.part in ("measures", "leadership") else {}
        if fresh != section.stated:
            section.stated = fresh
            section.revision += 1
            _attributed(section, acting_user).save(update_fields=["stated", "revision", "updated_at"])
            changed += 1
    return changed


def _event(report: Report, action: str, user, comment: str = "") -> None:
    ReportEvent.objects.create(report=report, action=action, actor=user, comment=comment)


def _set_status(report: Report, status: str, user) -> None:
    report.status = status
    _attributed(report, user).save(update_fields=["status", "updated_at"])


@door(Need.WRITE)
@transaction.atomic
def do_submit_report(report: Report, *, acting_user) -> Report:
    if not report.is_editable:
        raise FazhiError("只有草稿或退回修改的报告可以提交。", "bad-status")
    _set_status(report, Report.Status.SUBMITTED, acting_user)
    _event(report, ReportEvent.Action.SUBMIT, acting_user)
    heads = [
        r.user
        for r in Role.objects.filter(unit_id=report.unit_id, kind=Role.Kind.HEAD).select_related("user")
    ]
    notify(
        [h for h in heads if h.pk != acting_user.pk],
        kind=Notice.Kind.SUBMITTED,
        title=f"{report.year}年度法治政府建设情况报告已提交，待您审定",
        url=reverse("reports:edit-report", args=[report.pk]),
        key=f"submitted:{report.pk}:{report.events.count()}",
    )
    return report


@door(Need.APPROVE)
@transaction.atomic
def do_approve_report(
    report: Report, *, acting_user, reasons: dict[str, str] | None = None, today: dt.date | None = None
) -> ReportVersion:
    """The head approves: the report is frozen as the next numbered version.

    The gate: a report with checker errors is approved only with the head's reason for each
    one (``reasons`` by ``finding_key``); the findings and reasons are kept with the version.
    """
    if report.status != Report.Status.SUBMITTED:
        raise FazhiError("只有已提交待审定的报告可以审定。", "bad-status")
    reasons = reasons or {}
    document = document_of(report, signed_on=today or timezone.localdate())  # 成文日期
    findings = check_document(document, unit_id=report.unit_id, year=report.year)
    missing = unexplained_errors(findings.every, reasons)
    if missing:
        raise FazhiError(UNEXPLAINED.format(count=len(missing)), "errors-unexplained")
    number = (report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = ReportVersion.objects.create(
        report=report,
        number=number,
        document=document_to_json(document),
        approved_by=acting_user,
        findings=[
            finding_json(f, (reasons.get(finding_key(f)) or "").strip())
            for f in findings.every
            if f.severity != "info"
        ],
    )
    _set_status(report, Report.Status.APPROVED, acting_user)
    _event(report, ReportEvent.Action.APPROVE, acting_user)
    return version


@door(Need.APPROVE)
@transaction.atomic
def do_return_report(report: Report, *, comment: str, acting_user) -> Report:
    if report.status != Report.Status.SUBMITTED:
        raise FazhiError("只有已提交的报告可以退回。", "bad-status")
    if not comment.strip():
        raise FazhiError("退回时请写明修改意见。", "comment-required")
    _set_status(report, Report.Status.RETURNED, acting_user)
    _event(report, ReportEvent.Action.RETURN, acting_user, comment.strip())
    return report


@door(Need.APPROVE)
@transaction.atomic
def do_reopen_report(report: Report, *, acting_user) -> Report:
    """The head starts a revision of an approved report; the approved versions stay as they are."""
    if report.status not in (Report.Status.APPROVED, Report.Status.PUBLISHED):
        raise FazhiError("只有已审定或已公开的报告可以重新修改。", "bad-status")
    _set_status(report, Report.Status.DRAFT, acting_user)
    _event(report, ReportEvent.Action.REOPEN, acting_user)
    return report
