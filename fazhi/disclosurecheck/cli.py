"""`parse` and `check` on a published 政府信息公开工作年度报告 (.docx, .pdf, .html): its three tables,
and whether every identity of the uniform format holds in them. No database: for units that are
not on the platform. ``fazhi.disclosure.cli`` adds these under ``fazhi disclosure``.

Exit codes: 0 every identity holds (parse: the tables were read); 1 ``check`` found identities that
do not hold, one line each naming table, row and column; 2 a file could not be read (why, in
Chinese, on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from fazhi.lib.console import emit

from .reading import ReadError, read_tables
from .tables import (
    APPLICANTS,
    OUTCOMES,
    REASONS,
    TABLE2_CELLS,
    TABLE4_GROUPS,
    Failure,
    Number,
    Table,
    Tables,
    check_table3,
    check_tables,
)

EXIT_OK, EXIT_FAILURES, EXIT_UNREADABLE = 0, 1, 2


def add_commands(subparsers: Any) -> None:
    parse = subparsers.add_parser(
        "parse", help="读取已公开的政府信息公开工作年度报告（.docx/.pdf/.html），输出表二、表三、表四"
    )
    parse.add_argument("file", type=Path, metavar="FILE")
    parse.add_argument("--json", action="store_true", help="以 JSON 输出")
    parse.set_defaults(func=run_parse)

    check = subparsers.add_parser(
        "check", help="检查年度报告各表的勾稽关系；有不成立的退出码为 1，文件无法读取为 2"
    )
    check.add_argument("file", type=Path, metavar="FILE")
    check.add_argument(
        "--previous", type=Path, metavar="FILE", help="本单位上年的年度报告：用来核对表二的现行有效件数"
    )
    check.add_argument("--json", action="store_true", help="以 JSON 输出")
    check.set_defaults(func=run_check)


def run_parse(args: argparse.Namespace) -> int:
    try:
        tables = read_tables(args.file)
    except ReadError as exc:
        return _unreadable(args.file, exc)
    emit(_json(tables.to_json()) if args.json else describe(tables))
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    try:
        tables = read_tables(args.file)
    except ReadError as exc:
        return _unreadable(args.file, exc)
    previous = None
    if args.previous is not None:
        try:
            previous = read_tables(args.previous)
        except ReadError as exc:
            return _unreadable(args.previous, exc)
    failures = check_tables(tables, previous)
    suspects = suspect_cells(tables.table3) if failures else []
    if args.json:
        emit(
            _json(
                {
                    "ok": not failures,
                    "failures": [f.to_json() for f in failures],
                    "suspects": [s.to_json() for s in suspects],
                }
            )
        )
    elif failures:
        emit("\n".join([*(_line(f) for f in failures), *(s.message for s in suspects)]))
    else:
        note = "" if previous else "（表二的现行有效件数须与上年报告比对：用 --previous 给出上年的报告）"
        emit(f"{args.file}：表二、表三、表四的勾稽关系全部成立{note}")
    return EXIT_FAILURES if failures else EXIT_OK


@dataclass(frozen=True)
class Suspect:
    """The one cell of table 3 that, set to ``expected``, makes every identity of the table hold."""

    row: str
    column: str
    found: int
    expected: int
    message: str

    def to_json(self) -> dict[str, Any]:
        return {
            "table": 3,
            "row": self.row,
            "column": self.column,
            "found": self.found,
            "expected": self.expected,
        }


def suspect_cells(table: Table) -> list[Suspect]:
    """A figure mistyped in one cell breaks both its row's sum and its column's: the failures name
    the two sums, this names the cell. Each cell is tried at the value its row's sum asks for; the
    answer is the cell, if there is exactly one, for which every identity of table 3 then holds."""
    if not any(check_table3(table)):
        return []
    applicants = [c.code for c in APPLICANTS if c.code != "total"]
    found: list[Suspect] = []
    for row in table.rows:
        for column in [*applicants, "total"]:
            others = sum(table.get(row.code, c) for c in applicants if c != column)
            target = others if column == "total" else table.get(row.code, "total") - others
            current = table.get(row.code, column)
            if target == current or target < 0 or isinstance(target, Decimal):
                continue
            trial = Table(table.number, table.title, table.rows, table.columns, dict(table.cells))
            trial.set(row.code, column, target)
            group = row.parent
            if group is not None and column != "total":  # a result's own figure may be its reasons' sum
                reasons = sum(table.get(f"{group}.{r}", column) for r in REASONS[group])
                if reasons == table.get(group, column):
                    trial.add(group, column, target - current)
            if not any(check_table3(trial)):
                where = f"表三“{table.row_label(row.code)}”行“{table.column_label(column)}”列"
                message = (
                    f"{where}：这一格最可能有误——它所在行与所在列的合计都对不上；"
                    f"填的是{current}，若为{target}，表三各项勾稽关系全部成立。"
                )
                found.append(Suspect(row.code, column, int(current), int(target), message))
    return found if len(found) == 1 else []


def _line(failure: Failure) -> str:
    return failure.message  # it names the table, the row and the column: "表三“…”行“…”列：…"


def _unreadable(path: Path, exc: ReadError) -> int:
    print(f"错误：{path}：{exc.message}", file=sys.stderr)
    return EXIT_UNREADABLE


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


# --- The readable form -------------------------------------------------------------------------------


def describe(tables: Tables) -> str:
    """The three tables as a person reads them: one line a row."""
    return "\n".join([*_table2(tables.table2), *_table3(tables.table3), *_table4(tables.table4)])


def _figure(value: Number) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _table2(table: Table) -> list[str]:
    lines = [f"表二  {table.title}"]
    for row in table.rows:
        cells = "，".join(
            f"{table.column_label(column)} {_figure(table.get(row.code, column))}"
            for column in TABLE2_CELLS[row.code]
        )
        lines.append(f"  {row.label}：{cells}")
    return lines


def _table3(table: Table) -> list[str]:
    columns = "｜".join(c.label for c in table.columns)
    lines = [f"表三  {table.title}", f"  （各列依次为：{columns}）"]
    for row in table.rows:
        figures = "｜".join(_figure(table.get(row.code, c.code)) for c in table.columns)
        indent = "      " if row.parent else "  "
        lines.append(f"{indent}{row.label}：{figures}")
    return lines


def _table4(table: Table) -> list[str]:
    lines = [f"表四  {table.title}"]
    for group, label in TABLE4_GROUPS:
        cells = "，".join(
            f"{outcome_label} {_figure(table.get('cases', f'{group}.{outcome}'))}"
            for outcome, outcome_label in OUTCOMES
        )
        lines.append(f"  {label}：{cells}")
    return lines


def build_parser() -> argparse.ArgumentParser:
    """The two commands on their own (tests, or running this module without Django)."""
    parser = argparse.ArgumentParser(
        prog="fazhi disclosure", description="政府信息公开工作年度报告的表格读取与检查"
    )
    add_commands(parser.add_subparsers(dest="command", required=True, metavar="命令"))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
