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
from fazhi.reportcheck import parse_lines
from fazhi.reportcheck.readers import SourceLine
from fazhi.security import audit

from .checking import finding_json, finding_key, findings_of, unexplained_errors
from .compose import SectionDraft, bare_heading
from .genres import genre_of
from .importing import imported_report
from .models import Report, ReportEvent, ReportSection, ReportVersion, SectionConflict
from .queries import document_of, document_to_json, draft_for
from .stated import read_figures, restate

NOT_EDITABLE = "报告已提交、已审定或已报送，不能再修改；已审定的报告如需修改，请主要负责人先“重新修改”。"
UNEXPLAINED = "报告还有{count}处错误：请修改后再审定，或由主要负责人逐条说明理由。"


class StaleEdit(FazhiError):
    """Someone saved after this editor loaded: nothing is overwritten, the refused words are kept."""

    def __init__(self, message: str, conflict: SectionConflict | None = None) -> None:
        super().__init__(message, "stale-edit")
        self.conflict = conflict


# A whole annual report runs to 3,000–10,000 characters; one section beyond this is a paste gone
# wrong, and refusing it before any work keeps every later check of the report fast.
MAX_TEXT = 20_000
TOO_LONG = "文字过长（{count}字，一段最多{limit}字）：未保存。请检查是否粘贴了多余的内容，或分为几段。"

STALE = "这一段已被{who}修改并保存，您的修改未覆盖其文字。两份文字都已显示在本段下方，请对照合并后再保存。"
STALE_HEAD = "开头语或部分标题已被他人修改并保存，您的修改未保存。请刷新页面后再改。"


def _refuse_long(*texts: str) -> None:
    count = sum(len(t) for t in texts)
    if count > MAX_TEXT:
        raise FazhiError(TOO_LONG.format(count=count, limit=MAX_TEXT), "too-long")


