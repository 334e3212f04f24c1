"""Parse a report (file, lines or text) into its structure and figures."""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Report
from ..readers import SourceLine, read_lines, to_lines
from .figures import extract
from .structure import build_structure

__all__ = ["parse_file", "parse_lines", "parse_text"]


def parse_lines(
    lines: list[SourceLine], *, source: str = "", masks: tuple[re.Pattern[str], ...] | None = None
) -> Report:
    if masks is None:
        from ..phrases import default_phrases

        masks = default_phrases().masks
    report = build_structure(lines)
    report.source = source
    report.figures = extract(report, masks)
    return report


def parse_text(text: str, *, source: str = "") -> Report:
    return parse_lines(to_lines(text), source=source)


def parse_file(path: str | Path) -> Report:
    path = Path(path)
    return parse_lines(read_lines(path), source=str(path))
