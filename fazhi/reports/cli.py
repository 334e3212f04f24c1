"""``fazhi report``: draft (compose from the ledger), import (a report file becomes the unit's
editable report) and show (the stored report, as JSON or text)."""

from __future__ import annotations

import json
from pathlib import Path

from fazhi.lib.errors import FazhiError

DATABASE_HELP = "数据库地址，默认为演示用 SQLite（或 FAZHI_DATABASE_URL）"


def register(subparsers) -> None:
    report = subparsers.add_parser("report", help="年度报告")
    sub = report.add_subparsers(dest="report_command", required=True, metavar="操作")
    draft = sub.add_parser("draft", help="输出单位年度报告（已审定版本，否则由台账生成的草稿）")
    _unit_year(draft)
    draft.add_argument("--format", choices=["docx", "html", "txt"], default="docx")
    draft.add_argument("-o", "--output", required=True, help="输出文件路径")
    draft.set_defaults(func=run_draft)

    imports = sub.add_parser("import", help="把 .docx/.pdf/.txt 报告导入为单位可编辑的年度报告")
    imports.add_argument("file", metavar="FILE")
    _unit_year(imports)
    imports.add_argument("--user", help="以哪位用户的名义导入（用户名），默认为该单位的填报员")
    imports.set_defaults(func=run_import)

    show = sub.add_parser("show", help="输出已保存的年度报告（不重新生成）")
    _unit_year(show)
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(func=run_show)


def _unit_year(parser) -> None:
    parser.add_argument("--unit", required=True, help="单位名称")
    parser.add_argument("--year", required=True, type=int)
    parser.add_argument("--database", help=DATABASE_HELP)


def _setup(args):
    from fazhi.records.cli import setup_django

    setup_django(args.database)
    from fazhi.orgs.queries import find_unit

    return find_unit(args.unit)


def run_draft(args) -> int:
    unit = _setup(args)
    from .queries import current_document
    from .render import render_docx, render_html, render_txt

    document = current_document(unit, args.year)
    renderer = {"docx": render_docx, "html": render_html, "txt": render_txt}[args.format]
    content = renderer(document)
    path = Path(args.output)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    print(f"已写入 {path}（{document.title}）")
    return 0


def run_import(args) -> int:
    unit = _setup(args)
    from fazhi.reportcheck import ReportReadError
    from fazhi.reportcheck.readers import read_lines

    from .actions import do_import_report
    from .queries import writer_of

    user = writer_of(unit, args.user)
    try:
        lines = read_lines(Path(args.file))
    except ReportReadError as exc:
        raise FazhiError(str(exc), "unreadable") from exc
    report, notes = do_import_report(unit=unit, year=args.year, lines=lines, acting_user=user)
    sections = report.sections.exclude(key__endswith=".text").count()
    print(
        f"已导入 {report}：{len(report.part_headings)} 个部分、{sections} 个小标题段落（以 {user.username} 的名义）。"
    )
    for note in notes:
        print(f"  说明：{note}")
    return 0


def run_show(args) -> int:
    unit = _setup(args)
    from .queries import report_json

    data = report_json(unit, args.year)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"{data['title']}（{data['status_label']}）")
    for part in data["parts"]:
        print(f"{part['number']}{part['heading']}")
        for section in part["sections"]:
            print(
                f"    {section['number']}{section['heading'] or '（正文）'}  数据 {len(section['figures'])} 项"
            )
    return 0
