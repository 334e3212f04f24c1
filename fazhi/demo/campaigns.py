"""Demo campaigns of 天津市南开区: the 2024 one with its units in every state an office sees
(accepted, returned with comments, sent and waiting, late, never sent), and the 2025 one
with its 2026 dates, so that due and overdue items show on the home pages and in inboxes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from fazhi.campaigns.actions import (
    do_accept_submission,
    do_open_campaign,
    do_remind_late_units,
    do_return_submission,
    do_send_report,
    send_due_reminders,
)
from fazhi.campaigns.publishing import do_publish_report, do_record_secrecy_review
from fazhi.orgs.models import Region
from fazhi.reports.actions import do_approve_report, do_reopen_report, do_save_section, do_submit_report
from fazhi.reports.models import Report

from .reports import reasons_for

SHANGHAI = ZoneInfo("Asia/Shanghai")
RETURN_COMMENT = (
    "第一部分缺少重大行政决策和合法性审核的情况，请结合台账补充；第二部分的不足写得过于笼统，请写明原因。"
)
SECTION_COMMENT = "请补充年度内重大行政决策目录和合法性审核的件数。"


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def approve(report: Report, head, on: dt.date | None = None) -> None:
    """The head approves, giving a reason for any error the checker still finds (the gate)."""
    if report.status != Report.Status.SUBMITTED:
        do_submit_report(report, acting_user=head)
    do_approve_report(report, acting_user=head, reasons=reasons_for(report), today=on)


def send(report: Report, clerk, head, on: dt.date):
    approve(report, head, on - dt.timedelta(days=1))
    return do_send_report(report, acting_user=clerk, at=at(on))


def add_demo_campaigns(people: list, office, *, today: dt.date) -> None:
    """``people``: (unit, clerk, head) of the 南开 units, in the order of ``load.UNITS``."""
    nankai = Region.objects.get(name="天津市南开区")
    by_name = {unit.name: (unit, clerk, head) for unit, clerk, head in people}

    def report(name: str, year: int) -> tuple[Report, object, object]:
        unit, clerk, head = by_name[name]
        return Report.objects.get(unit=unit, year=year, genre="law"), clerk, head

    do_open_campaign(
        region=nankai, year=2024, draft_due=dt.date(2025, 2, 14), acting_user=office, today=today
    )
    gov, clerk, head = report("南开区政府办公室", 2024)
    submission = do_send_report(gov, acting_user=clerk, at=at(dt.date(2025, 2, 20)))  # approved already
    do_accept_submission(submission, acting_user=office, at=at(dt.date(2025, 2, 24)))

    investment, clerk, head = report("南开区投资促进局", 2024)
    submission = send(investment, clerk, head, dt.date(2025, 2, 26))
    section = (
        investment.sections.filter(part="measures")
        .exclude(key__endswith=".text")
        .order_by("position")
        .first()
    )
    do_return_submission(
        submission,
        comment=RETURN_COMMENT,
        section_comments={section.key: SECTION_COMMENT} if section else {},
        acting_user=office,
        at=at(dt.date(2025, 2, 27)),
    )

    justice, clerk, head = report("南开区司法局", 2024)
    send(justice, clerk, head, dt.date(2025, 2, 27))  # sent, waiting for the office

    education, clerk, head = report("南开区教育局", 2024)
    late = send(education, clerk, head, dt.date(2025, 3, 5))  # 3 working days late (3, 4, 5 March)
    do_accept_submission(late, acting_user=office, at=at(dt.date(2025, 3, 6)))

    market, clerk, head = report("南开区市场监督管理局", 2024)
    approve(market, head, dt.date(2025, 2, 26))  # approved but never sent: late

    health, clerk, _head = report("南开区卫生健康委员会", 2024)
    first = health.sections.exclude(key__endswith=".text").order_by("position").first()
    do_save_section(
        first,
        heading=first.heading,
        text=first.text + "（修改中）",
        revision=first.revision,
        acting_user=clerk,
    )
    # 城市管理委员会 keeps its draft and has not sent either: late, like 卫健委.
    do_remind_late_units(
        health.unit.region.campaigns.get(year=2024), acting_user=office, today=dt.date(2025, 3, 3)
    )

    publish_2024(by_name, office)

    do_open_campaign(region=nankai, year=2025, acting_user=office, today=today)
    for name, on in (("南开区政府办公室", dt.date(2026, 2, 25)), ("南开区投资促进局", dt.date(2026, 2, 27))):
        current, clerk, head = report(name, 2025)
        accepted = send(current, clerk, head, on)
        do_accept_submission(accepted, acting_user=office, at=at(on + dt.timedelta(days=1)))
    send_due_reminders(today=today)


CORRECTION = "更正第一部分中政府信息公开申请的答复件数（原文误写）。"


def publish_2024(by_name: dict, office) -> None:
    """The accepted 2024 reports go public after their 保密审查, before 1 April 2025; the
    政府办公室 corrects its report after publication (reopened, approved, sent and accepted again)."""
    for name, reviewed, published in (
        ("南开区政府办公室", dt.date(2025, 3, 10), dt.date(2025, 3, 20)),
        ("南开区教育局", dt.date(2025, 3, 18), dt.date(2025, 3, 31)),
    ):
        unit, clerk, head = by_name[name]
        report = Report.objects.get(unit=unit, year=2024, genre="law")
        do_record_secrecy_review(
            report, reviewer=f"{head.first_name}（保密审查）", reviewed_on=reviewed, acting_user=clerk
        )
        do_publish_report(report, acting_user=head, at=at(published))
    unit, clerk, head = by_name["南开区政府办公室"]
    report = Report.objects.get(unit=unit, year=2024, genre="law")
    do_reopen_report(report, acting_user=head)
    section = report.sections.filter(part="measures").order_by("position").last()
    do_save_section(
        section,
        heading=section.heading,
        text=section.text + "（经核对，以本版本为准。）",
        revision=section.revision,
        acting_user=clerk,
    )
    sent = send(report, clerk, head, dt.date(2025, 4, 8))
    do_accept_submission(sent, acting_user=office, at=at(dt.date(2025, 4, 9)))
    do_record_secrecy_review(
        report, reviewer=f"{head.first_name}（保密审查）", reviewed_on=dt.date(2025, 4, 10), acting_user=clerk
    )
    do_publish_report(report, acting_user=head, reason=CORRECTION, at=at(dt.date(2025, 4, 11)))
