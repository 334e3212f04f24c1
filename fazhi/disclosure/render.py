"""The 政府信息公开工作年度报告 as a document: six parts in the uniform format, tables 2, 3 and 4
after their parts, rendered with the annual report's 公文 renderers (.docx and HTML)."""

from __future__ import annotations

from functools import partial
from html import escape

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt

from fazhi.disclosurecheck.tables import (
    APPLICANTS,
    GROUPS,
    OUTCOMES,
    TABLE2_CELLS,
    TABLE4_GROUPS,
    Table,
    Tables,
)
from fazhi.reports.compose import cn
from fazhi.reports.document import DocPart, Document
from fazhi.reports.render import render_html as _render_html
from fazhi.reports.render.docx import render_docx as _render_docx

PARTS = (
    ("overview", "总体情况"),
    ("proactive", "主动公开政府信息情况"),
    ("requests", "收到和处理政府信息公开申请情况"),
    ("cases", "政府信息公开行政复议、行政诉讼情况"),
    ("problems", "存在的主要问题及改进情况"),
    ("other", "其他需要报告的事项"),
)
TABLE_OF_PART = {"proactive": 2, "requests": 3, "cases": 4}


def report_title(unit_name: str, year: int) -> str:
    return f"{unit_name}{year}年政府信息公开工作年度报告"


def overview_text(tables: Tables, year: int) -> str:
    """Part 一's figures in words, from the tables (the unit writes the rest around them)."""
    t3, t4 = tables.table3, tables.table4
    total = t3.get("new", "total")
    public = t3.get("public", "total") + t3.get("partial", "total")
    cases = sum(t4.get("cases", f"{group}.total") for group, _ in TABLE4_GROUPS)
    return (
        f"{year}年，本机关共收到政府信息公开申请{total}件，上年结转{t3.get('carried_in', 'total')}件；"
        f"办结{t3.get('results_total', 'total')}件，其中予以公开和部分公开{public}件，"
        f"结转下年度继续办理{t3.get('carried_out', 'total')}件。"
        f"发生政府信息公开行政复议、行政诉讼{cases}件。"
    )


def build_document(unit_name: str, year: int, texts: dict[str, str], signed_on=None) -> Document:
    parts = [
        DocPart(
            kind, f"{cn(n)}、", heading, [line for line in texts.get(kind, "").splitlines() if line.strip()]
        )
        for n, (kind, heading) in enumerate(PARTS, 1)
    ]
    return Document(report_title(unit_name, year), unit_name, [], parts, signed_on)


# -- the tables as rows of cells: (text, column span, row span) ----------------------------------

Cell = tuple[str, int, int]


def table_rows(table: Table) -> list[list[Cell]]:
    """The printed layout: header rows with merged cells, then one row per table row."""
    if table.number == 2:
        return _table2_rows(table)
    if table.number == 3:
        return _table3_rows(table)
    return _table4_rows(table)


def _value(value) -> str:
    return format(value, "f").rstrip("0").rstrip(".") if not isinstance(value, int) else str(value)


def _table2_rows(table: Table) -> list[list[Cell]]:
    rows: list[list[Cell]] = [
        [("信息内容", 1, 1), ("本年制发件数", 1, 1), ("本年废止件数", 1, 1), ("现行有效件数", 1, 1)]
    ]
    for code in ("rules", "normdocs"):
        rows.append(
            [(table.row_label(code), 1, 1), *((_value(table.get(code, c)), 1, 1) for c in TABLE2_CELLS[code])]
        )
    rows.append([("信息内容", 1, 1), ("本年处理决定数量", 3, 1)])
    for code in ("permits", "penalties", "enforcement"):
        rows.append([(table.row_label(code), 1, 1), (_value(table.get(code, "decisions")), 3, 1)])
    rows.append([("信息内容", 1, 1), ("本年收费金额（单位：万元）", 3, 1)])
    rows.append([(table.row_label("fees"), 1, 1), (_value(table.get("fees", "amount")), 3, 1)])
    return rows


