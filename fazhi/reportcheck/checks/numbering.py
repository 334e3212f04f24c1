"""`numbering`: parts and sections numbered in sequence, in one style, none skipped or repeated.

Parts (一、二、三、), sections (（一）（二）, 1. 2.) and enumerations (一是、二是, at the start
of a line or anywhere in a sentence, after a comma too) are read the same way, and each
mistake is said once: in 一、二、四、五、 the gap is one finding, and in 一、二、二、四、
the third number is wrong, not the fourth as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ..model import Finding, Paragraph, Part, PartKind, Report, Section
from ..parse.markers import RANK, format_number
from ..parse.numerals import small_int, to_chinese
from .base import shorten

# "一是" standing at the start of a sentence or clause (not "统一是", "之一是"): the text's start
# or one of these marks before it. Written to start with the numeral (the search skips to one
# quickly) and to look back from there: the same matches as (?:^|(?<=[…]))[一…十]{1,3}是.
_CN = "一二三四五六七八九十"
_INLINE = re.compile(rf"(?P<n>[{_CN}](?<![^。；;！？!?：:，,][{_CN}])[{_CN}]{{0,2}})是")


class _Item(NamedTuple):
    ordinal: int | None  # None: written without a number
    restarts: bool  # an ordinal 1 here begins a new enumeration


def _out_of_sequence(items: list[_Item]) -> Iterator[tuple[int, int]]:
    """(index, the number expected there) of each item out of sequence, one per mistake: when
    the next item follows on from the expected number, this one was mis-numbered; otherwise the
    sequence goes on from what is written (a gap or a repeat)."""
    previous = 0
    for index, item in enumerate(items):
        expected = previous + 1
        if item.ordinal == expected or (item.restarts and item.ordinal == 1):
            previous = item.ordinal
            continue
        yield index, expected
        if item.ordinal is None:
            previous = expected
            continue
        following = items[index + 1].ordinal if index + 1 < len(items) else None
        previous = expected if following == expected + 1 else item.ordinal


def numbering(report: Report) -> Iterator[Finding]:
    yield from _parts(report)
    for part in report.parts:
        yield from _sections(part)
        yield from _inline_items(part)


def _parts(report: Report) -> Iterator[Finding]:
    numbered = [p for p in report.parts if p.ordinal is not None]
    if not numbered:
        return  # parts without any numbers are consistent
    first = numbered[0]
    parts = []
    for part in report.parts:
        if part.ordinal is not None and part.number.startswith("第") != first.number.startswith("第"):
            yield Finding(
                "numbering",
                "warning",
                f"各部分的编号样式混用：前面用“{first.number}”，此处用“{part.number}”，请统一。",
                part.kind,
                None,
                shorten(part.label),
            )
        parts.append(part)
    for index, expected in _out_of_sequence([_Item(p.ordinal, False) for p in parts]):
        part = parts[index]
        want = (
            f"第{to_chinese(expected)}部分" if first.number.startswith("第") else f"{to_chinese(expected)}、"
        )
        yield Finding(
            "numbering",
            "error",
            f"部分标题缺少序号：按前后顺序应为“{want}”，请补上序号。"
            if part.ordinal is None
            else _sequence_message(want, part.number, expected, part.ordinal),
            part.kind,
            None,
            shorten(part.label),
        )


def _sections(part: Part) -> Iterator[Finding]:
    numbered = [s for s in part.sections if s.style is not None]
    if not numbered:
        return  # a part whose headings carry no numbers at all is consistent
    style = numbered[0].style or "paren-cn"
    sections = []
    for section in part.sections:
        if section.style is not None and section.style != style and RANK[section.style] == RANK[style]:
            yield Finding(
                "numbering",
                "warning",
                f"同一层级的编号样式混用：前面用“{numbered[0].number}”，此处用“{section.number}”，请统一。",
                part.kind,
                section.label,
                shorten(section.number + section.heading),
            )
            continue
        sections.append(section)
    if style == "shi":
        return  # 一是/二是 items run on through the part's text: see _inline_items
    for index, expected in _out_of_sequence([_Item(s.ordinal, False) for s in sections]):
        section = sections[index]
        want = format_number(style, expected)
        if section.ordinal is None:
            yield Finding(
                "numbering",
                "error",
                f"小标题缺少序号：按前后顺序应为“{want}”，请补上序号。",
                part.kind,
                section.label,
                shorten(section.heading),
            )
        else:
            yield Finding(
                "numbering",
                "error",
                _sequence_message(want, section.number, expected, section.ordinal),
                part.kind,
                section.label,
                shorten(section.number + section.heading),
            )


class _Written(NamedTuple):
    item: _Item
    number: str  # as written: "三是"
    section: Section | None
    excerpt: str


def _inline_items(part: Part) -> Iterator[Finding]:
    """ "一是……二是……" in the part's text: one enumeration through a part whose sections are
    the items themselves, else one in the part's opening paragraphs and one in each section."""
    styles = {s.style for s in part.sections}
    if "ordinal" in styles:
        return  # 第一，第二，: the sections are the items, checked above
    if "shi" in styles:
        streams = [_part_stream(part)]
    else:
        streams = [list(_found(part.paragraphs, None))]
        streams += [list(_found(s.paragraphs, s)) for s in part.sections]
    for stream in streams:
        yield from _stream_findings(part.kind, stream)


def _part_stream(part: Part) -> list[_Written]:
    """The part's opening paragraphs, then each section: its own 一是 and the items in its text.
    The first item section may go on from the opening ("…工作，一是…" then "二是…") or begin anew."""
    stream = list(_found(part.paragraphs, None))
    first_item = True
    for section in part.sections:
        if section.style in ("shi", None):
            item = _Item(section.ordinal, first_item and section.style == "shi")
            stream.append(_Written(item, section.number, section, section.number + section.heading))
            first_item = False
        texts = [section.heading + section.heading_end, *(p.text for p in section.paragraphs)]
        stream.extend(_matches(texts, section))
    return stream


def _found(paragraphs: list[Paragraph], section: Section | None) -> Iterator[_Written]:
    return _matches([p.text for p in paragraphs], section)


def _matches(texts: list[str], section: Section | None) -> Iterator[_Written]:
    for text in texts:
        if "是" not in text:
            continue
        for match in _INLINE.finditer(text):
            ordinal = small_int(match.group("n"))
            excerpt = text[match.start() : match.start() + 30]
            yield _Written(_Item(ordinal or 0, True), match.group(0), section, excerpt)


def _stream_findings(kind: PartKind, stream: list[_Written]) -> Iterator[Finding]:
    for index, expected in _out_of_sequence([w.item for w in stream]):
        written = stream[index]
        want = f"{to_chinese(expected)}是"
        yield Finding(
            "numbering",
            "error",
            f"小标题缺少序号：按前后顺序应为“{want}”，请补上序号。"
            if written.item.ordinal is None
            else _sequence_message(want, written.number, expected, written.item.ordinal),
            kind,
            written.section.label if written.section else None,
            shorten(written.excerpt),
        )


def _sequence_message(want: str, written: str, expected: int, ordinal: int) -> str:
    if ordinal > expected:
        return f"编号不连续：此处应为“{want}”，写成了“{written}”，中间缺少编号，请核对。"
    return f"编号重复或倒序：此处应为“{want}”，写成了“{written}”，请核对。"
