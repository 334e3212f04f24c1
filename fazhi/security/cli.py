"""``fazhi audit verify``: is the audit log's chain whole (exit 0), or where is it broken (exit 2);
``fazhi audit purge``: remove entries older than the retention period (at least 180 days)."""

from __future__ import annotations

import os
import sys


def register(subparsers) -> None:
    audit = subparsers.add_parser("audit", help="安全审计日志")
    sub = audit.add_subparsers(dest="audit_command", required=True, metavar="操作")
    verify = sub.add_parser("verify", help="校验审计日志的哈希链（被修改或删除的条目）")
    verify.add_argument("--no-history", action="store_true", help="不核对各数据变更条目所记录的变更历史")
    verify.add_argument("--database", help="数据库地址，默认为演示用 SQLite（或 FAZHI_DATABASE_URL）")
    verify.set_defaults(func=run_verify)
    purge = sub.add_parser("purge", help="清理超过保存期限的审计日志（至少保存180天）")
    purge.add_argument(
        "--older-than", type=int, required=True, metavar="天数", help="清理多少天以前的条目，不少于180"
    )
    purge.add_argument("--database", help="数据库地址，默认为演示用 SQLite（或 FAZHI_DATABASE_URL）")
    purge.set_defaults(func=run_purge)


def setup_django(database: str | None = None) -> None:
    """As ``fazhi.records.cli.setup_django`` (a layer above this one)."""
    if database:
        os.environ["FAZHI_DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def run_verify(args) -> int:
    setup_django(args.database)
    from .audit import seal, verify

    seal()  # what a process did not live to seal (normally nothing)
    result = verify(check_history=not args.no_history)
    if result.broken is not None:
        print(f"审计日志校验未通过：{result.broken}", file=sys.stderr)
        print(f"（此前的{result.count}条完好）", file=sys.stderr)
        return 2
    print(f"审计日志完好：共{result.count}条，最后一条的哈希 {result.last_hash}")
    if result.uncheckable:
        print(f"（其中{result.uncheckable}条数据变更所记录的字段已被后来的迁移删除，无法再核对其变更历史）")
    return 0


def run_purge(args) -> int:
    setup_django(args.database)
    from .audit import purge_audit_log

    removed = purge_audit_log(older_than_days=args.older_than)
    print(f"已清理{removed}条{args.older_than}天以前的审计日志，链已重新锚定。")
    return 0