def _table3_rows(table: Table) -> list[list[Cell]]:
    rows: list[list[Cell]] = [
        [
            ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 1, 3),
            ("申请人情况", 7, 1),
        ],
        [("自然人", 1, 2), (GROUPS["organisation"], 5, 1), ("总计", 1, 2)],
        [(c.label, 1, 1) for c in APPLICANTS if c.parent],
    ]
    for row in table.rows:
        label = row.label if row.code not in ("public",) else f"三、本年度办理结果\n{row.label}"
        rows.append([(label, 1, 1), *((_value(table.get(row.code, c.code)), 1, 1) for c in table.columns)])
    return rows


def _table4_rows(table: Table) -> list[list[Cell]]:
    outcomes = [(label, 1, 1) for _, label in OUTCOMES]
    return [
        [(TABLE4_GROUPS[0][1], 5, 2), ("行政诉讼", 10, 1)],
        [("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)],
        outcomes * 3,
        [(_value(table.get("cases", c.code)), 1, 1) for c in table.columns],
    ]


TEXT_WIDTH_MM = 156  # the 公文 type area
LABEL_MM = {2: 48, 3: 52, 4: 0}  # the row-label column; table 4 has none
TABLE_FONT = {2: Pt(10.5), 3: Pt(10.5), 4: Pt(9)}


def _docx_table(word, table: Table) -> None:
    rows = table_rows(table)
    width = max(sum(span for _t, span, _r in row) for row in rows)
    label = LABEL_MM[table.number]
    widths = (
        [Mm(label)] + [Mm((TEXT_WIDTH_MM - label) / (width - 1))] * (width - 1)
        if label
        else [Mm(TEXT_WIDTH_MM / width)] * width
    )
    grid = word.add_table(rows=0, cols=width)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    grid._tbl.tblPr.append(
        parse_xml(
            f"<w:tblBorders {nsdecls('w')}>"
            + "".join(
                f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders>"
        )
    )
    for column, column_width in zip(grid.columns, widths, strict=True):
        column.width = column_width  # the grid LibreOffice and WPS lay out by
    placed = _place(rows)
    for _ in rows:
        grid.add_row()
    for r, c, text, span, down in placed:
        cell = grid.cell(r, c)
        if span > 1 or down > 1:
            cell = cell.merge(grid.cell(r + down - 1, c + span - 1))
        cell.text = text
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row.cells):
            cell.width = widths[c]
            for paragraph in cell.paragraphs:
                fmt = paragraph.paragraph_format
                fmt.first_line_indent = Pt(0)
                fmt.line_spacing = 1.0
                fmt.space_before = fmt.space_after = Pt(0)
                label_cell = c == 0 and label and r >= (3 if table.number == 3 else 0)
                fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT if label_cell else WD_ALIGN_PARAGRAPH.CENTER
                for run in paragraph.runs:
                    run.font.size = TABLE_FONT[table.number]


def _place(rows: list[list[Cell]]) -> list[tuple[int, int, str, int, int]]:
    """Each cell at its grid position, skipping the places cells above cover (row spans)."""
    covered: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(rows):
        c = 0
        for text, span, down in row:
            while (r, c) in covered:
                c += 1
            out.append((r, c, text, span, down))
            covered |= {(r + k, c + j) for k in range(down) for j in range(span)}
            c += span
    return out


def render_docx(document: Document, tables: Tables) -> bytes:
    inserters = {
        kind: partial(_insert, getattr(tables, f"table{number}")) for kind, number in TABLE_OF_PART.items()
    }
    return _render_docx(document, inserters)


def _insert(table: Table, word) -> None:
    _docx_table(word, table)


def _html_table(table: Table) -> str:
    out = [f'<table class="gongwen-table" data-table="{table.number}">']
    for row in table_rows(table):
        cells = "".join(
            f'<td colspan="{span}" rowspan="{down}">{escape(text).replace(chr(10), "<br>")}</td>'
            for text, span, down in row
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return "\n".join(out)


def render_html(document: Document, tables: Tables) -> str:
    return _render_html(
        document,
        {kind: _html_table(getattr(tables, f"table{number}")) for kind, number in TABLE_OF_PART.items()},
    )
