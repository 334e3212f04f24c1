"""What the rules share: the report's text blocks with their location, and excerpts."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import PartKind, Report


@dataclass(frozen=True)
class Block:
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
            yield Block(section.heading, part.kind, section.label, section.line)
            for paragraph in section.paragraphs:
                yield Block(paragraph.text, part.kind, section.label, paragraph.line)


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
        starts, at = [], 0
        for block in found:
            starts.append(at)
            at += len(block.text) + 1
        return cls(found, "\n".join(b.text for b in found), tuple(starts))

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
