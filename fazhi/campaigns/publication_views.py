"""The unit's 保密审查 and the publish button (the unit's head, or the office: the campaign says)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from fazhi.lib.errors import FazhiError
from fazhi.orgs.access import Need
from fazhi.reports.queries import access_report

from . import publishing


@login_required
@require_POST
def record_review(request, report_id: int):
    report = access_report(request.user, report_id, Need.WRITE)
    try:
        reviewed_on = dt.date.fromisoformat(request.POST.get("reviewed_on", ""))
    except ValueError:
        raise FazhiError("请填写正确的审查日期（如 2025-03-10）。", "bad-date") from None
    publishing.do_record_secrecy_review(
        report, reviewer=request.POST.get("reviewer", ""), reviewed_on=reviewed_on, acting_user=request.user
    )
    messages.success(request, "已登记保密审查。")
    return redirect("reports:edit-report", report_id=report.pk)


@login_required
@require_POST
def publish(request, report_id: int):
    report = access_report(request.user, report_id, Need.PUBLISH)
    publication = publishing.do_publish_report(
        report, reason=request.POST.get("reason", ""), acting_user=request.user
    )
    messages.success(request, f"已公开：{publication}。")
    return redirect(publication)
