"""The campaign panel beside the report editor, and a dict lookup for the review page."""

from __future__ import annotations

from django import template

from fazhi.orgs.access import Need, allows
from fazhi.reports.models import Report

from ..queries import campaign_of_report, latest_returned

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.inclusion_tag("campaigns/_campaign_panel.html", takes_context=True)
def campaign_panel(context, report: Report) -> dict:
    participant = campaign_of_report(report)
    user = context["request"].user
    return {
        "report": report,
        "participant": participant,
        "campaign": participant.campaign if participant else None,
        "submissions": list(participant.submissions.order_by("-sent_at")) if participant else [],
        "returned": latest_returned(report),
        "can_send": participant is not None
        and report.status == Report.Status.APPROVED
        and allows(user, report.unit_id, Need.WRITE),
        "csrf_token": context.get("csrf_token"),
        **_publication(report, participant, user),
    }


def _publication(report: Report, participant, user) -> dict:
    """The 保密审查 and publish forms once the office has accepted; the public page once published."""
    if participant is None:
        return {}
    from fazhi.lib.errors import Refused

    from ..publication_models import SecrecyReview
    from ..publishing import check_publisher

    accepted = report.status == Report.Status.ACCEPTED
    latest = participant.submissions.order_by("-sent_at", "-id").first()
    review = (
        SecrecyReview.objects.filter(report=report, submission=latest).order_by("-recorded_at").first()
        if accepted and latest
        else None
    )
    try:
        check_publisher(participant.campaign, user, report.unit_id)
        may_publish = True
    except Refused:
        may_publish = False
    return {
        "accepted": accepted,
        "review": review,
        "can_review": accepted and allows(user, report.unit_id, Need.WRITE),
        "can_publish": accepted and review is not None and may_publish,
        "published": participant.publications.order_by("-number").first(),
    }
