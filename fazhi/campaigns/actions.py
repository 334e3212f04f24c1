"""Every write of a campaign: opening it, a unit sending its report, the office returning or
accepting it, reminders. Each ``do_*`` is atomic, checks its door and leaves history.

The report's own states (draft → awaiting the head → approved) are the reports app's; here it
goes on: approved → 已报送 (the approved version, frozen) → 已被退回 | 已接收.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from fazhi.deadlines.calendar_db import current_calendar, rule_settings
from fazhi.deadlines.models import DueItem
from fazhi.deadlines.rules import Bound, compute_due
from fazhi.inbox.actions import notify
from fazhi.inbox.models import Notice
from fazhi.lib.errors import FazhiError
from fazhi.lib.history import attributed, save_changes
from fazhi.orgs.access import Need, door, scope_for
from fazhi.orgs.models import Region, Role, Unit
from fazhi.reports.actions import draft_report
from fazhi.reports.genres import genre_of
from fazhi.reports.models import Report, ReportEvent

from .copies import copies_of
from .models import Campaign, Participant, Reminder, Submission
from .queries import campaign_of_report

SEND_FIRST = "请先由主要负责人审定报告，再报送依法治区办。"
NO_CAMPAIGN = "依法治区办尚未开启{year}年度报告的报送任务，暂不能报送。"
COMMENT_REQUIRED = "退回时请写明修改意见。"


def statutory_dates(year: int, genre: str = "law") -> tuple[dt.date, dt.date]:
    """The rules' 报送 and 公开 dates for a report year and genre (``fazhi deadline annual-report-submit``;
    the disclosure report: ``disclosure-annual-report``, 31 January, sent and published alike)."""
    settings, calendar = rule_settings(), current_calendar()
    any_day = dt.date(year, 6, 1)
    kind = genre_of(genre)
    submit = compute_due(kind.submit_rule, any_day, settings=settings, calendar=calendar).due
    publish = compute_due(kind.publish_rule, any_day, settings=settings, calendar=calendar).due
    return submit, publish


@door(Need.SUPERVISE, region_of=lambda **kw: kw["region"].pk)
@transaction.atomic
def do_open_campaign(
    *,
    region: Region,
    year: int,
    acting_user,
    submit_due: dt.date | None = None,
    draft_due: dt.date | None = None,
    units: list[Unit] | None = None,
    today: dt.date | None = None,
    genre: str = "law",
) -> Campaign:
    """Open the year's campaign for a genre of report: every unit of the region and the regions
    below (or ``units``) takes part, gets its due items and, if it has none, its report drafted."""
    name = genre_of(genre).of_year(year)
    if Campaign.objects.filter(region=region, year=year, genre=genre).exists():
        raise FazhiError(f"{region.name}{name}的报送任务已经开启。", "exists")
    statutory, publish = statutory_dates(year, genre)
    submit_due = submit_due or statutory
    if submit_due > statutory:
        raise FazhiError(f"报送截止日期不能晚于法定期限（{statutory.isoformat()}）。", "late-date")
    if draft_due is not None and draft_due > submit_due:
        raise FazhiError("初稿截止日期不能晚于报送截止日期。", "late-date")
    in_region = Unit.objects.filter(region_id__in=region.descendant_ids(), is_supervisor_office=False)
    chosen = list(in_region) if units is None else [u for u in units if in_region.filter(pk=u.pk).exists()]
    if units is not None and len(chosen) != len(units):
        raise FazhiError("所选单位不属于本区域。", "foreign-unit")
    # A unit reports its year to one office: in two campaigns, its sending would reach one board
    # and stay "late" on the other.
    taken = Participant.objects.filter(
        campaign__year=year, campaign__genre=genre, unit__in=chosen
    ).select_related("unit", "campaign__region")
    if taken:
        names = "、".join(sorted({p.unit.name for p in taken}))
        offices = "、".join(sorted({p.campaign.region.name for p in taken}))
        raise FazhiError(f"{names}已参加{offices}{name}的报送任务，不能重复参加。", "already-taking-part")
    campaign = Campaign(
        region=region,
        year=year,
        genre=genre,
        statutory_submit_due=statutory,
        publish_due=publish,
        submit_due=submit_due,
        draft_due=draft_due,
        opened_by=acting_user,
    )
    attributed(campaign, acting_user).save()
    for unit in sorted(chosen, key=lambda u: u.pk):
        report = Report.objects.filter(unit=unit, year=year, genre=genre).first()
        if report is None:
            report = draft_report(unit=unit, year=year, acting_user=acting_user, genre=genre)
        participant = Participant.objects.create(campaign=campaign, unit=unit, report=report)
        sync_participant_due_items(participant, acting_user=acting_user, today=today)
    return campaign


def sync_participant_due_items(
    participant: Participant, *, acting_user=None, today: dt.date | None = None
) -> None:
    """The unit's due items for the campaign: the office's 初稿 date if set, and the 报送 date,
    done on the day the report was first sent."""
    campaign = participant.campaign
    ct = ContentType.objects.get_for_model(participant)
    first = participant.submissions.order_by("sent_at").first()
    slots: dict[str, tuple[str, dt.date, dt.date | None]] = {
        "submit": (campaign.kind.submit_rule, campaign.submit_due, first.sent_on if first else None)
    }
    if campaign.draft_due:
        drafted = participant.report.status not in (Report.Status.DRAFT, Report.Status.RETURNED)
        slots["draft"] = ("annual-report-draft", campaign.draft_due, campaign.draft_due if drafted else None)
    for slot, (rule, due, done_on) in slots.items():
        item = DueItem.objects.filter(content_type=ct, object_id=participant.pk, slot=slot).first()
        item = item or DueItem(content_type=ct, object_id=participant.pk, slot=slot)
        save_changes(
            item,
            {
                "unit_id": participant.unit_id,
                "rule": rule,
                "bound": Bound.DEADLINE.value,
                "start": dt.date(campaign.year + 1, 1, 1),
                "due_on": due,
                "status": DueItem.Status.DONE if done_on else DueItem.Status.OPEN,
                "done_on": done_on,
            },
            acting_user,
        )


def participant_of(report: Report) -> Participant:
    """The unit's place in the campaign of the report's year; sending needs one."""
    participant = campaign_of_report(report)
    if participant is None:
        raise FazhiError(NO_CAMPAIGN.format(year=report.year), "no-campaign")
    return participant


@door(Need.WRITE)
@transaction.atomic
def do_send_report(
    report: Report, *, acting_user, today: dt.date | None = None, at: dt.datetime | None = None
) -> Submission:
    """Send the head-approved report: the latest approved version is what the office receives.

    The clerk may send it as well as the head: the content was fixed by the head's approval
    (and its reasons for any remaining error), sending is the office work that follows.
    """
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.APPROVED:
        raise FazhiError(SEND_FIRST, "bad-status")
    participant = participant_of(report)
    version = report.versions.order_by("-number").first()
    if version is None:
        raise FazhiError(SEND_FIRST, "bad-status")
    unexplained = [f for f in version.findings if f["severity"] == "error" and not f.get("reason")]
    if unexplained:
        raise FazhiError(
            f"审定版本中有{len(unexplained)}处错误未说明理由，请主要负责人重新审定。", "errors-unexplained"
        )
    stated: dict = {}
    for section in report.sections.all():
        stated |= section.stated
    submission = record_sending(
        participant,
        report,
        version=version,
        document=version.document,
        findings=version.findings,
        stated=stated,
        acting_user=acting_user,
        at=at,
        today=today,
    )
    tell_office(submission, f"{report.unit.name}报送了{report.kind.of_year(report.year)}")
    return submission


def record_sending(
    participant: Participant,
    report: Report,
    *,
    version,
    document: dict,
    findings: list[dict],
    stated: dict,
    acting_user,
    at: dt.datetime | None = None,
    today: dt.date | None = None,
    comment: str = "",
) -> Submission:
    """A sending as the office receives it, however it was made (an approved version, or a file):
    the document frozen with its findings, counts and copied paragraphs; the report 已报送, with
    its event; the unit's due items done. Called by the sending actions, after their door."""
    copies, percent = copies_of(participant, document)
    now = at or timezone.now()
    submission = Submission(
        participant=participant,
        unit_id=report.unit_id,
        version=version,
        document=document,
        findings=findings,
        stated=stated,
        copies=copies,
        errors=sum(1 for f in findings if f["severity"] == "error"),
        warnings=sum(1 for f in findings if f["severity"] == "warning"),
        ledger_mismatches=sum(1 for f in findings if f["rule"] == "ledger-mismatch"),
        copied_percent=percent,
        sent_by=acting_user,
        sent_at=now,
        sent_on=today or timezone.localdate(now),
    )
    attributed(submission, acting_user).save()
    move_report(report, Report.Status.SENT, ReportEvent.Action.SEND, acting_user, comment)
    sync_participant_due_items(participant, acting_user=acting_user)
    return submission


