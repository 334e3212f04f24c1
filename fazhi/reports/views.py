"""Report pages: list, draft, the editor with live checks (htmx), review, versions, downloads."""

from __future__ import annotations

import difflib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.indicators import get as get_indicator
from fazhi.lib.downloads import download_response
from fazhi.lib.years import recent_years
from fazhi.orgs.access import Need, access_unit, allows
from fazhi.orgs.queries import list_units_for_user

from . import actions, hooks, queries
from .checking import check_document, finding_json
from .compose import PART_ORDER, cn, figure_sentence, part_heading, section_numbers
from .models import Report
from .render import render_docx, render_html, render_txt

FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", render_docx),
    "html": ("text/html; charset=utf-8", render_html),
    "txt": ("text/plain; charset=utf-8", render_txt),
}


@login_required
def report_list(request):
    units = list_units_for_user(request.user)
    reports = Report.objects.filter(unit__in=units).select_related("unit").order_by("-year", "unit_id")
    years = recent_years(4)
    writable = [u for u in units if allows(request.user, u.pk, Need.WRITE)]
    return render(
        request,
        "reports/report_list.html",
        {
            "reports": reports,
            "writable_units": writable,
            "years": years,
            "default_year": years[1],  # last year's report is the one due
        },
    )


@login_required
@require_POST
def report_create(request):
    try:
        unit_id, year = int(request.POST.get("unit", 0)), int(request.POST.get("year", 0))
    except ValueError:
        messages.error(request, "请选择单位和年度。")
        return redirect("reports:list-reports")
    unit = access_unit(request.user, unit_id, Need.WRITE)
    report = actions.do_create_report(unit=unit, year=year, acting_user=request.user)
    messages.success(request, f"已根据台账生成{report.year}年度报告草稿。")
    return redirect("reports:edit-report", report_id=report.pk)


def _editor_context(request, report: Report) -> dict:
    sections = list(report.sections.all())
    numbers = section_numbers(sections)
    document = queries.document_of(report)
    findings = check_document(document, unit_id=report.unit_id, year=report.year)
    stale = queries.stale_figures(report)
    notes = hooks.notes_for_sections(report)
    rows = []
    for section, number in zip(sections, numbers, strict=True):
        row = _section_row(report, section, number, findings, stale)
        rows.append(row | {"notes": notes.get(section.key, [])})
    parts = [
        (kind, f"{cn(n)}、{part_heading(kind, report.year)}", [r for r in rows if r["section"].part == kind])
        for n, kind in enumerate(PART_ORDER, 1)
    ]
    return {
        "report": report,
        "unit": report.unit,
        "parts": parts,
        "findings": findings,
        "errors": [finding_json(f) for f in findings.error_list],
        "document": document,
        "stale_count": sum(len(v) for v in stale.values()),
        "versions": report.versions.order_by("-number"),
        "events": report.events.select_related("actor"),
        "panels": hooks.editor_panels(),
    }


def _section_row(report, section, number, findings, stale) -> dict:
    figures = []
    for code, value in section.stated.items():
        indicator = get_indicator(code)
        url = reverse("records:list-records", args=[report.unit_id, indicator.kinds[0]])
        figures.append(
            {"indicator": indicator, "value": value, "url": f"{url}?year={report.year}&indicator={code}"}
        )
    return {
        "section": section,
        "number": number,
        "figures": figures,
        "sentence": figure_sentence(section.stated),
        "findings": findings.by_section.get((section.part, number), []) if number else [],
        "stale": stale.get(section.pk, []),
    }


@login_required
def report_edit(request, report_id: int):
    report = queries.access_report(request.user, report_id)
    return render(request, "reports/report_edit.html", _editor_context(request, report))


@login_required
@require_POST
def section_save(request, report_id: int, section_id: int):
    report = queries.access_report(request.user, report_id, Need.WRITE)
    section = queries.section_of(report, section_id)
    conflict = None
    try:
        actions.do_save_section(
            section,
            heading=request.POST.get("heading", section.heading),
            text=request.POST.get("text", ""),
            revision=int(request.POST.get("revision", 0)),
            acting_user=request.user,
        )
    except actions.StaleEdit as exc:
        conflict = {"theirs": exc.section, "mine": exc.mine, "message": exc.message}
        section = exc.section
    context = _editor_context(request, report)
    row = next(r for part in context["parts"] for r in part[2] if r["section"].pk == section.pk)
    return render(
        request,
        "reports/_section.html",
        context | {"row": row, "conflict": conflict, "saved": conflict is None},
    )


