"""``fazhi deadline RULE START`` and ``fazhi deadline-rules``: statutory due dates from the command line.

Without ``--database`` no database is read: the calendar is chinesecalendar's (see
``calendar.seed_calendar``), the periods the defaults of ``RuleSettings``. With it, the
calendar is the platform's (years an admin entered included) and its period settings. Bad input prints a Chinese message on
stderr and exits with 2. A provisional date is printed with a warning on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys

from fazhi.deadlines.calendar import WorkingCalendar
from fazhi.deadlines.rules import PERIOD_RULES, Clock, Rule, RuleSettings, compute_due, get_rule
from fazhi.lib.errors import FazhiError

USAGE_ERROR = 2
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
YEAR = re.compile(r"\d{4}")
COUNT = re.compile(r"\d+")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    deadline = subparsers.add_parser(
        "deadline", help="按法定期限规则计算到期日", description="按法定期限规则计算到期日（YYYY-MM-DD）"
    )
    deadline.add_argument("rule", nargs="?", metavar="RULE", help="期限规则代码，见 --list")
    deadline.add_argument(
        "start",
        nargs="?",
        metavar="START",
        help="起算事件的日期 YYYY-MM-DD；年度报告类规则也可写报告年度 YYYY",
    )
    deadline.add_argument("--extended", action="store_true", help="按依法延长后的最长期限计算")
    deadline.add_argument(
        "--paused-days", default="0", metavar="N", help="不计入期限的时间（工作日规则为工作日数，其余为日数）"
    )
    deadline.add_argument(
        "--json", action="store_true", help="输出 JSON：rule、start、due、basis、provisional"
    )
    deadline.add_argument("--list", action="store_true", help="列出全部期限规则")
    deadline.add_argument(
        "--database",
        metavar="URL",
        help="使用平台数据库中的节假日安排（含管理员录入的年份）；写 default 表示 FAZHI_DATABASE_URL 或演示库",
    )
    deadline.set_defaults(func=run_deadline)

    rules = subparsers.add_parser("deadline-rules", help="列出法定期限规则")
    rules.add_argument("--json", action="store_true", help="以 JSON 输出")
    rules.set_defaults(func=run_rules)


def run_deadline(args: argparse.Namespace) -> int:
    if args.list:
        return run_rules(args)
    try:
        if not args.rule or not args.start:
            raise FazhiError(
                "请给出期限规则和起算日期，例如：fazhi deadline disclosure-reply 2025-09-29", "usage"
            )
        rule = get_rule(args.rule)
        start = parse_start(args.start, rule)
        paused = parse_count(args.paused_days)
        settings, calendar = _platform_calendar(args.database) if args.database else (None, None)
        deadline = compute_due(
            rule, start, extended=args.extended, paused_days=paused, settings=settings, calendar=calendar
        )
    except FazhiError as error:
        print(f"错误：{error.message}", file=sys.stderr)
        return USAGE_ERROR
    if deadline.warning:
        print(f"警告：{deadline.warning}", file=sys.stderr)
    print(json.dumps(deadline.as_json(), ensure_ascii=False) if args.json else deadline.due.isoformat())
    return 0


def _platform_calendar(database: str) -> tuple[RuleSettings, WorkingCalendar]:
    from fazhi.records.cli import setup_django

    setup_django(None if database == "default" else database)
    from fazhi.deadlines.calendar_db import current_calendar, rule_settings

    return rule_settings(), current_calendar()


def run_rules(args: argparse.Namespace) -> int:
    settings = RuleSettings()
    if args.json:
        print(
            json.dumps(
                [rule_as_json(rule, settings) for rule in PERIOD_RULES.values()], ensure_ascii=False, indent=2
            )
        )
        return 0
    for rule in PERIOD_RULES.values():
        flag = "" if rule.source == "V" else f" [{rule.source}]"
        print(f"{rule.code}\t{rule.name}\t{rule.describe(settings)}\t{rule.basis}{flag}")
    return 0


def rule_as_json(rule: Rule, settings: RuleSettings) -> dict[str, object]:
    return {
        "code": rule.code,
        "name": rule.name,
        "clock": rule.clock.value,
        "period": rule.describe(settings),
        "start_event": rule.start_event,
        "basis": rule.basis,
        "bound": rule.bound.value,
        "extendable": rule.extended_period is not None,
        "pausable": rule.pausable,
        "source": rule.source,
        "note": rule.note,
    }


def parse_start(text: str, rule: Rule) -> dt.date:
    """``YYYY-MM-DD``; for the annual rules also ``YYYY``, read as the report year's last day."""
    if rule.clock is Clock.ANNUAL and YEAR.fullmatch(text):
        return dt.date(int(text), 12, 31)
    try:
        if not DATE.fullmatch(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FazhiError(
            f"日期无效或格式不正确：“{text}”，应为 YYYY-MM-DD，例如 2025-09-29", "bad-date"
        ) from None


def parse_count(text: str) -> int:
    if not COUNT.fullmatch(text):
        raise FazhiError(f"不计入期限的天数应为非负整数：“{text}”", "bad-count")
    return int(text)
