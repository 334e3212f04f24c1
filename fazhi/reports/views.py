"""Report pages: list, draft, the editor with live checks (htmx), review, versions, downloads."""

from __future__ import annotations

import difflib
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.indicators import get as get_indicator
from fazhi.lib.downloads import download_response
from fazhi.lib.errors import FazhiError
from fazhi.lib.params import parse_int
from fazhi.lib.years import FIRST_YEAR, LAST_YEAR, recent_years
from fazhi.orgs.access import Need, access_unit, allows
from fazhi.orgs.queries import list_units_for_user
from fazhi.records.figures import figures_by_code

from . import actions, genres, hooks, queries
from .checking import finding_json, findings_of
from .compose import SectionView, section_numbers
from .models import Report
from .render import render_docx, render_html, render_txt
from .uploads import read_upload

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
            "genres": genres.CHOICES,
        },
    )


@login_required
@require_POST
def report_create(request):
    unit_id = parse_int(request.POST.get("unit"), "单位")
    year = parse_int(request.POST.get("year"), "年度")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FazhiError(f"年度“{year}”超出范围（{FIRST_YEAR}—{LAST_YEAR}年）。", "bad-year")
    genre = request.POST.get("genre") or "law"
    if genre not in dict(genres.CHOICES):
        raise FazhiError(f"未知的报告类别“{genre}”。", "unknown-genre")
    unit = access_unit(request.user, unit_id, Need.WRITE)
    report = actions.do_create_report(unit=unit, year=year, acting_user=request.user, genre=genre)
    messages.success(request, f"已根据台账生成{report}草稿。")
    return redirect("reports:edit-report", report_id=report.pk)


def _editor_context(request, report: Report) -> dict:
    sections = list(report.sections.all())
    views = [SectionView(s.part, s.heading, s.text, s.is_body) for s in sections]
    document = queries.document_of(report, sections=views)
    findings = findings_of(report, document)
    ledger = figures_by_code(report.unit_id, report.year)
    notes = hooks.notes_for_sections(report)
    conflicts = queries.open_conflicts(report)
    rows = [
        _section_row(report, section, number, findings, ledger)
        | {"notes": notes.get(section.key, []), "conflicts": conflicts.get(section.pk, [])}
        for section, number in zip(sections, section_numbers(views), strict=True)
    ]
    numbered = {kind: f"{part.number}" for kind, part in ((p.kind, p) for p in document.parts)}
    tables = {p.kind: p.tables for p in document.parts}
    parts = []
    for kind in report.kind.parts:
        own = [r for r in rows if r["section"].part == kind]
        if kind not in numbered and not own:
            continue
        parts.append(
            {
                "kind": kind,
                "number": numbered.get(kind, ""),
                "heading": report.part_headings.get(kind) or report.kind.heading(kind, report.year),
                "body": next((r for r in own if r["section"].is_body), None),
                "tables": tables.get(kind, []),
                "sections": [r for r in own if not r["section"].is_body],
            }
        )
    return {
        "report": report,
        "unit": report.unit,
        "parts": parts,
        "findings": findings,
        "errors": [finding_json(f) for f in findings.error_list],
        "document": document,
        "stale_count": sum(1 for r in rows for f in r["figures"] if f["differs"]),
        "versions": report.versions.order_by("-number"),
        "events": report.events.select_related("actor"),
        "panels": hooks.editor_panels(),
    }


def _section_row(report, section, number, findings, ledger) -> dict:
    figures = []
    for code, value in section.stated.items():
        indicator = get_indicator(code)
        url = reverse("records:list-records", args=[report.unit_id, indicator.kinds[0]])
        figures.append(
            {
                "indicator": indicator,
                "value": value,
                "ledger": ledger.get(code),
                "differs": ledger.get(code) is not None and ledger.get(code) != value,
                "url": f"{url}?year={report.year}&indicator={code}",
            }
        )
    return {
        "section": section,
        "number": number,
        "figures": figures,
        "findings": findings.by_section.get((section.part, number), []) if number else [],
    }


@login_required
def report_edit(request, report_id: int):
    report = queries.access_report(request.user, report_id)
    return render(request, "reports/report_edit.html", _editor_context(request, report))


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _section_answer(request, report: Report, section_id: int, *, status: int = 200, message: str = ""):
    """What the autosaving editor gets back: the section's new revision and its figures,
    findings and conflicts as HTML to put in place."""
    context = _editor_context(request, report)
    row = next(
        (
            r
            for part in context["parts"]
            for r in [part["body"], *part["sections"]]
            if r and r["section"].pk == section_id
        ),
        None,
    )
    if row is None:
        return JsonResponse({"ok": False, "message": "这一段已被删除，请刷新页面。"}, status=409)
    fragment = partial(render_to_string, request=request)
    return JsonResponse(
        {
            "ok": status == 200,
            "message": message,
            "revision": row["section"].revision,
            "saved_at": timezone.localtime(row["section"].updated_at).strftime("%H:%M:%S"),
            "figures": fragment("reports/_figures.html", context | {"row": row}),
            "findings": fragment(
                "reports/_findings.html", {"findings": row["findings"], "section_id": section_id}
            ),
            "conflicts": fragment("reports/_conflicts.html", context | {"row": row}),
            "error_count": context["findings"].errors,
        },
        status=status,
    )


