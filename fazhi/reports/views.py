"""Report pages: list, draft, the editor with live checks (htmx), review, versions, downloads."""

from __future__ import annotations

import difflib
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.indicators import get as get_indicator
from fazhi.lib.errors import FazhiError
from fazhi.orgs.queries import access_unit, can_write_unit, list_units_for_user
from fazhi.records.forms import recent_years

from . import actions, queries
from .checking import check_document
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
    writable = [u for u in units if can_write_unit(request.user, u.pk)]
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
        unit = access_unit(request.user, int(request.POST.get("unit", 0)))
        year = int(request.POST.get("year", 0))
        report = actions.do_create_report(unit=unit, year=year, acting_user=request.user)
    except (ValueError, FazhiError) as exc:
        messages.error(request, getattr(exc, "message", "请选择单位和年度。"))
        return redirect("reports:list-reports")
    messages.success(request, f"已根据台账生成{report.year}年度报告草稿。")
    return redirect("reports:edit-report", report_id=report.pk)


def _editor_context(request, report: Report) -> dict:
    sections = list(report.sections.all())
    numbers = section_numbers(sections)
    document = queries.document_of(report)
    findings = check_document(document, unit_id=report.unit_id, year=report.year)
    stale = queries.stale_figures(report)
    rows = []
    for section, number in zip(sections, numbers, strict=True):
        rows.append(_section_row(report, section, number, findings, stale))
    parts = [
        (kind, f"{cn(n)}、{part_heading(kind, report.year)}", [r for r in rows if r["section"].part == kind])
        for n, kind in enumerate(PART_ORDER, 1)
    ]
    can_write = can_write_unit(request.user, report.unit_id)
    return {
        "report": report,
        "unit": report.unit,
        "parts": parts,
        "findings": findings,
        "document": document,
        "stale_count": sum(len(v) for v in stale.values()),
        "editable": report.is_editable and can_write,
        "can_write": can_write,
        "is_head": request.user.has_perm("orgs.approve_unit_report", report.unit),
        "versions": report.versions.order_by("-number"),
        "events": report.events.select_related("actor"),
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
    report = queries.access_report(request.user, report_id)
    section = queries.access_section(request.user, report, section_id)
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
    except FazhiError as exc:
        return HttpResponse(exc.message, status=403 if exc.code == "forbidden" else 409)
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
    section = queries.access_section(request.user, report, section_id)
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
    report = queries.access_report(request.user, report_id)
    _act(
        request,
        lambda: actions.do_save_preamble(report, text=request.POST.get("text", ""), acting_user=request.user),
        "开头语已保存。",
    )
    return redirect("reports:edit-report", report_id=report.pk)


def _act(request, step, success: str) -> bool:
    try:
        step()
    except FazhiError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


@login_required
@require_POST
def report_refresh(request, report_id: int):
    report = queries.access_report(request.user, report_id)
    _act(
        request,
        lambda: actions.do_refresh_figures(report, acting_user=request.user),
        "已按台账更新报告中的数据。",
    )
    return redirect("reports:edit-report", report_id=report.pk)


@login_required
@require_POST
def report_transition(request, report_id: int, action: str):
    report = queries.access_report(request.user, report_id)
    steps = {
        "submit": (
            lambda: actions.do_submit_report(report, acting_user=request.user),
            "报告已提交主要负责人审定。",
        ),
        "approve": (
            lambda: actions.do_approve_report(report, acting_user=request.user),
            "报告已审定，已生成新版本。",
        ),
        "return": (
            lambda: actions.do_return_report(
                report, comment=request.POST.get("comment", ""), acting_user=request.user
            ),
            "报告已退回修改。",
        ),
        "reopen": (
            lambda: actions.do_reopen_report(report, acting_user=request.user),
            "报告已转为草稿，可以修改。",
        ),
    }
    if action not in steps:
        return HttpResponse(status=404)
    _act(request, *steps[action])
    return redirect("reports:edit-report", report_id=report.pk)


@login_required
def report_download(request, report_id: int, fmt: str):
    report = queries.access_report(request.user, report_id)
    if fmt not in FORMATS:
        return HttpResponse("不支持的格式", status=404)
    number = request.GET.get("version")
    if number:
        document = queries.document_from_json(
            queries.access_version(request.user, report, int(number)).document
        )
    else:
        document = queries.document_of(report)
    content_type, renderer = FORMATS[fmt]
    response = HttpResponse(renderer(document), content_type=content_type)
    if fmt != "html":
        filename = f"{document.title}{'（第' + number + '版）' if number else ''}.{fmt}"
        response["Content-Disposition"] = (
            f"attachment; filename=\"report.{fmt}\"; filename*=UTF-8''{quote(filename)}"
        )
    return response


@login_required
def version_show(request, report_id: int, number: int):
    report = queries.access_report(request.user, report_id)
    version = queries.access_version(request.user, report, number)
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
    old = queries.access_version(request.user, report, a)
    new_lines = (
        queries.document_from_json(queries.access_version(request.user, report, b).document).lines()
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
