"""The tables of the 政府信息公开工作年度报告 in the uniform format of 国办公开办函〔2021〕30号,
and every identity an evaluator checks in them. Pure: no Django.

A table is its rows and columns (codes with their Chinese labels, in the format's order) and the
cell values by (row, column). Table 3's result rows keep the format's numbering as labels.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

Number = int | Decimal


@dataclass(frozen=True)
class Line:
    code: str
    label: str
    parent: str | None = None  # a reason row's result row (table 3), a column's group (table 4)


@dataclass
class Table:
    number: int  # 2, 3, 4: as the format numbers them
    title: str
    rows: tuple[Line, ...]
    columns: tuple[Line, ...]
    cells: dict[tuple[str, str], Number] = field(default_factory=dict)

    def get(self, row: str, column: str) -> Number:
        return self.cells.get((row, column), 0)

    def set(self, row: str, column: str, value: Number) -> None:
        self.cells[(row, column)] = value

    def add(self, row: str, column: str, value: Number = 1) -> None:
        self.cells[(row, column)] = self.get(row, column) + value

    def row_label(self, code: str) -> str:
        return next(r.label for r in self.rows if r.code == code)

    def column_label(self, code: str) -> str:
        column = next(c for c in self.columns if c.code == code)
        return f"{GROUPS[column.parent]}·{column.label}" if column.parent else column.label

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "columns": [{"code": c.code, "label": self.column_label(c.code)} for c in self.columns],
            "rows": [
                {
                    "code": r.code,
                    "label": r.label,
                    "cells": {c.code: _plain(self.get(r.code, c.code)) for c in self.columns},
                }
                for r in self.rows
            ],
        }


def _plain(value: Number) -> int | float:
    return float(value) if isinstance(value, Decimal) else value


# --- Table 2: 主动公开政府信息情况 -----------------------------------------------------------

TABLE2_ROWS = (
    Line("rules", "规章"),
    Line("normdocs", "行政规范性文件"),
    Line("permits", "行政许可"),
    Line("penalties", "行政处罚"),
    Line("enforcement", "行政强制"),
    Line("fees", "行政事业性收费"),
)
TABLE2_COLUMNS = (
    Line("issued", "本年制发件数"),
    Line("repealed", "本年废止件数"),
    Line("in_force", "现行有效件数"),
    Line("decisions", "本年处理决定数量"),
    Line("amount", "本年收费金额（单位：万元）"),
)
# Which cells each row has in the format (the rest are blank in the printed table).
TABLE2_CELLS = {
    "rules": ("issued", "repealed", "in_force"),
    "normdocs": ("issued", "repealed", "in_force"),
    "permits": ("decisions",),
    "penalties": ("decisions",),
    "enforcement": ("decisions",),
    "fees": ("amount",),
}


def table2() -> Table:
    return Table(2, "主动公开政府信息情况", TABLE2_ROWS, TABLE2_COLUMNS)


# --- Table 3: 收到和处理政府信息公开申请情况 ------------------------------------------------------

APPLICANTS = (
    Line("person", "自然人"),
    Line("business", "商业企业", "organisation"),
    Line("research", "科研机构", "organisation"),
    Line("charity", "社会公益组织", "organisation"),
    Line("legal", "法律服务机构", "organisation"),
    Line("other_org", "其他", "organisation"),
    Line("total", "总计"),
)
TABLE3_COLUMNS = APPLICANTS

RESULTS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("public", "（一）予以公开", ()),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ()),
    (
        "withheld",
        "（三）不予公开",
        (
            ("secret", "1.属于国家秘密"),
            ("law_forbids", "2.其他法律行政法规禁止公开"),
            ("security", "3.危及“三安全一稳定”"),
            ("third_party", "4.保护第三方合法权益"),
            ("internal", "5.属于三类内部事务信息"),
            ("process", "6.属于四类过程性信息"),
            ("enforcement_file", "7.属于行政执法案卷"),
            ("inquiry", "8.属于行政查询事项"),
        ),
    ),
    (
        "nonexistent",
        "（四）无法提供",
        (
            ("not_held", "1.本机关不掌握相关政府信息"),
            ("needs_making", "2.没有现成信息需要另行制作"),
            ("unclear", "3.补正后申请内容仍不明确"),
        ),
    ),
    (
        "not_handled",
        "（五）不予处理",
        (
            ("petition", "1.信访举报投诉类申请"),
            ("repeated", "2.重复申请"),
            ("publication", "3.要求提供公开出版物"),
            ("abusive", "4.无正当理由大量反复申请"),
            ("confirm", "5.要求行政机关确认或重新出具已获取信息"),
        ),
    ),
    (
        "other",
        "（六）其他处理",
        (
            ("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            ("no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            ("other_reason", "3.其他"),
        ),
    ),
)
RESULT_CODES = tuple(code for code, _label, _reasons in RESULTS)
REASONS = {code: tuple(r for r, _ in reasons) for code, _label, reasons in RESULTS}
# For a model field: (reason code, "不予公开：属于国家秘密") ...
REASON_CHOICES = [
    (reason, f"{label.split('）')[-1]}：{reason_label.split('.', 1)[1]}")
    for _code, label, reasons in RESULTS
    for reason, reason_label in reasons
]


def _table3_rows() -> tuple[Line, ...]:
    rows = [
        Line("new", "一、本年新收政府信息公开申请数量"),
        Line("carried_in", "二、上年结转政府信息公开申请数量"),
    ]
    for code, label, reasons in RESULTS:
        rows.append(Line(code, label))
        rows += [Line(f"{code}.{reason}", reason_label, code) for reason, reason_label in reasons]
    rows += [Line("results_total", "（七）总计"), Line("carried_out", "四、结转下年度继续办理")]
    return tuple(rows)


TABLE3_ROWS = _table3_rows()


def table3() -> Table:
    return Table(3, "收到和处理政府信息公开申请情况", TABLE3_ROWS, TABLE3_COLUMNS)


# --- Table 4: 政府信息公开行政复议、行政诉讼情况 -------------------------------------------------

OUTCOMES = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
TABLE4_GROUPS = (
    ("reconsideration", "行政复议"),
    ("direct_suit", "行政诉讼（未经复议直接起诉）"),
    ("suit_after", "行政诉讼（复议后起诉）"),
)
TABLE4_COLUMNS = tuple(
    Line(f"{group}.{outcome}", label, group) for group, _ in TABLE4_GROUPS for outcome, label in OUTCOMES
)
TABLE4_ROWS = (Line("cases", "件数"),)


def table4() -> Table:
    return Table(4, "政府信息公开行政复议、行政诉讼情况", TABLE4_ROWS, TABLE4_COLUMNS)


# Column groups: the header cell spanning them in the printed table.
GROUPS = {"organisation": "法人或其他组织", **dict(TABLE4_GROUPS)}


# --- The identities -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    """One identity that does not hold, named as a reader finds it: table, row, column."""

    table: int
    row: str
    column: str
    message: str  # Chinese, with both sides of the identity

    def to_json(self) -> dict[str, Any]:
        return {"table": self.table, "row": self.row, "column": self.column, "message": self.message}


def _where(table: Table, row: str, column: str) -> str:
    return f"表{_cn(table.number)}“{table.row_label(row)}”行“{table.column_label(column)}”列"


def _cn(n: int) -> str:
    return "一二三四五六七八九"[n - 1]


def check_table3(table: Table) -> Iterator[Failure]:
    """Per applicant column: 新收 + 结转 = 办理结果总计 + 结转下年度; per column the result items sum to
    总计 and each result's reasons to the result; per row the six applicant columns sum to 总计."""
    applicant_columns = [c.code for c in APPLICANTS if c.code != "total"]
    for column in [*applicant_columns, "total"]:
        incoming = table.get("new", column) + table.get("carried_in", column)
        outgoing = table.get("results_total", column) + table.get("carried_out", column)
        if incoming != outgoing:
            yield Failure(
                3,
                "results_total",
                column,
                f"{_where(table, 'results_total', column)}：本年新收{table.get('new', column)}加上年结转"
                f"{table.get('carried_in', column)}为{incoming}，办理结果总计{table.get('results_total', column)}"
                f"加结转下年度{table.get('carried_out', column)}为{outgoing}，两者应相等。",
            )
        results = sum(table.get(code, column) for code in RESULT_CODES)
        if results != table.get("results_total", column):
            yield Failure(
                3,
                "results_total",
                column,
                f"{_where(table, 'results_total', column)}为{table.get('results_total', column)}，"
                f"但（一）至（六）各项之和为{results}。",
            )
        for code, reasons in REASONS.items():
            if not reasons:
                continue
            parts = sum(table.get(f"{code}.{reason}", column) for reason in reasons)
            if parts != table.get(code, column):
                yield Failure(
                    3,
                    code,
                    column,
                    f"{_where(table, code, column)}为{table.get(code, column)}，但其下各项之和为{parts}。",
                )
    for row in TABLE3_ROWS:
        parts = sum(table.get(row.code, column) for column in applicant_columns)
        if parts != table.get(row.code, "total"):
            yield Failure(
                3,
                row.code,
                "total",
                f"{_where(table, row.code, 'total')}为{table.get(row.code, 'total')}，但六类申请人之和为{parts}。",
            )


