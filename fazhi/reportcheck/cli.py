"""`fazhi parse` and `fazhi check`: the report engine on files, for people and scripts.

Exit codes: 0 fine; 1 the checker found an error; 2 a file or option could not be
used (the reason is printed in Chinese, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any

from fazhi.lib.console import emit

from . import indexcli
from .checks import SEVERITY_ORDER, CheckOptions, Corpus, check_report, load_ledger
from .errors import ReportError
from .model import KIND_NAMES, Finding, Report
from .parse import parse_file
from .phrases import default_phrases, load_phrases

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
PARALLEL_FROM = 64  # files: fewer are checked in this process


def register(subparsers: Any) -> None:
    parse = subparsers.add_parser("parse", help="解析年度报告（.txt/.docx/.pdf），输出结构和数字")
    parse.add_argument("file", type=Path, metavar="FILE")
    parse.add_argument("--json", action="store_true", help="以 JSON 输出")
    parse.set_defaults(func=run_parse)

    check = subparsers.add_parser("check", help="检查年度报告，列出问题；有错误时退出码为 1")
    check.add_argument("files", type=Path, nargs="+", metavar="FILE")
    check.add_argument("--json", action="store_true", help="以 JSON 输出")
    check.add_argument(
        "--figures", type=Path, metavar="FILE", help="本单位台账数字（fazhi figures 输出的 JSON）"
    )
    check.add_argument("--against", type=Path, metavar="DIR", help="与该目录中的其他报告比对雷同段落")
    check.add_argument(
        "--index",
        type=Path,
        metavar="FILE",
        help="与雷同段落索引中的全部报告比对（fazhi copyindex add 建立）",
    )
    check.add_argument(
        "--phrases", type=Path, action="append", metavar="FILE", help="追加的规范提法文件（JSON），可多次给出"
    )
    check.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help=f"同时检查的进程数（默认为处理器数；{PARALLEL_FROM} 个文件以上才分进程）",
    )
    check.set_defaults(func=run_check)
    indexcli.register(subparsers)


def run_parse(args: argparse.Namespace) -> int:
    try:
        report = parse_file(args.file)
    except ReportError as exc:
        return _fail(f"{args.file}：{exc.message}")
    if args.json:
        _print_json(report.to_dict())
    else:
        emit(_describe(report))
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    try:
        options = _options(args)
    except ReportError as exc:
        return _fail(exc.message)
    results = checked(args.files, options, args.jobs)
    unreadable = any(f.rule == "read-error" for _, findings in results for f in findings)
    if args.json:
        _print_json([f.to_dict(file) for file, findings in results for f in findings])
    else:
        emit("\n\n".join(_summary(file, findings) for file, findings in results))
    if unreadable:
        return EXIT_BAD_INPUT
    errors = any(f.severity == "error" for _, findings in results for f in findings)
    return EXIT_FINDINGS if errors else EXIT_OK


def checked(
    files: list[Path], options: CheckOptions, jobs: int | None = None
) -> list[tuple[str, list[Finding]]]:
    """(file, findings) of each file, in order. Many files are shared among worker processes
    (forked: they inherit the options), unless a corpus or index is open (a database connection
    does not cross a fork) or ``jobs`` is 1."""
    workers = jobs or os.cpu_count() or 1
    if (
        workers > 1
        and len(files) >= PARALLEL_FROM
        and options.corpus is None
        and options.index is None
        and "fork" in multiprocessing.get_all_start_methods()
    ):
        global _WORKER_OPTIONS
        _WORKER_OPTIONS = options
        for phrases in {id(p): p for p in (options.phrases, default_phrases()) if p}.values():
            _ = phrases.matcher  # built once here, inherited by every worker
        context = multiprocessing.get_context("fork")
        with context.Pool(min(workers, len(files) // (PARALLEL_FROM // 2))) as pool:
            return pool.map(_check_file, files, chunksize=16)
    return [_check_file(path, options) for path in files]


_WORKER_OPTIONS: CheckOptions | None = None


def _check_file(path: Path, options: CheckOptions | None = None) -> tuple[str, list[Finding]]:
    try:
        findings = check_report(parse_file(path), options or _WORKER_OPTIONS)
    except ReportError as exc:
        findings = [Finding("read-error", "error", exc.message)]
    return str(path), findings


def _options(args: argparse.Namespace) -> CheckOptions:
    options = CheckOptions(phrases=load_phrases(args.phrases or []))
    if args.figures is not None:
        options.ledger = load_ledger(args.figures)
    if args.against is not None:
        if not args.against.is_dir():
            raise ReportError(f"--against 应为存放其他报告的目录：{args.against}")
        options.corpus = Corpus.from_dir(args.against)
    if args.index is not None:
        options.index = indexcli.open_index(args.index)
    return options


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _print_json(data: object) -> None:
    emit(json.dumps(data, ensure_ascii=False, indent=2))


def _describe(report: Report) -> str:
    lines = [
        f"标题：{report.title or '（未识别）'}",
        f"单位：{report.unit or '（未识别）'}",
        f"年度：{report.year or '（未识别）'}",
    ]
    for part in report.parts:
        year = f"，{part.year}年" if part.year else ""
        kind = KIND_NAMES[part.kind] if part.named else "未能识别属于哪一部分"
        lines.append(f"{part.number}{part.heading}  〔{kind}{year}〕")
        lines.extend(f"    {s.number}{s.heading}" for s in part.sections)
    lines.append(f"数字（{len(report.figures)}）：")
    for figure in report.figures:
        code = figure.indicator or "—"
        lines.append(f"    {figure.value}{figure.unit}  {code}  “{figure.text}”")
    return "\n".join(lines)


def _summary(file: str, findings: list[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_NAMES}
    head = f"{file}：" + "，".join(f"{SEVERITY_NAMES[s]} {n}" for s, n in counts.items())
    body = []
    for finding in sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity]):
        where = " / ".join(x for x in (KIND_NAMES.get(finding.part or ""), finding.section) if x)
        body.append(
            f"  [{SEVERITY_NAMES[finding.severity]}] {finding.rule}" + (f"  {where}" if where else "")
        )
        body.append(f"      {finding.message}")
        if finding.excerpt:
            body.append(f"      摘录：{finding.excerpt}")
    return "\n".join([head, *body]) if body else head + "  未发现问题"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fazhi", description="法治政府建设年度报告解析与检查")
    register(parser.add_subparsers(dest="command", required=True, metavar="命令"))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run parse/check without the rest of the ``fazhi`` script (no database, no Django)."""
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
