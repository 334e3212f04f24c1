"""Numbering markers at the start of a line: parts (一、) and sections (（一）, 一是, 1. ...).

GB/T 9704-2012 orders heading levels 一、 → （一） → 1. → （1）; "一是" sits where
a report puts it, usually at the （一） or 1. level. ``RANK`` says which marker
may hold which: a marker of a lower rank than the part's sections is a sub-item.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .numerals import small_int

_CN = "[一二三四五六七八九十]{1,3}"

PART_MARKERS = (
    re.compile(rf"^(?P<n>{_CN})(?:[、.．]|\s+)(?!是)"),
    re.compile(rf"^第(?P<n>{_CN})部分[、，,：:.．\s]*"),
)

SECTION_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("paren-cn", re.compile(rf"^[（(]\s*(?P<n>{_CN})\s*[）)][、，,.．]?")),
    ("shi", re.compile(rf"^(?P<n>{_CN})是(?=\S)")),
    ("arabic", re.compile(r"^(?P<n>\d{1,2})(?:[.．、](?!\d)|\s)")),
    ("paren-arabic", re.compile(r"^[（(]\s*(?P<n>\d{1,2})\s*[）)][、，,.．]?")),
    ("ordinal", re.compile(rf"^第(?P<n>{_CN})[，,、：:](?=\S)")),
)

RANK = {"paren-cn": 2, "shi": 3, "arabic": 3, "ordinal": 3, "paren-arabic": 4}

STYLE_FORMAT = {
    "paren-cn": "（{}）",
    "shi": "{}是",
    "arabic": "{}.",
    "paren-arabic": "（{}）",
    "ordinal": "第{}，",
}


class Marker(NamedTuple):
    style: str
    number: str  # the marker exactly as written
    ordinal: int
    rest: str  # the line after the marker


# The characters a marker can begin with: most lines (body text) are passed over at once.
_PART_FIRST = frozenset("一二三四五六七八九十第")
_SECTION_FIRST = frozenset("（(一二三四五六七八九十第0123456789")


# By first character, the section styles that can begin with it, in SECTION_MARKERS' order
# (each pattern begins with its own characters: the others cannot match).
def _styles_from(first: str) -> tuple[str, ...]:
    if first in "（(":
        return ("paren-cn", "paren-arabic")
    if first == "第":
        return ("ordinal",)
    return ("arabic",) if first.isdigit() else ("shi",)


_SECTION_BY_FIRST = {
    first: tuple((s, p) for s, p in SECTION_MARKERS if s in _styles_from(first)) for first in _SECTION_FIRST
}


def part_marker(text: str) -> Marker | None:
    if not text or text[0] not in _PART_FIRST:
        return None
    for pattern in PART_MARKERS:
        match = pattern.match(text)
        ordinal = small_int(match.group("n")) if match else None
        if match and ordinal is not None:
            return Marker("part", match.group(0), ordinal, text[match.end() :])
    return None


def section_marker(text: str) -> Marker | None:
    if not text or text[0] not in _SECTION_FIRST:
        return None
    for style, pattern in _SECTION_BY_FIRST[text[0]]:
        match = pattern.match(text)
        ordinal = small_int(match.group("n")) if match else None
        if match and ordinal is not None:
            return Marker(style, match.group(0), ordinal, text[match.end() :])
    return None


def format_number(style: str | None, ordinal: int) -> str:
    """How the ``ordinal``-th marker of ``style`` is written, for messages."""
    from .numerals import to_chinese

    template = STYLE_FORMAT.get(style or "paren-cn", "（{}）")
    arabic = style in ("arabic", "paren-arabic")
    return template.format(ordinal if arabic else to_chinese(ordinal))
