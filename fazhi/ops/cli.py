"""``fazhi backup DIR`` and ``fazhi restore DIR`` (fazhi/ops/backup.py, docs/deploy.md#backup)."""

from __future__ import annotations

import getpass
from pathlib import Path


def register(subparsers) -> None:
    backup = subparsers.add_parser("backup", help="备份数据库和上传文件到一个新目录（含 SHA-256 清单）")
    backup.add_argument("dir", metavar="DIR", help="备份目录（不存在或为空）")
    backup.add_argument("--database", help="数据库地址，默认为演示用 SQLite（或 FAZHI_DATABASE_URL）")
    backup.set_defaults(func=run_backup)
    restore = subparsers.add_parser("restore", help="把备份恢复到一个迁移过的空数据库和空的媒体目录")
    restore.add_argument("dir", metavar="DIR", help="fazhi backup 写出的备份目录")
    restore.add_argument("--database", help="数据库地址，默认为演示用 SQLite（或 FAZHI_DATABASE_URL）")
    restore.set_defaults(func=run_restore)


def run_backup(args) -> int:
    from fazhi.records.cli import setup_django

    setup_django(args.database)
    from .backup import backup

    manifest = backup(Path(args.dir), acting=_operator())
    rows = sum(n for n in manifest["tables"].values())
    media = sum(1 for name in manifest["files"] if name.startswith("media/"))
    print(
        f"已备份到 {args.dir}：{len(manifest['tables'])}张表共{rows}行，{media}个文件；清单 manifest.json。"
    )
    return 0


def run_restore(args) -> int:
    from fazhi.records.cli import setup_django

    setup_django(args.database)
    from .backup import restore

    counts = restore(Path(args.dir))
    print(f"已从 {args.dir} 恢复：{len(counts)}张表共{sum(counts.values())}行，行数与清单一致。")
    print("请运行 fazhi audit verify 校验审计日志。")
    return 0


def _operator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
