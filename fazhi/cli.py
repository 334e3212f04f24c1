"""The ``fazhi`` console script.

Each subcommand lives beside the code it drives; a module listed here exposes
``register(subparsers)`` which adds its subcommands with ``set_defaults(func=...)``.
``func(args) -> int`` returns the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from fazhi.lib.errors import FazhiError

COMMAND_MODULES = [
    "fazhi.records.cli",  # figures (needs the database)
    "fazhi.reportcheck.cli",  # parse, check (plain Python, no database)
    "fazhi.reports.cli",  # report draft
    "fazhi.deadlines.cli",  # statutory due dates (pure, no database)
    "fazhi.campaigns.cli",  # campaign status (needs the database)
    "fazhi.disclosure.cli",  # disclosure report (database), parse and check (files)
    "fazhi.security.cli",  # audit verify, purge (needs the database)
    "fazhi.ops.cli",  # backup, restore (needs the database)
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fazhi", description="法治政府建设平台命令行工具")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="命令")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except FazhiError as exc:
        from fazhi.lib.edge import cli_exit

        return cli_exit(exc)


if __name__ == "__main__":
    sys.exit(main())
