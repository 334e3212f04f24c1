"""The title (often broken over two lines), the issuing unit and the report year."""

from __future__ import annotations

import re

from ..readers import SourceLine
from .kinds import year_in
from .markers import part_marker, section_marker

_STOPS = re.compile(r"[。；;！!？?]")
_PUNCT = re.compile(r"[。，,；;：:、！!？?]")
_TITLE_ENDS = ("报告", "总结")
_UNIT_BEFORE_YEAR = re.compile(
    r"^(?P<unit>.+?)\s*(?:关于)?\s*(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年"
)
_UNIT_AFTER_YEAR = re.compile(
    r"(?:19|20)\d{2}\s*年度?\s*(?P<unit>.+?)(?:关于|推进|深化)?(?:法治政府|法治建设|依法行政)"
)
_ORG_SUFFIX = re.compile(
    r"(?:局|办|办公室|委|委员会|院|政府|中心|街道|街道办事处|镇|乡|厅|部|署|所|队|站|会)$"
)


def split_title(lines: list[SourceLine]) -> tuple[list[SourceLine], list[SourceLine]]:
    """Leading title lines and the rest; a title is at most three short lines joined."""
    if not lines:
        return [], []
    if lines[0].level == 0:  # Word's Title style says it outright
        count = next((i for i, ln in enumerate(lines) if ln.level != 0), len(lines))
        return lines[:count], lines[count:]
    if not _title_like(lines[0].text):
        return [], lines
    count = 1
    joined = lines[0].text
    while count < min(3, len(lines)) and not joined.endswith(_TITLE_ENDS) and _continues(lines[count].text):
        joined += lines[count].text
        count += 1
    return lines[:count], lines[count:]


def _title_like(text: str) -> bool:
    return (
        len(text) <= 60
        and not _STOPS.search(text)
        and "，" not in text
        and part_marker(text) is None
        and section_marker(text) is None
    )


def _continues(text: str) -> bool:
    return (
        len(text) <= 30
        and not _PUNCT.search(text)
        and not text.startswith(("（", "("))
        and part_marker(text) is None
        and section_marker(text) is None
    )


def unit_of(title: str) -> str | None:
    match = _UNIT_BEFORE_YEAR.search(title)
    unit = match.group("unit").strip(' 　“”"').removesuffix("关于").strip() if match else ""
    if unit:
        return unit
    # "2024年度××局法治政府建设……": only a name that ends like an organ is taken.
    match = _UNIT_AFTER_YEAR.search(title)
    unit = match.group("unit").strip() if match else ""
    return unit if _ORG_SUFFIX.search(unit) else None


def unit_line(text: str) -> str | None:
    """A short line that names an organ, as some reports put under the title."""
    if len(text) <= 30 and not _PUNCT.search(text) and _ORG_SUFFIX.search(text):
        return text
    return None


def title_year(title: str) -> int | None:
    return year_in(title)