@login_required
@require_POST
def section_check(request, report_id: int, section_id: int):
    """The checker on the words being typed, before they are saved (nothing is written)."""
    report = queries.access_report(request.user, report_id)
    section = queries.section_of(report, section_id)
    views = queries.section_views(
        report,
        replacing=section,
        heading=request.POST.get("heading", section.heading),
        text=request.POST.get("text", ""),
    )
    findings = check_document(
        queries.document_of(report, sections=views), unit_id=report.unit_id, year=report.year
    )
    number = section_numbers(views)[[s.pk for s in report.sections.all()].index(section.pk)]
    return render(
        request,
        "reports/_findings.html",
        {
            "findings": findings.by_section.get((section.part, number), []) if number else [],
            "section_id": section.pk,
        },
    )


@login_required
@require_POST
def preamble_save(request, report_id: int):
    report = queries.access_report(request.user, report_id, Need.WRITE)
    actions.do_save_preamble(report, text=request.POST.get("text", ""), acting_user=request.user)
    messages.success(request, "开头语已保存。")
    return redirect("reports:edit-report", report_id=report.pk)


@login_required
@require_POST
def report_refresh(request, report_id: int):
    report = queries.access_report(request.user, report_id, Need.WRITE)
    actions.do_refresh_figures(report, acting_user=request.user)
    messages.success(request, "已按台账更新报告中的数据。")
    return redirect("reports:edit-report", report_id=report.pk)


def reasons_from(post) -> dict[str, str]:
    """The head's reason for each remaining error, posted as ``reason-<finding key>``."""
    return {name.removeprefix("reason-"): value for name, value in post.items() if name.startswith("reason-")}


TRANSITIONS = {
    "submit": (actions.do_submit_report, "报告已提交主要负责人审定。"),
    "approve": (actions.do_approve_report, "报告已审定，已生成新版本。"),
    "return": (actions.do_return_report, "报告已退回修改。"),
    "reopen": (actions.do_reopen_report, "报告已转为草稿，可以修改。"),
}


@login_required
@require_POST
def report_transition(request, report_id: int, action: str):
    report = queries.access_report(request.user, report_id)
    if action not in TRANSITIONS:
        return HttpResponse(status=404)
    step, success = TRANSITIONS[action]
    options: dict = {}
    if action == "return":
        options["comment"] = request.POST.get("comment", "")
    if action == "approve":
        options["reasons"] = reasons_from(request.POST)
    step(report, acting_user=request.user, **options)
    messages.success(request, success)
    return redirect("reports:edit-report", report_id=report.pk)


@login_required
def report_download(request, report_id: int, fmt: str):
    report = queries.access_report(request.user, report_id)
    if fmt not in FORMATS:
        return HttpResponse("不支持的格式", status=404)
    number = request.GET.get("version")
    if number:
        document = queries.document_from_json(queries.version_of(report, int(number)).document)
    else:
        document = queries.document_of(report)
    content_type, renderer = FORMATS[fmt]
    if fmt == "html":
        return HttpResponse(renderer(document), content_type=content_type)
    filename = f"{document.title}{'（第' + number + '版）' if number else ''}.{fmt}"
    return download_response(renderer(document), content_type=content_type, filename=filename)


@login_required
def version_show(request, report_id: int, number: int):
    report = queries.access_report(request.user, report_id)
    version = queries.version_of(report, number)
    document = queries.document_from_json(version.document)
    return render(
        request,
        "reports/version_show.html",
        {
            "report": report,
            "version": version,
            "article": render_html(document),
            "versions": report.versions.order_by("-number"),
        },
    )


@login_required
def version_diff(request, report_id: int):
    report = queries.access_report(request.user, report_id)
    try:
        a, b = int(request.GET.get("a", 0)), int(request.GET.get("b", 0))
    except ValueError:
        a = b = 0
    old = queries.version_of(report, a)
    new_lines = (
        queries.document_from_json(queries.version_of(report, b).document).lines()
        if b
        else queries.document_of(report).lines()
    )
    old_lines = queries.document_from_json(old.document).lines()
    rows = []
    for line in difflib.ndiff(old_lines, new_lines):
        if line.startswith("? "):
            continue
        rows.append({"-": "removed", "+": "added"}.get(line[0], "same") + "|" + line[2:])
    return render(
        request,
        "reports/version_diff.html",
        {
            "report": report,
            "a": a,
            "b": b,
            "rows": [r.split("|", 1) for r in rows],
            "versions": report.versions.order_by("-number"),
        },
    )
