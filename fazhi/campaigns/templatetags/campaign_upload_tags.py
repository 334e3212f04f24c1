"""Reports written outside the platform on two existing pages: the head's file form in the editor's
campaign panel, and the office's bulk upload on the board (``uploads.py``)."""

from __future__ import annotations

from django import template
from django.conf import settings

from fazhi.orgs.access import Need, allows, scope_for
from fazhi.reports.models import Report

from ..queries import campaign_of_report
from ..upload_models import ReportFile
from ..uploads import MAX_FILES, OPEN_TO_FILE, upload_progress

register = template.Library()


def _user(context):
    request = getattr(context, "request", None) or context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("campaigns/_send_file_form.html", takes_context=True)
def send_file_form(context, report: Report) -> dict:
    """Only the head sends a file: no head approved a draft here, sending it is the approval."""
    participant = campaign_of_report(report)
    files = ReportFile.objects.filter(submission__participant=participant) if participant else []
    return {
        "report": report,
        "can_send_file": participant is not None
        and report.genre == "law"  # the other genre's tables come from the records, never a file
        and report.status in OPEN_TO_FILE
        and allows(_user(context), report.unit_id, Need.APPROVE),
        "files": {f.submission_id: f for f in files},
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("campaigns/_upload_panel.html", takes_context=True)
def upload_panel(context, campaign) -> dict:
    if campaign.genre != "law" or not scope_for(_user(context)).allows_region(
        campaign.region_id, Need.SUPERVISE
    ):
        return {"shown": False}
    return {
        "shown": True,
        "csrf_token": context.get("csrf_token"),
        "max_files": MAX_FILES,
        "max_mb": settings.FAZHI_MAX_UPLOAD_BYTES // (1024 * 1024),
        **upload_progress(campaign),
    }
