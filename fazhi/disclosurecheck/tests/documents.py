"""Published reports built in code: the three tables laid out as the uniform format prints them
(国办公开办函〔2021〕30号), written as .docx (python-docx, merged cells), .html and, through
LibreOffice, .pdf. Tests change single cells through ``texts`` to break them on purpose."""

from __future__ import annotations

import html
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from fazhi.disclosurecheck.tables import (
    APPLICANTS,
    OUTCOMES,
    REASONS,
    RESULTS,
    TABLE4_GROUPS,
    Number,
    Tables,
)

APPLICANT_CODES = [c.code for c in APPLICANTS if c.code != "total"]


def sample_tables() -> Tables:
    """A balanced report: 58 requests received, 3 carried in, 3 carried out; Table 4 adds up."""
    tables = Tables()
    t2 = tables.table2
    for row, issued, repealed, in_force in (("rules", 1, 0, 5), ("normdocs", 3, 1, 24)):
        for column, value in (("issued", issued), ("repealed", repealed), ("in_force", in_force)):
            if value:  # zeros are not stored: the table reads 0 where it holds nothing
                t2.set(row, column, value)
    t2.set("permits", "decisions", 1520)
    t2.set("penalties", "decisions", 356)
    t2.set("enforcement", "decisions", 12)
    t2.set("fees", "amount", Decimal("12.50"))

    t3 = tables.table3
    by_row: dict[str, tuple[int, ...]] = {  # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他
        "new": (50, 4, 0, 1, 2, 1),
        "carried_in": (3, 0, 0, 0, 0, 0),
        "public": (20, 1, 0, 0, 1, 0),
        "partial": (5, 0, 0, 0, 0, 0),
        "withheld.secret": (1, 0, 0, 0, 0, 0),
        "withheld.security": (1, 0, 0, 0, 0, 0),
        "withheld.third_party": (2, 0, 0, 0, 0, 0),
        "withheld.internal": (0, 1, 0, 0, 0, 0),
        "withheld.process": (2, 0, 0, 0, 0, 0),
        "withheld.inquiry": (1, 0, 0, 0, 0, 0),
        "nonexistent.not_held": (8, 0, 0, 0, 1, 0),
        "nonexistent.needs_making": (2, 0, 0, 0, 0, 0),
        "nonexistent.unclear": (1, 0, 0, 0, 0, 0),
        "not_handled.petition": (3, 0, 0, 0, 0, 0),
        "not_handled.repeated": (2, 0, 0, 0, 0, 0),
        "not_handled.abusive": (1, 0, 0, 0, 0, 0),
        "not_handled.confirm": (0, 0, 0, 1, 0, 0),
        "other.no_correction": (1, 0, 0, 0, 0, 0),
        "other.other_reason": (1, 1, 0, 0, 0, 1),
        "carried_out": (2, 1, 0, 0, 0, 0),
    }
    for row, figures in by_row.items():
        for column, value in zip(APPLICANT_CODES, figures, strict=True):
            if value:
                t3.set(row, column, value)
    for code, reasons in REASONS.items():
        for column in APPLICANT_CODES:
            total = sum(t3.get(f"{code}.{reason}", column) for reason in reasons)
            if total:
                t3.set(code, column, total)
    for column in APPLICANT_CODES:
        total = sum(t3.get(code, column) for code, _label, _reasons in RESULTS)
        if total:
            t3.set("results_total", column, total)
    for line in t3.rows:
        total = sum(t3.get(line.code, column) for column in APPLICANT_CODES)
        if total:
            t3.set(line.code, "total", total)

    t4 = tables.table4
    for group, figures in (
        ("reconsideration", (2, 1, 0, 1)),
        ("direct_suit", (1, 0, 1, 0)),
        ("suit_after", (1, 0, 0, 0)),
    ):
        for (outcome, _), value in zip(OUTCOMES, figures, strict=False):
            if value:
                t4.set("cases", f"{group}.{outcome}", value)
        t4.set("cases", f"{group}.total", sum(figures))
    return tables


# --- The format's layout: rows of cells (text, rowspan, colspan), as HTML spans them -------------------