@door(Need.SUPERVISE)
@transaction.atomic
def do_return_submission(
    submission: Submission,
    *,
    comment: str,
    acting_user,
    section_comments: dict[str, str] | None = None,
    at: dt.datetime | None = None,
) -> Submission:
    """The office returns the report with its comments (on the whole, and on sections if it wishes)."""
    report = _pending_report(submission)
    if not comment.strip():
        raise FazhiError(COMMENT_REQUIRED, "comment-required")
    keys = set(report.sections.values_list("key", flat=True))
    notes = {k: v.strip() for k, v in (section_comments or {}).items() if k in keys and v.strip()}
    _decide(
        submission,
        Submission.Outcome.RETURNED,
        acting_user,
        at,
        comment=comment.strip(),
        section_comments=notes,
    )
    move_report(report, Report.Status.SENT_BACK, ReportEvent.Action.SEND_BACK, acting_user, comment.strip())
    _tell_unit(
        submission, Notice.Kind.RETURNED, f"依法治区办退回了{report.year}年度报告：{comment.strip()[:60]}"
    )
    return submission


@door(Need.SUPERVISE)
@transaction.atomic
def do_accept_submission(submission: Submission, *, acting_user, at: dt.datetime | None = None) -> Submission:
    report = _pending_report(submission)
    _decide(submission, Submission.Outcome.ACCEPTED, acting_user, at)
    move_report(report, Report.Status.ACCEPTED, ReportEvent.Action.ACCEPT, acting_user)
    _tell_unit(submission, Notice.Kind.ACCEPTED, f"依法治区办已接收{report.year}年度报告")
    return submission


