"""Reads of campaigns: the permission-checked fetches, and the board the office works from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min
from django.utils import timezone

from fazhi.deadlines.calendar_db import current_calendar
from fazhi.lib.errors import FazhiError, Refused
from fazhi.orgs.access import Need, check_access, check_region_access, scope_for
from fazhi.orgs.queries import find_region
from fazhi.reports.models import Report

from .models import Campaign, Participant, Submission
from .publication_models import Publication

# The report's state as the office tracks it, and as `fazhi campaign status` prints it.
STATUS_OF_REPORT = {
    Report.Status.DRAFT: "drafting",
    Report.Status.RETURNED: "drafting",
    Report.Status.SUBMITTED: "awaiting_head",
    Report.Status.APPROVED: "approved",
    Report.Status.SENT: "sent",
    Report.Status.SENT_BACK: "returned",
    Report.Status.ACCEPTED: "accepted",
    Report.Status.PUBLISHED: "published",
}
STATUS_LABELS = {
    "not_started": "未起草",
    "drafting": "起草中",
    "awaiting_head": "待负责人审定",
    "approved": "已审定待报送",
    "sent": "已报送待审阅",
    "returned": "已退回",
    "accepted": "已接收",
    "published": "已公开",
}
ACCEPTED_STATES = ("accepted", "published")  # a published report was accepted first
# The office's own words (未报 / 已报 / 逾期 / 退回 / 已接收), used to filter the board.
FILTERS = {
    "unsent": "未报",
    "late": "逾期未报",
    "sent": "已报待审",
    "returned": "退回",
    "accepted": "已接收",
    "published": "已公开",
    "unpublished": "未公开",
}


def access_campaign(user, campaign_id: int, need: Need = Need.READ) -> Campaign:
    campaign = Campaign.objects.select_related("region").filter(pk=campaign_id).first()
    if campaign is None:
        raise Refused("报送任务不存在或无权查看。", hidden=True)
    check_region_access(user, campaign.region_id, need)
    return campaign


def access_submission(user, submission_id: int, need: Need = Need.READ) -> Submission:
    submission = (
        Submission.objects.select_related(
            "participant__campaign__region", "participant__report", "unit", "sent_by"
        )
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        raise Refused("报送记录不存在或无权查看。", hidden=True)
    check_access(user, submission.unit_id, need)
    return submission


def find_campaign(region_name: str, year: int, genre: str = "law") -> Campaign:
    """A region's campaign by the region's name, for the command line, which runs as the operator."""
    region = find_region(region_name)
    campaign = Campaign.objects.filter(region=region, year=year, genre=genre).select_related("region").first()
    if campaign is None:
        raise FazhiError(f"{region.name}没有{year}年度报告的报送任务。", "no-campaign")
    return campaign


def list_campaigns_for_user(user) -> list[Campaign]:
    """The campaigns of the regions one supervises; the admin reads them all."""
    scope = scope_for(user)
    campaigns = Campaign.objects.select_related("region")
    return list(campaigns if scope.is_admin else campaigns.filter(region_id__in=scope.supervised_regions))


def campaign_of_report(report: Report) -> Participant | None:
    return (
        Participant.objects.select_related("campaign")
        .filter(unit_id=report.unit_id, campaign__year=report.year, campaign__genre=report.genre)
        .first()
    )


@dataclass
class BoardRow:
    participant: Participant
    status: str
    due: dt.date
    sent_at: dt.datetime | None
    first_sent_on: dt.date | None
    working_days_late: int
    latest: Submission | None
    returns: int
    last_reminded: dt.datetime | None
    late: bool  # past the date and never sent
    # Publication (docs/domain.md#annual-report-publication): "4月1日前" is a date, so lateness
    # is counted in calendar days, not working days as for sending.
    publish_due: dt.date
    published_at: dt.datetime | None  # the first publication: what counts against the date
    days_late_published: int  # calendar days after publish_due: to the first publication, or to today
    corrections: int  # published versions after the first
    publish_late: bool  # past the publish date and never published

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def published(self) -> bool:
        return self.published_at is not None

    @property
    def published_on(self) -> dt.date | None:  # the first publication's local date
        return timezone.localdate(self.published_at) if self.published_at else None

    @property
    def published_on_time(self) -> bool:
        return self.published_at is not None and self.days_late_published == 0

    @property
    def errors(self) -> int | None:
        return self.latest.errors if self.latest else None

    @property
    def warnings(self) -> int | None:
        return self.latest.warnings if self.latest else None

    @property
    def ledger_mismatches(self) -> int | None:
        return self.latest.ledger_mismatches if self.latest else None

    @property
    def copied_percent(self) -> float | None:
        return self.latest.copied_percent if self.latest else None

    def matches(self, filter_: str) -> bool:
        return {
            "unsent": self.first_sent_on is None,
            "late": self.late,
            "sent": self.status == "sent",
            "returned": self.status == "returned",
            "accepted": self.status in ACCEPTED_STATES,
            "published": self.published,
            "unpublished": not self.published,
        }.get(filter_, True)

    def as_json(self) -> dict:
        """One unit, as `fazhi campaign status --json` prints it."""
        return {
            "unit": self.participant.unit.name,
            "status": self.status,
            "due": self.due.isoformat(),
            "sent_at": timezone.localtime(self.sent_at).isoformat() if self.sent_at else None,
            "working_days_late": self.working_days_late,
            "errors": self.errors,
            "warnings": self.warnings,
            "ledger_mismatches": self.ledger_mismatches,
            "copied_percent": self.copied_percent,
            "returns": self.returns,
            "published_at": timezone.localtime(self.published_at).isoformat() if self.published_at else None,
            "days_late_published": self.days_late_published,
            "corrections": self.corrections,
        }


def _status(campaign: Campaign, participant: Participant) -> str:
    report = participant.report
    untouched = report.created_by_id == campaign.opened_by_id and (participant.edits or 1) <= 1  # type: ignore[attr-defined]
    if report.status == Report.Status.DRAFT and untouched:
        return "not_started"  # the draft the office's opening made, never saved by the unit
    return STATUS_OF_REPORT.get(report.status, "drafting")


def working_days_late(due: dt.date, on: dt.date) -> int:
    """Working days after ``due`` up to and including ``on`` (0 when on time)."""
    return current_calendar().count_working_days(due, on) if on > due else 0


def calendar_days_late(due: dt.date, on: dt.date) -> int:
    """Calendar days after ``due`` up to and including ``on`` (0 when on time): publication's rule
    is "4月1日前", a date, not a period of working days."""
    return max((on - due).days, 0)


def board_rows(campaign: Campaign, *, today: dt.date) -> list[BoardRow]:
    """A row per unit: five queries whatever the number of units."""
    participants = list(
        campaign.participants.select_related("unit", "report")
        .annotate(edits=Max("report__sections__revision"))
        .order_by("unit__region_id", "unit_id")
    )
    submissions: dict[int, list[Submission]] = {}
    for submission in Submission.objects.filter(participant__campaign=campaign).order_by("sent_at", "id").only(
        "id", "participant_id", "sent_at", "sent_on", "outcome", "errors", "warnings", "ledger_mismatches",
        "copied_percent",
    ):  # fmt: skip
        submissions.setdefault(submission.participant_id, []).append(submission)
    reminded = dict(campaign.participants.annotate(last=Max("reminders__sent_at")).values_list("pk", "last"))
    published = {
        participant_id: (first, versions)
        for participant_id, first, versions in Publication.objects.filter(participant__campaign=campaign)
        .order_by()
        .values("participant_id")
        .annotate(first=Min("published_at"), versions=Count("id"))
        .values_list("participant_id", "first", "versions")
    }
    rows = []
    late_by_day: dict[dt.date, int] = {}  # most rows share a day: today, or one of a few sending days

    def late(day: dt.date) -> int:
        if day not in late_by_day:
            late_by_day[day] = working_days_late(campaign.submit_due, day)
        return late_by_day[day]

    for p in participants:
        sent = submissions.get(p.pk, [])
        first, latest = (sent[0], sent[-1]) if sent else (None, None)
        late_on = first.sent_on if first else today
        first_published, versions = published.get(p.pk, (None, 0))
        rows.append(
            BoardRow(
                participant=p,
                status=_status(campaign, p),
                due=campaign.submit_due,
                sent_at=latest.sent_at if latest else None,
                first_sent_on=first.sent_on if first else None,
                working_days_late=late(late_on),
                latest=latest,
                returns=sum(1 for s in sent if s.outcome == Submission.Outcome.RETURNED),
                last_reminded=reminded.get(p.pk),
                late=first is None and today > campaign.submit_due,
                publish_due=campaign.publish_due,
                published_at=first_published,
                days_late_published=calendar_days_late(
                    campaign.publish_due, timezone.localdate(first_published) if first_published else today
                ),
                corrections=max(versions - 1, 0),
                publish_late=first_published is None and today > campaign.publish_due,
            )
        )
    return rows


@dataclass
class BoardCounts:
    total: int
    sent: int  # units that have sent at least once (已报)
    on_time: int  # of which the first sending was by the date
    returned: int  # units returned at least once
    accepted: int  # accepted by the office (published ones included)
    late: int  # past the date and never sent
    published: int  # units with a published version (已公开)
    published_on_time: int  # of which the first publication was by the publish date
    publish_late: int  # past the publish date and never published
    corrected: int  # units that corrected their report after publication

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def sent_rate(self) -> float | None:  # 报送率
        return self._rate(self.sent, self.total)

    @property
    def on_time_rate(self) -> float | None:  # 按时报送率
        return self._rate(self.on_time, self.total)

    @property
    def returned_rate(self) -> float | None:  # 退回率: of the units that sent
        return self._rate(self.returned, self.sent)

    @property
    def published_rate(self) -> float | None:  # 公开率: of all the units
        return self._rate(self.published, self.total)

    @property
    def published_on_time_rate(self) -> float | None:  # 按时公开率: of all the units
        return self._rate(self.published_on_time, self.total)


def board_counts(rows: list[BoardRow]) -> BoardCounts:
    return BoardCounts(
        total=len(rows),
        sent=sum(1 for r in rows if r.first_sent_on is not None),
        on_time=sum(1 for r in rows if r.first_sent_on is not None and r.first_sent_on <= r.due),
        returned=sum(1 for r in rows if r.returns),
        accepted=sum(1 for r in rows if r.status in ACCEPTED_STATES),
        late=sum(1 for r in rows if r.late),
        published=sum(1 for r in rows if r.published),
        published_on_time=sum(1 for r in rows if r.published_on_time),
        publish_late=sum(1 for r in rows if r.publish_late),
        corrected=sum(1 for r in rows if r.corrections),
    )


def latest_returned(report: Report) -> Submission | None:
    """The office's return of this report, while the unit is revising it (until it sends again)."""
    if report.status in (Report.Status.SENT, Report.Status.ACCEPTED):
        return None
    latest = Submission.objects.filter(participant__report=report).order_by("-sent_at", "-id").first()
    return latest if latest is not None and latest.outcome == Submission.Outcome.RETURNED else None


def section_notes(report: Report) -> dict[str, list[str]]:
    returned = latest_returned(report)
    return {key: [text] for key, text in returned.section_comments.items()} if returned else {}