@login_required
@require_POST
def section_save(request, report_id: int, section_id: int):
    report = queries.access_report(request.user, report_id, Need.WRITE)
    section = queries.section_of(report, section_id)
    try:
        actions.do_save_section(
            section,
            heading=request.POST.get("heading", section.heading),
            text=request.POST.get("text", ""),
            revision=parse_int(request.POST.get("revision"), "修订号"),
            acting_user=request.user,
        )
    except actions.StaleEdit as exc:
        if _wants_json(request):
            return _section_answer(request, report, section.pk, status=409, message=exc.message)
        messages.error(request, exc.message)
        return redirect(_at(report, section.pk))
    if _wants_json(request):
        return _section_answer(request, report, section.pk)
    messages.success(request, "已保存。")
    return redirect(_at(report, section.pk))


def _at(report: Report, section_id: int) -> str:
    return reverse("reports:edit-report", args=[report.pk]) + f"#section-{section_id}"


@login_required
@require_POST
def preamble_save(request, report_id: int):
    """The preamble and the parts' headings (one form, autosaved like the sections)."""
    report = queries.access_report(request.user, report_id, Need.WRITE)
    headings = {
        kind: request.POST[f"part-{kind}"] for kind in report.kind.parts if f"part-{kind}" in request.POST
    }
    try:
        actions.do_save_preamble(
            report,
            text=request.POST.get("text", ""),
            headings=headings,
            revision=parse_int(request.POST.get("revision"), "修订号"),
            acting_user=request.user,
        )
    except actions.StaleEdit as exc:
        if _wants_json(request):
            return JsonResponse({"ok": False, "message": exc.message}, status=409)
        raise
    if _wants_json(request):
        return JsonResponse(
            {"ok": True, "revision": report.revision, "saved_at": timezone.localtime().strftime("%H:%M:%S")}
        )
    messages.success(request, "开头语和部分标题已保存。")
    return redirect("reports:edit-report", report_id=report.pk)


@login_required
@require_POST
def section_add(request, report_id: int):
    report = queries.access_report(request.user, report_id, Need.WRITE)
    section = actions.do_add_section(
        report,
        part=request.POST.get("part", ""),
        heading=request.POST.get("heading", ""),
        acting_user=request.user,
    )
    return redirect(_at(report, section.pk))


@login_required
@require_POST
def section_move(request, report_id: int, section_id: int, direction: str):
    report = queries.access_report(request.user, report_id, Need.WRITE)
    section = queries.section_of(report, section_id)
    if direction not in ("up", "down"):
        return HttpResponse(status=404)
    actions.do_move_section(section, up=direction == "up", acting_user=request.user)
    return redirect(_at(report, section.pk))


@login_required
@require_POST
def section_delete(request, report_id: int, section_id: int):
    report = queries.access_report(request.user, report_id, Need.WRITE)
    section = queries.section_of(report, section_id)
    actions.do_delete_section(section, acting_user=request.user)
    messages.success(request, f"已删除“{section.heading or '未命名段落'}”（可在修改记录中找回其文字）。")
    return redirect("reports:edit-report", report_id=report.pk)


@login_required
@require_POST
def figure_restate(request, report_id: int, section_id: int):
    """改为台账数 for one figure of one section."""
    report = queries.access_report(request.user, report_id, Need.WRITE)
    section = queries.section_of(report, section_id)
    actions.do_restate_figure(section, code=request.POST.get("code", ""), acting_user=request.user)
    messages.success(request, "已改为台账数。")
    return redirect(_at(report, section.pk))


@login_required
@require_POST
def conflict_resolve(request, report_id: int, conflict_id: int):
    report = queries.access_report(request.user, report_id, Need.WRITE)
    actions.do_resolve_conflict(queries.conflict_of(report, conflict_id), acting_user=request.user)
    return redirect("reports:edit-report", report_id=report.pk)


@login_required
@require_POST
def report_import(request, report_id: int):
    """A report written in Word (.docx, .pdf, .txt) replaces this draft's words."""
    report = queries.access_report(request.user, report_id, Need.WRITE)
    lines = read_upload(request.FILES.get("report_file"))
    _, notes = actions.do_import_report(
        unit=report.unit, year=report.year, lines=lines, acting_user=request.user
    )
    messages.success(request, "已导入报告全文。" + "".join(notes))
    return redirect("reports:edit-report", report_id=report.pk)


@login_required
@require_POST
def report_refresh(request, report_id: int):
    report = queries.access_report(request.user, report_id, Need.WRITE)
    changed = actions.do_refresh_figures(report, acting_user=request.user)
    messages.success(request, f"已按台账更新{changed}段中的数据。")
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
    number = parse_int(request.GET.get("version"), "版本号", default=0)
    if number:
        document = queries.document_from_json(queries.version_of(report, number).document)
    else:
        document, number = queries.document_to_download(report)
    content_type, renderer = FORMATS[fmt]
    if fmt == "html":
        return render(request, "reports/preview.html", {"document": document, "article": renderer(document)})
    filename = f"{document.title}{f'（第{number}版）' if number else '（草稿）'}.{fmt}"
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
