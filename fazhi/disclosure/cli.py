"""``fazhi disclosure``: ``report`` (a unit-year's 政府信息公开工作年度报告 from the platform's records)
and, from the pure engine, ``parse`` and ``check`` of a published report file."""

from __future__ import annotations

import json
from pathlib import Path


def register(subparsers) -> None:
    disclosure = subparsers.add_parser("disclosure", help="政府信息公开工作年度报告")
    sub = disclosure.add_subparsers(dest="disclosure_command", required=True, metavar="操作")
    report = sub.add_parser("report", help="由台账生成单位的政府信息公开年报表格并检查勾稽关系")
    report.add_argument("--unit", required=True, help="单位名称")
    report.add_argument("--year", required=True, type=int)
    report.add_argument("--json", action="store_true", help="以 JSON 输出表格和检查结果")
    report.add_argument("--format", choices=["docx", "html"], help="输出报告文件的格式")
    report.add_argument("-o", "--output", help="输出文件路径（与 --format 同用）")
    report.add_argument("--database", help="数据库地址，默认为演示用 SQLite（或 FAZHI_DATABASE_URL）")
    report.set_defaults(func=run_report)
    from fazhi.disclosurecheck.cli import add_commands

    add_commands(sub)


def run_report(args) -> int:
    from fazhi.lib.errors import FazhiError
    from fazhi.records.cli import setup_django

    setup_django(args.database)
    from fazhi.orgs.queries import find_unit

    from .queries import disclosure_report
    from .render import render_docx, render_html

    if bool(args.format) != bool(args.output):
        raise FazhiError("--format 与 -o 须同时给出。", "usage")
    report = disclosure_report(find_unit(args.unit), args.year)
    if args.format:
        document = report.document()
        content = (
            render_docx(document, report.tables)
            if args.format == "docx"
            else render_html(document, report.tables)
        )
        path = Path(args.output)
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(
            content, encoding="utf-8"
        )
        print(f"已写入 {path}（{document.title}）")
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    elif not args.format:
        for failure in report.failures:
            print(failure.message)
        print("勾稽关系全部成立。" if not report.failures else f"共{len(report.failures)}处不成立。")
    return 0 if not report.failures else 1
