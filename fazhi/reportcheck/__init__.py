"""The report engine: parse a 法治政府建设情况报告 and check it.

Plain Python with no web framework (docs/architecture.md#layers), so it runs from the
command line on a file and, later, inside the platform.
"""

from __future__ import annotations

from .checks import CheckOptions, check_report
from .errors import FiguresFileError, PhrasesFileError, ReportError, ReportReadError
from .model import Figure, Finding, Paragraph, Part, Report, Section
from .parse import parse_file, parse_lines, parse_text
from .rules import RULE_NAMES, rule_name

__all__ = [
    "RULE_NAMES",
    "CheckOptions",
    "Figure",
    "FiguresFileError",
    "Finding",
    "Paragraph",
    "Part",
    "PhrasesFileError",
    "Report",
    "ReportError",
    "ReportReadError",
    "Section",
    "check_report",
    "parse_file",
    "parse_lines",
    "parse_text",
    "rule_name",
]
