"""`numbering`: parts and sections numbered in sequence, in one style, none skipped or repeated."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Part, Report, Section
from ..parse.markers import RANK, format_number
from ..parse.numerals import small_int, to_chinese
from .base import shorten

# "一是" standing at the start of a sentence (not "统一是", "之一是").
_INLINE = re.compile(r"(?:^|(?<=[。；;！？!?：:]))(?P<n>[一二三四五六七八九十]{1,3})是")


def numbering(report: Report) -> Iterator[Finding]:
    yield from _parts(report)
    for part in report.parts:
        yield from _sections(part)
        yield from _inline_items(part)


def _parts(report: Report) -> Iterator[Finding]:
    expected = 1
    for part in report.parts:
        if part.ordinal is None:
            continue
        if part.ordinal != expected:
            yield Finding(
                "numbering",
                "error",
                _sequence_message(f"{to_chinese(expected)}、", part.number, expected, part.ordinal),
                part.kind,
                None,
                shorten(part.label),
            )
        expected = part.ordinal + 1


def _sections(part: Part) -> Iterator[Finding]:
    numbered = [s for s in part.sections if s.style is not None]
    if not numbered:
        return  # a part whose headings carry no numbers at all is consistent
    style = numbered[0].style
    expected = 1
    for section in part.sections:
        if section.style is None:
            want = format_number(style, expected)
            yield Finding(
                "numbering",
                "error",
                f"小标题缺少序号：按前后顺序应为“{want}”，请补上序号。",
                part.kind,
                section.label,
                shorten(section.heading),
            )
            expected += 1
            continue
        if section.style != style and RANK[section.style] == RANK[style or "paren-cn"]:
            yield Finding(
                "numbering",
                "warning",
                f"同一层级的编号样式混用：前面用“{numbered[0].number}”，此处用“{section.number}”，请统一。",
                part.kind,
                section.label,
                shorten(section.number + section.heading),
            )
            continue
        if section.ordinal is not None and section.ordinal != expected:
            yield Finding(
                "numbering",
                "error",
                _sequence_message(format_number(style, expected), section.number, expected, section.ordinal),
                part.kind,
                section.label,
                shorten(section.number + section.heading),
            )
        expected = (section.ordinal or expected) + 1


def _inline_items(part: Part) -> Iterator[Finding]:
    """ "一是……二是……" inside the paragraphs of headline-numbered sections."""
    if any(s.style in ("shi", "ordinal") for s in part.sections):
        return  # there the items are the sections, checked above
    for section in part.sections:
        yield from _items_of(part, section)


def _items_of(part: Part, section: Section) -> Iterator[Finding]:
    previous = 0
    for paragraph in section.paragraphs:
        for match in _INLINE.finditer(paragraph.text):
            ordinal = small_int(match.group("n")) or 0
            if ordinal != 1 and ordinal != previous + 1:
                want = f"{to_chinese(previous + 1)}是"
                yield Finding(
                    "numbering",
                    "error",
                    _sequence_message(want, match.group(0), previous + 1, ordinal),
                    part.kind,
                    section.label,
                    shorten(paragraph.text[match.start() : match.start() + 30]),
                )
            previous = ordinal


def _sequence_message(want: str, written: str, expected: int, ordinal: int) -> str:
    if ordinal > expected:
        return f"编号不连续：此处应为“{want}”，写成了“{written}”，中间缺少编号，请核对。"
    return f"编号重复或倒序：此处应为“{want}”，写成了“{written}”，请核对。"
