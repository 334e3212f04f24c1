"""``fazhi figures``: a unit-year's figures; ``fazhi records import``: an Excel file into a unit's
ledger, as the import page does (same checks, same action, same summary), in a named user's name."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("figures", help="计算单位年度指标（来自台账）")
    p.add_argument("--unit", required=True, help="单位名称，如 南开区政府办公室")
    p.add_argument("--year", required=True, type=int, help="年度，如 2024")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--database", help="数据库地址，默认为演示用 SQLite（或 FAZHI_DATABASE_URL）")
    p.set_defaults(func=run)

    records = subparsers.add_parser("records", help="台账")
    sub = records.add_subparsers(dest="records_command", required=True, metavar="操作")
    imports = sub.add_parser("import", help="把 Excel 文件（本系统的导入模板）导入单位台账")
    imports.add_argument("file", metavar="FILE", help=".xlsx 文件")
    imports.add_argument("--unit", required=True, help="单位名称")
    imports.add_argument("--kind", required=True, help="台账类型，如 study、request、normdoc")
    imports.add_argument("--user", required=True, help="以哪位用户的名义导入（用户名），记入变更历史")
    imports.add_argument("--database", help="数据库地址，默认为演示用 SQLite（或 FAZHI_DATABASE_URL）")
    imports.set_defaults(func=run_import)


def setup_django(database: str | None = None) -> None:
    if database:
        os.environ["FAZHI_DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def run(args) -> int:
    setup_django(args.database)
    from fazhi.orgs.queries import find_unit

    from .figures import compute_figures

    unit = find_unit(args.unit)
    figures = compute_figures(unit.pk, args.year)
    if args.json:
        json.dump([f.as_json() for f in figures], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for f in figures:
            print(f"{f.indicator.name}\t{f.display}")
    return 0


def run_import(args) -> int:
    setup_django(args.database)
    from django.contrib.auth import get_user_model

    from fazhi.lib.errors import FazhiError
    from fazhi.orgs.queries import find_unit

    from . import excel
    from .actions import do_import_records
    from .kinds import KINDS

    unit = find_unit(args.unit)
    kind = KINDS.get(args.kind)
    if kind is None:
        raise FazhiError(f"没有台账类型“{args.kind}”，可选：{'、'.join(KINDS)}。", "unknown-kind")
    user = get_user_model().objects.filter(username=args.user).first()
    if user is None:
        raise FazhiError(f"找不到用户“{args.user}”。", "unknown-user")
    try:
        content = Path(args.file).read_bytes()
    except OSError as exc:
        raise FazhiError(f"无法读取文件“{args.file}”：{exc.strerror}。", "unreadable") from exc
    try:
        rows = excel.parse_import(kind, io.BytesIO(content))
        result = do_import_records(kind, unit=unit, rows=rows, acting_user=user)
    except excel.ImportRejected as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        raise
    print(f"{unit.name}{kind.label}导入完成：{result.summary}（以 {user.username} 的名义）。")
    return 0
