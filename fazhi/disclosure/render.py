"""The 政府信息公开工作年度报告 as a document: six parts in the uniform format, tables 2, 3 and 4
after their parts, rendered with the annual report's 公文 renderers (.docx and HTML)."""

from __future__ import annotations

from fazhi.disclosurecheck.tables import (
    APPLICANTS,
    GROUPS,
    OUTCOMES,
    TABLE2_CELLS,
    TABLE4_GROUPS,
    Table,
    Tables,
)
from fazhi.reports.document import Cell, DocTable, Document

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


def overview_words(document: Document) -> str:
    """Part 一's words (总体情况), where the report states the tables' figures in text."""
    part = next((p for p in document.parts if p.kind == "overview"), None)
    if part is None:
        return ""
    return "\n".join([*part.paragraphs, *(line for s in part.sections for line in s.paragraphs)])


# -- the tables as rows of cells: (text, column span, row span) ----------------------------------


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


LABEL_MM = {2: 48, 3: 52, 4: 0}  # the row-label column; table 4 has none
LABEL_FROM = {2: 0, 3: 3, 4: 0}  # the first row whose first cell is a row label
TABLE_FONT = {2: 10.5, 3: 10.5, 4: 9.0}


def doc_table(table: Table) -> DocTable:
    n = table.number
    return DocTable(str(n), table_rows(table), LABEL_MM[n], LABEL_FROM[n], TABLE_FONT[n])


def with_tables(document: Document, tables: Tables) -> Document:
    """The document with tables 2, 3 and 4 after the text of their parts."""
    for part in document.parts:
        if part.kind in TABLE_OF_PART:
            part.tables = [doc_table(getattr(tables, f"table{TABLE_OF_PART[part.kind]}"))]
    return document
