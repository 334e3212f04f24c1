"""The unit's 政府信息公开工作年度报告 page: the three tables from its records (each cell links to the
records behind it), every identity checked, the year's entries, and the report's downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.disclosurecheck.tables import TABLE2_CELLS
from fazhi.lib.downloads import download_response
from fazhi.lib.years import year_in_path
from fazhi.orgs.access import Need, access_unit, allows
from fazhi.reports.actions import do_create_report
from fazhi.reports.models import Report
from fazhi.reports.queries import document_to_download
from fazhi.reports.render import render_docx, render_html

from . import actions
from .forms import DisclosureYearForm
from .queries import disclosure_report

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def disclosure_page(request, unit_id: int, year: int):
    unit = access_unit(request.user, unit_id)
    report = disclosure_report(unit, year_in_path(year))
    entry = report.computed.entered
    tables = [
        {
            "table": table,
            "headers": [table.column_label(c.code) for c in table.columns],
            "rows": _grid(table, report),
        }
        for table in report.tables
    ]
    return render(
        request,
        "disclosure/disclosure_page.html",
        {
            "unit": unit,
            "year": year,
            "report": report,
            "tables": tables,
            "form": DisclosureYearForm(instance=entry),
            "can_write": allows(request.user, unit.pk, Need.WRITE),
        },
    )


def _grid(table, report) -> list[dict]:
    """Each row with its cells: the value, whether records are behind it (a link), or no cell
    at all where the format has none (table 2)."""
    rows = []
    for row in table.rows:
        cells = []
        for column in table.columns:
            if table.number == 2 and column.code not in TABLE2_CELLS[row.code]:
                cells.append(None)
                continue
            counted = (table.number, row.code, column.code) in report.computed.records
            cells.append(
                {"column": column.code, "value": table.get(row.code, column.code), "counted": counted}
            )
        rows.append({"row": row, "cells": cells})
    return rows


@login_required
def disclosure_cell(request, unit_id: int, year: int, table: int, row: str, column: str):
    """The records one cell of a table counts."""
    unit = access_unit(request.user, unit_id)
    report = disclosure_report(unit, year_in_path(year))
    records = report.computed.records.get((table, row, column))
    if records is None:
        raise Http404("这一格没有对应的台账记录。")
    grid = {2: report.tables.table2, 3: report.tables.table3, 4: report.tables.table4}[table]
    return render(
        request,
        "disclosure/disclosure_cell.html",
        {
            "unit": unit,
            "year": year,
            "table": grid,
            "row_label": grid.row_label(row),
            "column_label": grid.column_label(column),
            "records": records,
        },
    )


@login_required
@require_POST
def disclosure_year_save(request, unit_id: int, year: int):
    unit = access_unit(request.user, unit_id, Need.WRITE)
    form = DisclosureYearForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "填报数据有误：" + "；".join(e for errors in form.errors.values() for e in errors)
        )
        return redirect("disclosure:show-disclosure", unit_id=unit.pk, year=year)
    actions.do_save_disclosure_year(
        unit=unit, year=year_in_path(year), data=form.cleaned_data, acting_user=request.user
    )
    messages.success(request, f"已保存{year}年政府信息公开年度数据。")
    return redirect("disclosure:show-disclosure", unit_id=unit.pk, year=year)


@login_required
@require_POST
def disclosure_write(request, unit_id: int, year: int):
    """The unit's report text: opened in the report editor, drafted first if there is none."""
    unit = access_unit(request.user, unit_id, Need.WRITE)
    year = year_in_path(year)
    stored = Report.objects.filter(unit=unit, year=year, genre="disclosure").first()
    if stored is None:
        stored = do_create_report(unit=unit, year=year, genre="disclosure", acting_user=request.user)
        messages.success(
            request, f"已生成{year}年政府信息公开工作年度报告草稿：表格由台账计算，请撰写各部分文字。"
        )
    return redirect("reports:edit-report", report_id=stored.pk)


@login_required
def disclosure_download(request, unit_id: int, year: int, fmt: str):
    """The approved version once approved, else the draft (marked 草稿); a fresh draft before
    the unit has written anything."""
    unit = access_unit(request.user, unit_id)
    year = year_in_path(year)
    stored = Report.objects.filter(unit=unit, year=year, genre="disclosure").first()
    document, number = (
        document_to_download(stored) if stored else (disclosure_report(unit, year).document(), 0)
    )
    if fmt == "html":
        return render(
            request, "reports/preview.html", {"document": document, "article": render_html(document)}
        )
    if fmt != "docx":
        return HttpResponse("不支持的格式", status=404)
    name = f"{document.title}（第{number}版）.docx" if number else f"{document.title}（草稿）.docx"
    return download_response(render_docx(document), content_type=DOCX, filename=name)