def _editable(report: Report) -> Report:
    """The report locked for this transaction, if it may still be edited."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.is_editable:
        raise FazhiError(NOT_EDITABLE, "not-editable")
    return report


@door(Need.WRITE)
@transaction.atomic
def do_create_report(*, unit: Unit, year: int, acting_user, genre: str = "law") -> Report:
    """A fresh draft: the unit's own report of last year as the starting point, else the records' figures."""
    if Report.objects.filter(unit=unit, year=year, genre=genre).exists():
        raise FazhiError(f"{genre_of(genre).title(unit.name, year)}已存在。", "exists")
    return draft_report(unit=unit, year=year, acting_user=acting_user, genre=genre)


def draft_report(*, unit: Unit, year: int, acting_user, genre: str = "law") -> Report:
    """The draft itself, also made when a campaign opens for a unit without a report (a consequence
    of the office's action, after its own door)."""
    draft = draft_for(unit, year, genre)
    report = Report(
        unit=unit,
        year=year,
        genre=genre,
        preamble=draft.preamble,
        part_headings=draft.headings,
        created_by=acting_user,
    )
    _attributed(report, acting_user).save()
    _add_sections(report, draft.sections, acting_user)
    return report


def _stated(report: Report, heading: str, text: str) -> dict:
    """The catalogue's figures the words state, for a genre whose figures are kept fresh."""
    return read_figures(heading, text) if report.kind.reads_figures else {}


def _add_sections(report: Report, drafts: list[SectionDraft], acting_user) -> None:
    for position, draft in enumerate(drafts, 1):
        _attributed(
            ReportSection(
                report=report,
                part=draft.part,
                key=draft.key,
                position=position,
                heading=bare_heading(draft.heading),
                text=draft.text,
                stated=_stated(report, draft.heading, draft.text),
                updated_by=acting_user,
            ),
            acting_user,
        ).save()


@door(Need.WRITE)
@transaction.atomic
def do_import_report(
    *, unit: Unit, year: int, lines: list[SourceLine], acting_user
) -> tuple[Report, list[str]]:
    """The unit's report from a file's lines (read by the report engine): its parts, sections and
    words replace the draft's; a report submitted, approved or sent is never overwritten.
    Returns the report and what the import normalised."""
    parsed = parse_lines(lines)
    if not parsed.parts:
        raise FazhiError("文件中没有找到报告的部分标题（如“一、……主要举措和成效”），未导入。", "no-parts")
    imported = imported_report(parsed, lines, unit_name=unit.name, year=year)
    report = Report.objects.select_for_update().filter(unit=unit, year=year, genre="law").first()
    if report is None:
        report = Report(unit=unit, year=year, created_by=acting_user)
    elif not report.is_editable:
        raise FazhiError(
            f"{unit.name}{year}年度报告{report.get_status_display()}，不能用导入覆盖。", "not-editable"
        )
    else:
        for section in report.sections.all():
            _attributed(section, acting_user).delete()
        report.revision += 1
    report.preamble, report.part_headings = imported.preamble, imported.headings
    _attributed(report, acting_user).save()
    _add_sections(report, imported.sections, acting_user)
    audit.imported(f"{unit.name}{year}年度报告", user=acting_user, report_id=report.pk)
    return report, imported.notes


@door(Need.WRITE, unit_of=lambda section, **_: section.report.unit_id)
def do_save_section(
    section: ReportSection, *, heading: str, text: str, revision: int, acting_user
) -> ReportSection:
    """Save only if nobody saved since ``revision`` was loaded (a conditional UPDATE, safe under
    races); a refused save keeps its words as a conflict both writers see."""
    _refuse_long(heading, text)
    heading = "" if section.is_body else bare_heading(heading)
    if _save_unless_stale(
        section, heading=heading, text=text.strip(), revision=revision, acting_user=acting_user
    ):
        return section
    with transaction.atomic():
        current = ReportSection.objects.select_related("updated_by").get(pk=section.pk)
        conflict = None
        if (heading, text.strip()) != (current.heading, current.text):
            conflict = SectionConflict.objects.create(
                section=current, heading=heading, text=text.strip(), by=acting_user
            )
    who = current.updated_by.get_full_name() if current.updated_by else ""
    raise StaleEdit(STALE.format(who=who or "他人"), conflict)


@transaction.atomic
def _save_unless_stale(
    section: ReportSection, *, heading: str, text: str, revision: int, acting_user
) -> bool:
    _editable(section.report)
    updated = ReportSection.objects.filter(pk=section.pk, revision=revision).update(
        revision=F("revision") + 1
    )
    if not updated:
        return False
    section.refresh_from_db(fields=["revision"])
    section.heading, section.text, section.updated_by = heading, text, acting_user
    section.stated = _stated(section.report, heading, text)
    _attributed(section, acting_user).save(
        update_fields=["heading", "text", "stated", "updated_by", "updated_at"]
    )
    return True


@door(Need.WRITE, unit_of=lambda conflict, **_: conflict.section.report.unit_id)
@transaction.atomic
def do_resolve_conflict(conflict: SectionConflict, *, acting_user) -> SectionConflict:
    """One of the writers has merged the refused words: the conflict is no longer shown."""
    conflict.resolved_by = acting_user
    conflict.save(update_fields=["resolved_by"])
    return conflict


@door(Need.WRITE)
@transaction.atomic
def do_save_preamble(
    report: Report,
    *,
    text: str,
    acting_user,
    revision: int | None = None,
    headings: dict[str, str] | None = None,
) -> Report:
    """The preamble and, when given, the parts' headings; refused if someone saved since ``revision``."""
    _refuse_long(text, *(headings or {}).values())
    current = _editable(report)
    if revision is not None and current.revision != revision:
        raise StaleEdit(STALE_HEAD)
    report.preamble = text.strip()
    if headings is not None:
        report.part_headings = {
            kind: heading.strip() or report.kind.heading(kind, report.year)
            for kind, heading in headings.items()
        } | {k: v for k, v in current.part_headings.items() if k not in headings}
    report.revision = current.revision + 1
    _attributed(report, acting_user).save(
        update_fields=["preamble", "part_headings", "revision", "updated_at"]
    )
    return report


@door(Need.WRITE)
@transaction.atomic
def do_add_section(report: Report, *, part: str, heading: str = "", acting_user) -> ReportSection:
    """A new titled section at the end of ``part`` (its number follows from its place)."""
    _editable(report)
    order = report.kind.parts
    if part not in order:
        raise FazhiError("没有这个部分。", "bad-part")
    sections = list(report.sections.all())
    in_part = [s.position for s in sections if s.part == part]
    after = (
        max(in_part)
        if in_part
        else max((s.position for s in sections if order.index(s.part) < order.index(part)), default=0)
    )
    ReportSection.objects.filter(report=report, position__gt=after).update(position=F("position") + 1)
    keys = {s.key for s in sections}
    key = next(f"{part}.s{n}" for n in range(1, len(keys) + 2) if f"{part}.s{n}" not in keys)
    section = ReportSection(
        report=report,
        part=part,
        key=key,
        position=after + 1,
        heading=bare_heading(heading),
        updated_by=acting_user,
    )
    _attributed(section, acting_user).save()
    return section


@door(Need.WRITE, unit_of=lambda section, **_: section.report.unit_id)
@transaction.atomic
def do_move_section(section: ReportSection, *, up: bool, acting_user) -> ReportSection:
    """Swap a titled section with the titled section before (``up``) or after it in its part."""
    _editable(section.report)
    if section.is_body:
        raise FazhiError("部分正文总在各小标题之前，不能移动。", "cannot-move")
    siblings = list(
        ReportSection.objects.filter(report_id=section.report_id, part=section.part).exclude(
            key__endswith=".text"
        )
    )
    index = next(i for i, s in enumerate(siblings) if s.pk == section.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(siblings):
        raise FazhiError("已经是本部分的第一段。" if up else "已经是本部分的最后一段。", "cannot-move")
    other = siblings[other_index]
    mine, theirs = section.position, other.position
    for moved, position in ((section, theirs), (other, mine)):
        moved.position = position
        _attributed(moved, acting_user).save(update_fields=["position", "updated_at"])
    return section


@door(Need.WRITE, unit_of=lambda section, **_: section.report.unit_id)
@transaction.atomic
def do_delete_section(section: ReportSection, *, acting_user) -> None:
    """Delete a titled section with its words (kept in its history); a part's body stays."""
    _editable(section.report)
    if section.is_body:
        raise FazhiError("部分正文不能删除，可以清空其文字。", "cannot-delete")
    _attributed(section, acting_user).delete()


@door(Need.WRITE, unit_of=lambda section, **_: section.report.unit_id)
@transaction.atomic
def do_restate_figure(section: ReportSection, *, code: str, acting_user) -> ReportSection:
    """改为台账数: the number the words state for ``code`` becomes the ledger's, the words around it stay."""
    _editable(section.report)
    section.refresh_from_db()
    value = figures_by_code(section.report.unit_id, section.report.year).get(code)
    text = restate(section.text, code, value) if value is not None else None
    if text is None:
        raise FazhiError("未能在本段文字中找到这一数据，请直接修改文字。", "figure-not-found")
    section.text = text
    section.stated = read_figures(section.heading, text)
    section.revision += 1
    section.updated_by = acting_user
    _attributed(section, acting_user).save(
        update_fields=["text", "stated", "revision", "updated_by", "updated_at"]
    )
    return section


@door(Need.WRITE)
@transaction.atomic
def do_refresh_figures(report: Report, *, acting_user) -> int:
    """Every number the words state that differs from the ledger becomes the ledger's; returns how many."""
    _editable(report)
    figures = figures_by_code(report.unit_id, report.year)
    changed = 0
    for section in report.sections.all():
        text = section.text
        for code, stated in section.stated.items():
            value = figures.get(code)
            if value is not None and value != stated:
                text = restate(text, code, value) or text
        if text != section.text:
            section.text, section.stated = text, read_figures(section.heading, text)
            section.revision += 1
            _attributed(section, acting_user).save(update_fields=["text", "stated", "revision", "updated_at"])
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
        title=f"{report.kind.of_year(report.year)}已提交，待您审定",
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
    findings = findings_of(report, document)
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
