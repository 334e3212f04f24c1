"""``fazhi report draft``: write a unit-year's current report (approved version, else a fresh draft)."""

from __future__ import annotations

from pathlib import Path


def register(subparsers) -> None:
    report = subparsers.add_parser("report", help="年度报告")
    sub = report.add_subparsers(dest="report_command", required=True, metavar="操作")
    draft = sub.add_parser("draft", help="输出单位年度报告（已审定版本，否则由台账生成的草稿）")
    draft.add_argument("--unit", required=True, help="单位名称")
    draft.add_argument("--year", required=True, type=int)
    draft.add_argument("--format", choices=["docx", "html", "txt"], default="docx")
    draft.add_argument("-o", "--output", required=True, help="输出文件路径")
    draft.add_argument("--database", help="数据库地址，默认为演示用 SQLite（或 FAZHI_DATABASE_URL）")
    draft.set_defaults(func=run_draft)


def run_draft(args) -> int:
    from fazhi.records.cli import setup_django

    setup_django(args.database)
    from fazhi.orgs.queries import find_unit

    from .queries import current_document
    from .render import render_docx, render_html, render_txt

    unit = find_unit(args.unit)
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