def check_table4(table: Table) -> Iterator[Failure]:
    """The three 总计: each group's outcomes sum to its total."""
    for group, _label in TABLE4_GROUPS:
        parts = sum(table.get("cases", f"{group}.{outcome}") for outcome, _ in OUTCOMES[:-1])
        total = table.get("cases", f"{group}.total")
        if parts != total:
            yield Failure(
                4,
                "cases",
                f"{group}.total",
                f"{_where(table, 'cases', f'{group}.total')}为{total}，但维持、纠正、其他、尚未审结之和为{parts}。",
            )


def check_table2(table: Table, previous: Table | None) -> Iterator[Failure]:
    """上年现行有效 + 本年制发 − 本年废止 = 本年现行有效, against the unit's own previous-year table."""
    if previous is None:
        return
    for row in ("rules", "normdocs"):
        expected = previous.get(row, "in_force") + table.get(row, "issued") - table.get(row, "repealed")
        if expected != table.get(row, "in_force"):
            yield Failure(
                2,
                row,
                "in_force",
                f"{_where(table, row, 'in_force')}为{table.get(row, 'in_force')}，但上年现行有效"
                f"{previous.get(row, 'in_force')}加本年制发{table.get(row, 'issued')}减本年废止"
                f"{table.get(row, 'repealed')}为{expected}。",
            )