def _pending_report(submission: Submission) -> Report:
    report = Report.objects.select_for_update().get(pk=submission.participant.report_id)
    latest = submission.participant.submissions.order_by("-sent_at", "-id").first()
    if (
        submission.outcome != Submission.Outcome.PENDING
        or report.status != Report.Status.SENT
        or latest != submission
    ):
        raise FazhiError("该报送记录已审阅或已有更新的报送，不能再退回或接收。", "bad-status")
    return report


def _decide(submission: Submission, outcome: str, acting_user, at=None, **values) -> None:
    values |= {"outcome": outcome, "decided_by": acting_user, "decided_at": at or timezone.now()}
    for name, value in values.items():
        setattr(submission, name, value)
    attributed(submission, acting_user).save(update_fields=list(values))


def move_report(report: Report, status: str, action: str, acting_user, comment: str = "") -> None:
    """The report's new state, with its event (who, when, comment) in the report's history."""
    report.status = status
    attributed(report, acting_user).save(update_fields=["status", "updated_at"])
    ReportEvent.objects.create(report=report, action=action, actor=acting_user, comment=comment)


def supervisors_of(campaign: Campaign) -> list:
    """The office that opened the campaign (offices above it read the board, but are not told):
    the region's own supervisors, and whoever opened it for the region from above, while they
    still supervise it (a region without an office of its own is not left unheard)."""
    roles = Role.objects.filter(kind=Role.Kind.SUPERVISOR, region_id=campaign.region_id).select_related(
        "user"
    )
    people = [r.user for r in roles]
    opener = campaign.opened_by
    if opener not in people and scope_for(opener).allows_region(campaign.region_id, Need.SUPERVISE):
        people.append(opener)
    return people


def tell_office(submission: Submission, title: str) -> None:
    """The office's inbox: a report has been sent to it."""
    notify(
        supervisors_of(submission.participant.campaign),
        kind=Notice.Kind.SENT,
        title=title,
        url=submission.get_absolute_url(),
        key=f"sent:{submission.pk}",
    )


def _tell_unit(submission: Submission, kind: str, title: str) -> None:
    """The unit's clerks' and head's inboxes: the office returned or accepted what they sent."""
    notify(
        _unit_people(submission.unit_id, Role.Kind.CLERK, Role.Kind.HEAD),
        kind=kind,
        title=title,
        url=submission.participant.get_absolute_url(),
        key=f"{kind}:{submission.pk}",
    )


