"""Figures written in the report's words against its tables: part 一 (总体情况) says "共收到政府信息公开
申请58件" where table 3 counts 57, the commonest error after an unbalanced table 3. Pure: no Django.

Each phrase names the cells it states (summed when it states several: "予以公开和部分公开12件"). A
phrase not found states nothing, so a report worded otherwise is never faulted; a figure found is
compared with the table and a difference named by table, row and column, as the identities are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .tables import TABLE4_GROUPS, Failure, Number, Table, Tables

_GAP = r"[^，,。；;：:\d]{0,%d}?"  # words between a phrase's cue and its figure, never across a clause


def _phrase(cue: str, gap: int = 8) -> re.Pattern[str]:
    return re.compile(cue + (_GAP % gap) + r"(\d+)\s*(?:件|宗|起)")


@dataclass(frozen=True)
class Stated:
    """What one phrase states: the cells whose sum it gives, and the cell a difference is named by."""

    name: str
    pattern: re.Pattern[str]
    table: int
    cells: tuple[tuple[str, str], ...]  # (row, column) summed

    @property
    def named(self) -> tuple[str, str]:
        return self.cells[0]


_CASE_TOTALS = tuple(("cases", f"{group}.total") for group, _ in TABLE4_GROUPS)
_SUIT_TOTALS = _CASE_TOTALS[1:]

# In order: a longer phrase first, and a span a phrase matched is not read again by a later one
# ("予以公开和部分公开12件" is not also "部分公开12件").
PHRASES = (
    Stated(
        "申请总数",
        re.compile(r"(?:收到|受理|新收)" + (_GAP % 10) + r"申请" + (_GAP % 4) + r"(\d+)\s*件"),
        3,
        (("new", "total"),),
    ),
    Stated("上年结转", _phrase("上年(?:度)?结转", 4), 3, (("carried_in", "total"),)),
    Stated("结转下年度", _phrase("结转(?:至|到)?下(?:一)?年度?", 6), 3, (("carried_out", "total"),)),
    Stated("办结", _phrase("(?:办结|办理完毕|答复办结)", 4), 3, (("results_total", "total"),)),
    Stated(
        "予以公开和部分公开",
        _phrase("予以公开(?:和|及|、)部分公开", 4),
        3,
        (("public", "total"), ("partial", "total")),
    ),
    Stated("予以公开", _phrase("予以公开", 4), 3, (("public", "total"),)),
    Stated("部分公开", _phrase("部分公开", 4), 3, (("partial", "total"),)),
    Stated("无法提供", _phrase("无法提供", 4), 3, (("nonexistent", "total"),)),
    Stated("不予公开", _phrase("不予公开", 4), 3, (("withheld", "total"),)),
    Stated("复议和诉讼", _phrase("行政复议(?:和|及|、)行政诉讼", 6), 4, _CASE_TOTALS),
    Stated("行政复议", _phrase("行政复议", 6), 4, (_CASE_TOTALS[0],)),
    Stated("行政诉讼", _phrase("行政诉讼", 6), 4, _SUIT_TOTALS),
    Stated("制发规范性文件", _phrase("制发(?:行政)?规范性文件", 4), 2, (("normdocs", "issued"),)),
)


@dataclass(frozen=True)
class TextFigure:
    stated: Stated
    value: int
    excerpt: str


def figures_stated(text: str) -> Iterator[TextFigure]:
    """The figures the words state, each with the words around it."""
    taken: list[tuple[int, int]] = []
    for stated in PHRASES:
        for match in stated.pattern.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            taken.append(span)
            yield TextFigure(stated, int(match.group(1)), match.group(0))


def _table(tables: Tables, number: int) -> Table:
    return {2: tables.table2, 3: tables.table3, 4: tables.table4}[number]


def check_text(text: str, tables: Tables, *, part: str = "一、总体情况") -> list[Failure]:
    """Each figure the words state that its table does not hold."""
    failures = []
    for figure in figures_stated(text):
        table = _table(tables, figure.stated.table)
        value: Number = sum((table.get(row, column) for row, column in figure.stated.cells), 0)
        if value == figure.value:
            continue
        row, column = figure.stated.named
        cells = "与".join(
            f"“{table.row_label(r)}”行“{table.column_label(c)}”列" for r, c in figure.stated.cells
        )
        summed = "之和" if len(figure.stated.cells) > 1 else ""
        failures.append(
            Failure(
                table.number,
                row,
                column,
                f"{part}写“{figure.excerpt}”，但表{'一二三四'[table.number - 1]}{cells}{summed}为{value}，"
                "两者应一致：请核对正文或表格。",
            )
        )
    return failures
