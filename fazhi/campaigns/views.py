"""The office's pages (campaigns, the board, a sent report's review) and the unit's send button."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.indicators import get as get_indicator
from fazhi.lib.downloads import download_response
from fazhi.orgs.access import Need, scope_for
from fazhi.orgs.queries import list_regions_supervised
from fazhi.records.figures import figures_by_code
from fazhi.reports.queries import access_report, document_from_json

from . import actions, bulletin, exports, queries
from .forms import OpenCampaignForm


@login_required
def campaign_list(request):
    regions = list_regions_supervised(request.user)
    form = OpenCampaignForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        campaign = actions.do_open_campaign(
            region=data["region"],
            year=data["year"],
            submit_due=data["submit_due"],
            draft_due=data["draft_due"],
            genre=data["genre"] or "law",
            acting_user=request.user,
        )
        messages.success(request, f"已开启{campaign}，{campaign.participants.count()}个单位参加。")
        return redirect(campaign)
    campaigns = queries.list_campaigns_for_user(request.user)
    return render(
        request, "campaigns/campaign_list.html", {"campaigns": campaigns, "form": form, "regions": regions}
    )


@login_required
def board(request, campaign_id: int):
    campaign = queries.access_campaign(request.user, campaign_id)
    today = timezone.localdate()
    rows = queries.board_rows(campaign, today=today)
    chosen = request.GET.get("state", "")
    shown = [r for r in rows if r.matches(chosen)] if chosen in queries.FILTERS else rows
    return render(
        request,
        "campaigns/board.html",
        {
            "campaign": campaign,
            "rows": shown,
            "counts": queries.board_counts(rows),
            "filters": queries.FILTERS,
            "chosen": chosen,
            "today": today,
            "can_supervise": scope_for(request.user).allows_region(campaign.region_id, Need.SUPERVISE),
        },
    )


@login_required
def board_export(request, campaign_id: int):
    campaign = queries.access_campaign(request.user, campaign_id)
    rows = queries.board_rows(campaign, today=timezone.localdate())
    return download_response(
        exports.board_workbook(campaign, rows), content_type=exports.XLSX, filename=f"{campaign}报送情况.xlsx"
    )


@login_required
def board_zip(request, campaign_id: int):
    campaign = queries.access_campaign(request.user, campaign_id)
    return download_response(
        exports.sent_reports_zip(campaign),
        content_type="application/zip",
        filename=f"{campaign}已报送报告.zip",
    )


@login_required
def board_bulletin(request, campaign_id: int):
    """The draft 通报 (.docx) on the campaign as it stands today: the office edits it in Word."""
    campaign = queries.access_campaign(request.user, campaign_id, Need.SUPERVISE)
    return download_response(
        bulletin.bulletin_docx(campaign, today=timezone.localdate()),
        content_type=bulletin.DOCX,
        filename=f"{bulletin.bulletin_title(campaign)}（草稿）.docx",
    )


@login_required
@require_POST
def remind_late(request, campaign_id: int):
    campaign = queries.access_campaign(request.user, campaign_id, Need.SUPERVISE)
    count = actions.do_remind_late_units(campaign, acting_user=request.user)
    messages.success(request, f"已向{count}个逾期未报单位的填报员和主要负责人发出催报。")
    return redirect(campaign)


@login_required
def review(request, submission_id: int):
    submission = queries.access_submission(request.user, submission_id)
    document = document_from_json(submission.document)
    copied = {c["paragraph"]: c for c in submission.copies}
    ledger = figures_by_code(submission.unit_id, submission.participant.campaign.year)
    stated = [
        {
            "indicator": get_indicator(code),
            "stated": value,
            "ledger": ledger.get(code),
            "url": _records_url(submission, code),
        }
        for code, value in submission.stated.items()
    ]
    can_decide = (
        submission.outcome == submission.Outcome.PENDING
        and request.user.has_perm("orgs.supervise_unit", submission.unit)
        and submission.participant.submissions.order_by("-sent_at", "-id").first() == submission
    )
    return render(
        request,
        "campaigns/review.html",
        {
            "submission": submission,
            "campaign": submission.participant.campaign,
            "document": document,
            "copied": copied,
            "stated": stated,
            "sections": submission.participant.report.sections.all(),
            "history": submission.participant.submissions.select_related("sent_by", "decided_by"),
            "can_decide": can_decide,
        },
    )


def _records_url(submission, code: str) -> str:
    from django.urls import reverse

    indicator = get_indicator(code)
    url = reverse("records:list-records", args=[submission.unit_id, indicator.kinds[0]])
    return f"{url}?year={submission.participant.campaign.year}&indicator={code}"


@login_required
@require_POST
def decide(request, submission_id: int, decision: str):
    submission = queries.access_submission(request.user, submission_id, Need.SUPERVISE)
    if decision == "return":
        notes = {
            name.removeprefix("section-"): value
            for name, value in request.POST.items()
            if name.startswith("section-")
        }
        actions.do_return_submission(
            submission,
            comment=request.POST.get("comment", ""),
            section_comments=notes,
            acting_user=request.user,
        )
        messages.success(request, f"已退回{submission.unit.name}的报告，单位将在编辑页看到意见。")
    elif decision == "accept":
        actions.do_accept_submission(submission, acting_user=request.user)
        messages.success(request, f"已接收{submission.unit.name}的报告。")
    else:
        return redirect(submission)
    return redirect(submission.participant.campaign)


@login_required
@require_POST
def send_report(request, report_id: int):
    report = access_report(request.user, report_id, Need.WRITE)
    actions.do_send_report(report, acting_user=request.user)
    messages.success(request, "报告已报送依法治区办。")
    return redirect("reports:edit-report", report_id=report.pk)