def _unit_people(unit_id: int, *kinds: str) -> list:
    roles = Role.objects.filter(unit_id=unit_id, kind__in=kinds).select_related("user")
    return [r.user for r in roles if r.user.is_active]


# --- reminders (催报) -------------------------------------------------------------------------

UNSENT = (Report.Status.DRAFT, Report.Status.RETURNED, Report.Status.SUBMITTED, Report.Status.APPROVED)


def reminder_reason(due: dt.date, today: dt.date, calendar) -> str | None:
    """Which reminder a unit that has not sent is due today, on the working-day calendar.

    5 and 2 working days before the last working day on or before ``due``, on that day, and
    every working day after ``due`` while it has not sent. Nothing on a day off.
    """
    if not calendar.is_working_day(today):
        return None
    last = due
    while not calendar.is_working_day(last):
        last -= dt.timedelta(days=1)
    if today > due:
        return "overdue"
    if today == last:
        return "due"
    if today < last:
        left = calendar.count_working_days(today, last)
        return {5: "due-in-5", 2: "due-in-2"}.get(left)
    return None


REMINDER_TEXT = {
    "due-in-5": ("{name}还有5个工作日到报送期限（{due}）", Notice.Kind.DUE_SOON),
    "due-in-2": ("{name}还有2个工作日到报送期限（{due}）", Notice.Kind.DUE_SOON),
    "due": ("今天是{name}的报送期限（{due}）", Notice.Kind.DUE_TODAY),
    "overdue": ("{name}已逾期未报送（期限{due}），请尽快报送", Notice.Kind.OVERDUE),
}


def send_due_reminders(*, today: dt.date) -> int:
    """The daily job: remind every unit of an open campaign that has not sent; idempotent per day.

    The clerk is reminded as the date nears; once overdue, the head as well. Returns the
    number of notices created (none when the job runs a second time the same day).
    """
    calendar = current_calendar()
    created = 0
    participants = Participant.objects.select_related("campaign", "report", "unit").filter(
        report__status__in=UNSENT, submissions__isnull=True
    )
    for participant in participants:
        campaign = participant.campaign
        reason = reminder_reason(campaign.submit_due, today, calendar)
        if reason is None:
            continue
        kinds = (Role.Kind.CLERK, Role.Kind.HEAD) if reason == "overdue" else (Role.Kind.CLERK,)
        text, kind = REMINDER_TEXT[reason]
        with transaction.atomic():
            fresh = notify(
                _unit_people(participant.unit_id, *kinds),
                kind=kind,
                title=text.format(
                    name=campaign.kind.of_year(campaign.year), due=campaign.submit_due.isoformat()
                ),
                url=participant.get_absolute_url(),
                key=f"due:{participant.pk}:{reason}:{today.isoformat()}",
            )
            if fresh:
                Reminder.objects.create(participant=participant, reason=reason)
        created += len(fresh)
    return created


@door(Need.SUPERVISE, region_of=lambda campaign, **_: campaign.region_id)
@transaction.atomic
def do_remind_late_units(campaign: Campaign, *, acting_user, today: dt.date | None = None) -> int:
    """The office reminds every unit that is past the date and has not sent, clerk and head alike."""
    today = today or timezone.localdate()
    if today <= campaign.submit_due:
        raise FazhiError(f"报送期限（{campaign.submit_due.isoformat()}）尚未届满，没有逾期单位。", "not-late")
    late = campaign.participants.select_related("unit").filter(
        report__status__in=UNSENT, submissions__isnull=True
    )
    now = timezone.now()
    count = 0
    for participant in late:
        notify(
            _unit_people(participant.unit_id, Role.Kind.CLERK, Role.Kind.HEAD),
            kind=Notice.Kind.REMINDER,
            title=f"依法治区办催报：{campaign.kind.of_year(campaign.year)}已逾期（期限{campaign.submit_due.isoformat()}）",
            url=participant.get_absolute_url(),
            key=f"remind:{participant.pk}:{now.isoformat()}",
        )
        Reminder.objects.create(participant=participant, reason="manual", sent_by=acting_user, sent_at=now)
        count += 1
    return count
