"""`fazhi copyindex`: the persistent copied-paragraph index on the command line.

``fazhi copyindex add FOLDER… --index FILE`` adds the reports of the folders (a file
already in the index and unchanged since is skipped, a changed one replaced);
``fazhi copyindex info --index FILE`` says what the index holds. ``fazhi check FILE
--index FILE`` then compares reports with every report in it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .checks.copies import report_files
from .copyindex import CopyIndex, CopyIndexError, source_key
from .errors import ReportError
from .model import Report

EXIT_OK, EXIT_BAD_INPUT = 0, 2
BATCH = 500  # reports per transaction
BULK_CACHE_MB = 512  # adding many reports: a larger page cache, fewer page writes


def register(subparsers: Any) -> None:
    index = subparsers.add_parser(
        "copyindex", help="雷同段落索引：加入报告、查看规模（供 fazhi check --index 使用）"
    )
    commands = index.add_subparsers(dest="copyindex_command", required=True, metavar="操作")
    add = commands.add_parser("add", help="将目录（或文件）中的报告加入索引；未改动的文件跳过")
    add.add_argument("paths", type=Path, nargs="+", metavar="FOLDER")
    add.add_argument("--index", type=Path, required=True, metavar="FILE", help="索引文件（不存在时新建）")
    add.set_defaults(func=run_add)
    info = commands.add_parser("info", help="索引中的报告份数、段落数和文件大小")
    info.add_argument("--index", type=Path, required=True, metavar="FILE")
    info.set_defaults(func=run_info)


def open_index(path: Path) -> CopyIndex:
    """An existing index (``fazhi check --index``): a missing file is an error, not a new index."""
    if not path.is_file():
        raise ReportError(
            f"雷同段落索引不存在：{path}。请先用 fazhi copyindex add 目录 --index {path} 建立。"
        )
    try:
        return CopyIndex(path)
    except CopyIndexError as exc:
        raise ReportError(str(exc)) from exc


def run_add(args: argparse.Namespace) -> int:
    from .parse import parse_file

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        return _fail(f"找不到：{'、'.join(map(str, missing))}")
    try:
        index = CopyIndex(args.index, cache_mb=BULK_CACHE_MB)
    except CopyIndexError as exc:
        return _fail(str(exc))
    added = unchanged = 0
    unreadable: list[str] = []

    def reports() -> Iterator[tuple[Report, str | None, str]]:
        nonlocal unchanged
        for path in _files(args.paths):
            source, stat = source_key(str(path)), path.stat()
            stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
            if index.stamp(source) == stamp:
                unchanged += 1
                continue
            try:
                yield parse_file(path), source, stamp
            except ReportError as exc:
                unreadable.append(f"{path}：{exc.message}")

    with index:
        batch: list[tuple[Report, str | None, str]] = []
        for item in reports():
            batch.append(item)
            if len(batch) == BATCH:
                added += index.add_many(batch)
                batch = []
        added += index.add_many(batch)
        total, size = len(index), index.size()
    for line in unreadable:
        print(f"无法读取，已跳过：{line}", file=sys.stderr)
    print(
        f"已加入或更新 {added} 份，未改动 {unchanged} 份，无法读取 {len(unreadable)} 份；"
        f"索引共 {total} 份（{size / 2**20:.1f} MB）：{args.index}"
    )
    return EXIT_OK


def run_info(args: argparse.Namespace) -> int:
    try:
        index = open_index(args.index)
    except ReportError as exc:
        return _fail(exc.message)
    with index:
        total, paragraphs, size = len(index), index.paragraph_count(), index.size()
    per = f"，每份约 {size / total / 1024:.1f} KB" if total else ""
    print(f"{args.index}：{total} 份报告，{paragraphs} 个可比对段落，{size / 2**20:.1f} MB{per}")
    return EXIT_OK


def _files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        yield from report_files(path) if path.is_dir() else [path]


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_BAD_INPUT
