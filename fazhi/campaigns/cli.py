"""``fazhi campaign status``: every unit of a region's campaign, as the board shows it."""

from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    campaign = subparsers.add_parser("campaign", help="年度报告报送任务")
    sub = campaign.add_subparsers(dest="campaign_command", required=True, metavar="操作")
    status = sub.add_parser("status", help="各单位的报送和公开情况（逾期公开按日历日计）")
    status.add_argument("--region", required=True, help="区域名称，如 天津市南开区（或 南开区）")
    status.add_argument("--year", required=True, type=int, help="报告年度，如 2024")
    status.add_argument(
        "--genre",
        choices=["law", "disclosure"],
        default="law",
        help="报告类别：law 法治政府建设年度报告（默认），disclosure 政府信息公开工作年度报告",
    )
    status.add_argument("--json", action="store_true", help="以 JSON 输出（每个单位一个对象）")
    status.add_argument("--database", help="数据库地址，默认为演示用 SQLite（或 FAZHI_DATABASE_URL）")
    status.set_defaults(func=run_status)


def run_status(args) -> int:
    from fazhi.records.cli import setup_django

    setup_django(args.database)
    from django.utils import timezone

    from .queries import board_rows, find_campaign

    campaign = find_campaign(args.region, args.year, args.genre)
    rows = board_rows(campaign, today=timezone.localdate())
    if args.json:
        json.dump([row.as_json() for row in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"{campaign}（报送截止 {campaign.submit_due.isoformat()}）")
    for row in rows:
        late = f"，逾期{row.working_days_late}个工作日" if row.working_days_late else ""
        if row.published:
            late += f"，逾期{row.days_late_published}日公开" if row.days_late_published else "，按时公开"
            late += f"，公开后更正{row.corrections}次" if row.corrections else ""
        elif row.publish_late:
            late += f"，逾期{row.days_late_published}日未公开"
        print(f"{row.participant.unit.name}\t{row.status_label}{late}")
    return 0