@dataclass
class Spot:
    text: str
    rowspan: int = 1
    colspan: int = 1


Rows = list[list[Spot]]
# (table number, row code, column code) → the text written there instead of the figure
Texts = dict[tuple[int, str, str], str]


def _figure(value: Number, zero: str) -> str:
    if not value:
        return zero
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def layout_table2(tables: Tables, texts: Texts, zero: str = "0") -> Rows:
    t = tables.table2

    def cell(row: str, column: str, colspan: int = 1) -> Spot:
        return Spot(texts.get((2, row, column), _figure(t.get(row, column), zero)), colspan=colspan)

    rows: Rows = [
        [Spot("第二十条第（一）项", colspan=4)],
        [Spot("信息内容"), Spot("本年制发件数"), Spot("本年废止件数"), Spot("现行有效件数")],
    ]
    for row, label in (("rules", "规章"), ("normdocs", "行政规范性文件")):
        rows.append([Spot(label), cell(row, "issued"), cell(row, "repealed"), cell(row, "in_force")])
    blocks = (
        ("第二十条第（五）项", "本年处理决定数量", (("permits", "行政许可"),), "decisions"),
        (
            "第二十条第（六）项",
            "本年处理决定数量",
            (("penalties", "行政处罚"), ("enforcement", "行政强制")),
            "decisions",
        ),
        ("第二十条第（八）项", "本年收费金额（单位：万元）", (("fees", "行政事业性收费"),), "amount"),
    )
    for heading, column_label, block_rows, column in blocks:
        rows.append([Spot(heading, colspan=4)])
        rows.append([Spot("信息内容"), Spot(column_label, colspan=3)])
        for row, label in block_rows:
            rows.append([Spot(label), cell(row, column, colspan=3)])
    return rows


NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _same(label: str) -> str:
    return label


def layout_table3(
    tables: Tables,
    texts: Texts,
    zero: str = "0",
    labels: Callable[[str], str] = _same,
    *,
    subtotals: bool = False,
) -> Rows:
    """Table 3 as printed; ``subtotals`` adds a 小计 row under each result that has reasons (some units
    print one), ``labels`` rewrites every row label (to test tolerant matching)."""
    t = tables.table3

    def figures(row: str) -> list[Spot]:
        return [Spot(texts.get((3, row, c.code), _figure(t.get(row, c.code), zero))) for c in APPLICANTS]

    rows: Rows = [
        [Spot(NOTE, rowspan=3, colspan=3), Spot("申请人情况", colspan=7)],
        [Spot("自然人", rowspan=2), Spot("法人或其他组织", colspan=5), Spot("总计", rowspan=2)],
        [Spot(label) for label in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
        [Spot(labels("一、本年新收政府信息公开申请数量"), colspan=3), *figures("new")],
        [Spot(labels("二、上年结转政府信息公开申请数量"), colspan=3), *figures("carried_in")],
    ]
    extra = 1 if subtotals else 0
    lead = [Spot("三、本年度办理结果", rowspan=22 + 4 * extra)]
    for code, label, reasons in RESULTS:
        if not reasons:
            rows.append([*lead, Spot(labels(label), colspan=2), *figures(code)])
            lead = []
            continue
        for i, (reason, reason_label) in enumerate(reasons):
            group = [Spot(labels(label), rowspan=len(reasons) + extra)] if i == 0 else []
            rows.append([*group, Spot(labels(reason_label)), *figures(f"{code}.{reason}")])
        if subtotals:
            rows.append([Spot("小计"), *figures(code)])
    rows.append([Spot(labels("（七）总计"), colspan=2), *figures("results_total")])
    rows.append([Spot(labels("四、结转下年度继续办理"), colspan=3), *figures("carried_out")])
    return rows


def layout_table4(tables: Tables, texts: Texts, zero: str = "0") -> Rows:
    t = tables.table4
    outcome_labels = [label for _, label in OUTCOMES]
    return [
        [Spot("行政复议", colspan=5), Spot("行政诉讼", colspan=10)],
        [
            *(Spot(label, rowspan=2) for label in outcome_labels),
            Spot("未经复议直接起诉", colspan=5),
            Spot("复议后起诉", colspan=5),
        ],
        [Spot(label) for label in outcome_labels * 2],
        [
            Spot(texts.get((4, "cases", code), _figure(t.get("cases", code), zero)))
            for code in (f"{group}.{outcome}" for group, _ in TABLE4_GROUPS for outcome, _ in OUTCOMES)
        ],
    ]


TITLE = "南开区政府办公室2024年政府信息公开工作年度报告"
HEADINGS = {
    2: "二、主动公开政府信息情况",
    3: "三、收到和处理政府信息公开申请情况",
    4: "四、政府信息公开行政复议、行政诉讼情况",
}
OPENING = [
    "一、总体情况",
    "2024年，南开区政府办公室认真贯彻落实《中华人民共和国政府信息公开条例》，全年新收政府信息公开申请58件。",
]
CLOSING = [
    "五、存在的主要问题及改进情况",
    "政策解读的形式还不够丰富，下一步将加强图解、视频解读。",
    "六、其他需要报告的事项",
    "本年度未收取信息处理费。",
]


def report_parts(
    tables: Tables,
    texts: Texts | None = None,
    *,
    titles: bool = True,
    zero: str = "0",
    labels: Callable[[str], str] = _same,
    subtotals: bool = False,
) -> list[str | Rows]:
    texts = texts or {}
    layouts = {
        2: layout_table2(tables, texts, zero),
        3: layout_table3(tables, texts, zero, labels, subtotals=subtotals),
        4: layout_table4(tables, texts, zero),
    }
    parts: list[str | Rows] = [TITLE, *OPENING]
    for number in (2, 3, 4):
        if titles:
            parts.append(HEADINGS[number])
        parts.append(layouts[number])
    return [*parts, *CLOSING]


def positions(rows: Rows) -> tuple[list[tuple[int, int, Spot]], int]:
    """Where each cell starts on the grid, as a browser places rowspans and colspans; the width."""
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, Spot]] = []
    for r, row in enumerate(rows):
        c = 0
        for spot in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, spot))
            taken |= {(r + dr, c + dc) for dr in range(spot.rowspan) for dc in range(spot.colspan)}
            c += spot.colspan
    return placed, max(c for _, c in taken) + 1


