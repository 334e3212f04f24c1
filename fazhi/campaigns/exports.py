"""The board as an Excel workbook, and every sent report as .docx in one zip."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Font

from fazhi.lib.spreadsheets import inert, workbook_bytes
from fazhi.reports.queries import document_from_json
from fazhi.reports.render import render_docx

from .models import Campaign, Submission
from .queries import BoardRow, board_counts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = [
    ("单位", 30),
    ("状态", 14),
    ("报送期限", 12),
    ("最近报送时间", 18),
    ("逾期工作日", 10),
    ("错误", 8),
    ("警告", 8),
    ("与台账不符", 10),
    ("雷同比例（%）", 12),
    ("退回次数", 10),
    ("最后催报时间", 18),
    ("公开日期", 12),
    ("逾期公开日数（日历日）", 14),
    ("公开后更正次数", 12),
]


def _row(row: BoardRow) -> list:
    def when(value):
        return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""

    return [
        inert(row.participant.unit.name),
        row.status_label + ("（逾期）" if row.late else ""),
        row.due.isoformat(),
        when(row.sent_at),
        row.working_days_late,
        row.errors if row.errors is not None else "",
        row.warnings if row.warnings is not None else "",
        row.ledger_mismatches if row.ledger_mismatches is not None else "",
        row.copied_percent if row.copied_percent is not None else "",
        row.returns,
        when(row.last_reminded),
        _published(row),
        row.days_late_published,
        row.corrections,
    ]


def _published(row: BoardRow) -> str:
    if row.published_on:
        return row.published_on.isoformat()
    return "未公开（逾期）" if row.publish_late else "未公开"


def board_workbook(campaign: Campaign, rows: list[BoardRow]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "报送情况"
    ws.append([inert(str(campaign))])
    counts = board_counts(rows)
    ws.append(
        [
            f"共{counts.total}个单位；已报送{counts.sent}个（报送率{_pct(counts.sent_rate)}），"
            f"按时报送率{_pct(counts.on_time_rate)}，退回率{_pct(counts.returned_rate)}，"
            f"逾期未报{counts.late}个，已接收{counts.accepted}个；"
            f"已公开{counts.published}个（公开率{_pct(counts.published_rate)}），"
            f"按时公开率{_pct(counts.published_on_time_rate)}，逾期未公开{counts.publish_late}个，"
            f"公开后更正{counts.corrected}个（逾期公开按日历日计）。"
        ]
    )
    ws.append([name for name, _ in COLUMNS])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for index, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[ws.cell(row=3, column=index).column_letter].width = width
    for row in rows:
        ws.append(_row(row))
    ws.freeze_panes = "A4"
    return workbook_bytes(wb)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value}%"


def sent_reports_zip(campaign: Campaign) -> bytes:
    """The latest sending of every unit, rendered as .docx, named by unit."""
    latest: dict[int, Submission] = {}
    sent = (
        Submission.objects.filter(participant__campaign=campaign)
        .select_related("unit")
        .order_by("sent_at", "id")
    )
    for submission in sent:
        latest[submission.participant_id] = submission
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for submission in sorted(latest.values(), key=lambda s: s.unit.name):
            document = document_from_json(submission.document)
            name = f"{submission.unit.name}{campaign.year}年度法治政府建设情况报告.docx"
            archive.writestr(name.replace("/", "／"), render_docx(document))
    return buffer.getvalue()
