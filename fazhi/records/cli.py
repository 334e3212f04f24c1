"""``fazhi figures``: a unit-year's figures from the configured database."""

from __future__ import annotations

import json
import os
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("figures", help="计算单位年度指标（来自台账）")
    p.add_argument("--unit", required=True, help="单位名称，如 南开区政府办公室")
    p.add_argument("--year", required=True, type=int, help="年度，如 2024")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--database", help="数据库地址，默认为演示用 SQLite（或 FAZHI_DATABASE_URL）")
    p.set_defaults(func=run)


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