@dataclass
class Tables:
    table2: Table = field(default_factory=table2)
    table3: Table = field(default_factory=table3)
    table4: Table = field(default_factory=table4)

    def __iter__(self) -> Iterator[Table]:
        return iter((self.table2, self.table3, self.table4))

    def to_json(self) -> dict[str, Any]:
        return {f"table{t.number}": t.to_json() for t in self}


def check_tables(tables: Tables, previous: Tables | None = None) -> list[Failure]:
    return [
        *check_table2(tables.table2, previous.table2 if previous else None),
        *check_table3(tables.table3),
        *check_table4(tables.table4),
    ]


def sum_tables(many: list[Tables]) -> Tables:
    """The cell-by-cell sum of several units' tables (a region's consolidated tables). Table 2's
    现行有效 sums too: each unit's documents in force are its own."""
    out = Tables()
    for tables in many:
        for mine, theirs in zip(out, tables, strict=True):
            for (row, column), value in theirs.cells.items():
                mine.add(row, column, value)
    return out


def check_against_sum(consolidated: Tables, summed: Tables, *, units: int) -> list[Failure]:
    """A region's consolidated report against the sum of its units' reports: every cell either
    holds that differs is named, with both values."""
    failures = []
    for table, expected in zip(consolidated, summed, strict=True):
        for row in table.rows:
            for column in table.columns:
                if table.number == 2 and column.code not in TABLE2_CELLS[row.code]:
                    continue
                ours, theirs = table.get(row.code, column.code), expected.get(row.code, column.code)
                if ours != theirs:
                    failures.append(
                        Failure(
                            table.number,
                            row.code,
                            column.code,
                            f"{_where(table, row.code, column.code)}为{ours}，"
                            f"但{units}个单位的年度报告之和为{theirs}。",
                        )
                    )
    return failures
