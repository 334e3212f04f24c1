"""The real path of a report to the public, for tests: draft, submit, approve (with a reason per
checker error), send, accept, 保密审查, publish; and a correction after publication, through
the same actions (reopen, edit, approve, send, accept, review, publish with a reason).

Every step runs at a given moment (time_machine), so the dates the board counts are known.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth import get_user_model

from fazhi.campaigns.actions import (
    do_accept_submission,
    do_open_campaign,
    do_return_submission,
    do_send_report,
)
from fazhi.campaigns.models import Submission
from fazhi.campaigns.publication_models import Publication
from fazhi.campaigns.publishing import do_publish_report, do_record_secrecy_review
from fazhi.orgs.models import Role, Unit
from fazhi.reports.actions import do_approve_report, do_reopen_report, do_save_section, do_submit_report
from fazhi.reports.models import Report
from fazhi.testing import BaseTestCase

SHANGHAI = ZoneInfo("Asia/Shanghai")


def moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def at(day: dt.date, hour: int = 10):
    return time_machine.travel(moment(day, hour), tick=False)


def person(username: str, kind: str, unit: Unit):
    user = get_user_model().objects.create_user(username, password="Pw-for-tests-1")
    Role.objects.create(user=user, kind=kind, unit=unit)
    return user


def fresh(report: Report) -> Report:
    return Report.objects.get(pk=report.pk)


def approve(report: Report, clerk, head) -> Report:
    do_submit_report(fresh(report), acting_user=clerk)
    do_approve_report(fresh(report), acting_user=head, reasons=BaseTestCase.reasons_for_errors(fresh(report)))
    return fresh(report)


def send(report: Report, clerk, head, on: dt.date) -> Submission:
    with at(on):
        return do_send_report(approve(report, clerk, head), acting_user=clerk)


def accept(submission: Submission, office, on: dt.date) -> None:
    with at(on):
        do_accept_submission(Submission.objects.get(pk=submission.pk), acting_user=office)


def return_(submission: Submission, office, on: dt.date) -> None:
    with at(on):
        do_return_submission(Submission.objects.get(pk=submission.pk), comment="请补充", acting_user=office)


def publish(report: Report, clerk, head, on: dt.date, reason: str = "", *, hour: int = 10) -> Publication:
    """保密审查 on the day, then the head publishes (the campaign's default: units publish)."""
    with at(on, hour):
        do_record_secrecy_review(fresh(report), reviewer="保密员", reviewed_on=on, acting_user=clerk)
        return do_publish_report(fresh(report), acting_user=head, reason=reason)


def correct(
    report: Report, clerk, head, office, *, sent: dt.date, published: dt.date, reason: str
) -> Publication:
    """After publication: reopen, change a section, approve, send, accept, review, publish the correction."""
    with at(sent):
        do_reopen_report(fresh(report), acting_user=head)
        section = fresh(report).sections.order_by("position").last()
        do_save_section(
            section,
            heading=section.heading,
            text=section.text + "（经核对，以本版本为准。）",
            revision=section.revision,
            acting_user=clerk,
        )
    accept(send(report, clerk, head, sent), office, sent)
    return publish(report, clerk, head, published, reason=reason)


D = dt.date


class SmallCampaign(BaseTestCase):
    """A 南开 2024 campaign of six units (send by 28 February, publish by 31 March 2025), every
    step through the real actions. By hand, on TODAY (Monday 14 April 2025):

    | unit | sent | office | published (Beijing time) | publication |
    |---|---|---|---|---|
    | 甲局 | 20 Feb | accepted 24 Feb | 20 Mar; corrected 11 Apr | on time, 1 correction |
    | 乙局 | 25 Feb | accepted 26 Feb | 7 Apr | 7 calendar days late (1–7 April; only 4 working days: 4 April is 清明) |
    | 丁局 | 5 Mar (3 working days late) | accepted 6 Mar | 31 Mar 23:00 | on time, the last day |
    | 庚局 | 21 Feb | accepted 24 Feb | 1 Apr 07:00 (31 Mar 23:00 UTC) | 1 day late: the Beijing date counts |
    | 戊局 | never | — | never | not published, 14 days late so far |
    | 己局 | 26 Feb, returned 27 Feb, again 3 Mar | accepted 4 Mar | never | not published, 14 days late so far |

    6 units; published 4 (公开率 66.7%); on time 2, 甲局 and 丁局 (按时公开率 33.3%); 2 past the
    date unpublished; 1 corrected.
    """

    TODAY = D(2025, 4, 14)
    REASON = "更正第三部分的文字错误。"

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        people = {
            "甲局": (cls.unit_a, cls.zhang, cls.li),
            "乙局": (cls.unit_b, cls.wang, person("zhao", Role.Kind.HEAD, cls.unit_b)),
        }
        for name in ("丁局", "庚局", "戊局", "己局"):
            unit = Unit.objects.create(name=name, region=cls.region1)
            people[name] = (
                unit,
                person(f"clerk-{unit.pk}", Role.Kind.CLERK, unit),
                person(f"head-{unit.pk}", Role.Kind.HEAD, unit),
            )
        cls.people = people
        with at(D(2025, 1, 6)):
            cls.campaign = do_open_campaign(region=cls.region1, year=2024, acting_user=cls.han)

        def report(name: str) -> Report:
            return Report.objects.get(unit=people[name][0], year=2024, genre="law")

        def sent(name: str, on: dt.date) -> Submission:
            return send(report(name), *people[name][1:], on)

        def published(name: str, on: dt.date, hour: int = 10) -> Publication:
            return publish(report(name), *people[name][1:], on, hour=hour)

        accept(sent("甲局", D(2025, 2, 20)), cls.han, D(2025, 2, 24))
        accept(sent("乙局", D(2025, 2, 25)), cls.han, D(2025, 2, 26))
        accept(sent("丁局", D(2025, 3, 5)), cls.han, D(2025, 3, 6))
        accept(sent("庚局", D(2025, 2, 21)), cls.han, D(2025, 2, 24))
        return_(sent("己局", D(2025, 2, 26)), cls.han, D(2025, 2, 27))
        accept(sent("己局", D(2025, 3, 3)), cls.han, D(2025, 3, 4))
        published("甲局", D(2025, 3, 20))
        published("乙局", D(2025, 4, 7))
        published("丁局", D(2025, 3, 31), hour=23)
        published("庚局", D(2025, 4, 1), hour=7)
        correct(
            report("甲局"),
            cls.zhang,
            cls.li,
            cls.han,
            sent=D(2025, 4, 8),
            published=D(2025, 4, 11),
            reason=cls.REASON,
        )
