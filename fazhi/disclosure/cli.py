"""``fazhi disclosure``: ``report`` (a unit-year's 政府信息公开工作年度报告 from the platform's records)
and, from the pure engine, ``parse`` and ``check`` of a published report file."""

from __future__ import annotations

import json
import sys
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
    region = sub.add_parser(
        "region",
        help="区域内各单位年报表格之和；给出本级政府的年报时逐格核对（退出码：0 一致，1 不一致，2 文件无法读取）",
    )
    region.add_argument("--region", required=True, help="区域名称，如 南开区")
    region.add_argument("--year", required=True, type=int)
    region.add_argument(
        "--against", metavar="FILE", help="本级政府的政府信息公开工作年度报告（.docx/.pdf/.html）"
    )
    region.add_argument("--json", action="store_true", help="以 JSON 输出")
    region.add_argument("--database", help="数据库地址，默认为演示用 SQLite（或 FAZHI_DATABASE_URL）")
    region.set_defaults(func=run_region)
    from fazhi.disclosurecheck.cli import add_commands

    add_commands(sub)


def run_report(args) -> int:
    from fazhi.lib.errors import FazhiError
    from fazhi.records.cli import setup_django

    setup_django(args.database)
    from fazhi.orgs.queries import find_unit
    from fazhi.reports.render import render_docx, render_html

    from .queries import disclosure_report

    if bool(args.format) != bool(args.output):
        raise FazhiError("--format 与 -o 须同时给出。", "usage")
    report = disclosure_report(find_unit(args.unit), args.year)
    if args.format:
        document = report.document()
        content = render_docx(document) if args.format == "docx" else render_html(document)
        path = Path(args.output)
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(
            content, encoding="utf-8"
        )
        print(f"已写入 {path}（{document.title}）")
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    elif not args.format:
        for failure in [*report.failures, *report.text_failures]:
            print(failure.message)
        count = len(report.failures) + len(report.text_failures)
        print("勾稽关系全部成立，正文数据与表格一致。" if not count else f"共{count}处不成立。")
    return 0 if not (report.failures or report.text_failures) else 1


def run_region(args) -> int:
    from fazhi.records.cli import setup_django

    setup_django(args.database)
    from fazhi.disclosurecheck.cli import describe
    from fazhi.disclosurecheck.reading import ReadError, read_tables
    from fazhi.orgs.queries import find_region

    from .region import region_tables

    totals = region_tables(find_region(args.region), args.year)
    failures = None
    if args.against:
        try:
            failures = totals.check(read_tables(Path(args.against)))
        except ReadError as exc:
            print(f"{args.against}：{exc.message}", file=sys.stderr)
            return 2
    if args.json:
        data = totals.to_json()
        if failures is not None:
            data["checks"] = {"passed": not failures, "failures": [f.to_json() for f in failures]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for unit in totals.units:
            print(f"{unit.unit.name}：{unit.source}")
        print(describe(totals.summed))
        for failure in failures or []:
            print(failure.message)
        if failures is not None:
            print("本级政府年报与各单位之和逐格一致。" if not failures else f"共{len(failures)}格不一致。")
    return 1 if failures else 0
