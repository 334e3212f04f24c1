"""What the rules share: the report's text blocks with their location, and excerpts."""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from ..model import PartKind, Report


class Block(NamedTuple):
    text: str
    part: PartKind | None
    section: str | None
    line: int


def blocks(report: Report) -> Iterator[Block]:
    """Every piece of text with where it stands: title, preamble, headings, paragraphs."""
    if report.title:
        yield Block(report.title, None, None, report.title_lines[0].line if report.title_lines else 1)
    for paragraph in report.preamble:
        yield Block(paragraph.text, None, None, paragraph.line)
    for part in report.parts:
        yield Block(part.heading, part.kind, None, part.line)
        for paragraph in part.paragraphs:
            yield Block(paragraph.text, part.kind, None, paragraph.line)
        for section in part.sections:
            label = section.label
            yield Block(section.heading, part.kind, label, section.line)
            for paragraph in section.paragraphs:
                yield Block(paragraph.text, part.kind, label, paragraph.line)


@dataclass(frozen=True)
class Text:
    """The report's blocks joined by newlines: a rule runs each pattern once over the whole
    report (patterns never match a newline, so no match spans two blocks) and finds the
    block of a match by bisection."""

    blocks: tuple[Block, ...]
    joined: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, report: Report) -> Text:
        found = tuple(blocks(report))
        texts = [b.text for b in found]
        starts = itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0) if texts else ()
        return cls(found, "\n".join(texts), tuple(starts))

    def locate(self, position: int) -> tuple[int, Block, int]:
        """(block number, block, offset in it) of a position in ``joined``."""
        number = bisect_right(self.starts, position) - 1
        return number, self.blocks[number], position - self.starts[number]


def excerpt(text: str, start: int, end: int, margin: int = 12) -> str:
    left = max(0, start - margin)
    right = min(len(text), end + margin)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