# --- Writers ------------------------------------------------------------------------------------------


def write_docx(parts: list[str | Rows], path: Path) -> Path:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
            continue
        placed, width = positions(part)
        table = document.add_table(rows=len(part), cols=width)
        table.style = "Table Grid"
        grid = table._cells  # once: table.cell() lays the whole grid out again at every call
        for r, c, spot in placed:
            cell = grid[r * width + c]
            if spot.rowspan > 1 or spot.colspan > 1:
                cell = cell.merge(grid[(r + spot.rowspan - 1) * width + c + spot.colspan - 1])
            lines = spot.text.split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    document.save(str(path))
    return path


def to_html(parts: list[str | Rows], *, wrap: bool = False) -> str:
    body: list[str] = []
    for part in parts:
        if isinstance(part, str):
            body.append(f"<p>{html.escape(part)}</p>")
            continue
        rows = []
        for row in part:
            cells = "".join(
                f"<td{_spans(spot)}>{html.escape(spot.text).replace(chr(10), '<br/>')}</td>" for spot in row
            )
            rows.append(f"<tr>{cells}</tr>")
        body.append('<table border="1"><tbody>' + "".join(rows) + "</tbody></table>")
    content = "\n".join(body)
    if wrap:  # portals often put the whole article in a layout table
        content = f'<table width="100%"><tr><td class="nav">首页 &gt; 政府信息公开</td></tr><tr><td>{content}</td></tr></table>'
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>年度报告</title>'
        f"<style>td {{ border: 1px solid }}</style></head><body>{content}</body></html>"
    )


def _spans(spot: Spot) -> str:
    out = ""
    if spot.rowspan > 1:
        out += f' rowspan="{spot.rowspan}"'
    if spot.colspan > 1:
        out += f' colspan="{spot.colspan}"'
    return out


needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-noto-cjk",
)
