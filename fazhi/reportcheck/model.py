"""The parsed report and the checker's findings, as plain dataclasses.

Text is kept exactly as written: a line's characters end up in exactly one place
(title, preamble, a part's heading or intro, a section's number, heading or
paragraphs), so nothing the checker should see is lost (see ``Report.pieces``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

PartKind = Literal["measures", "shortcomings", "leadership", "plan", "other"]
Severity = Literal["error", "warning", "info"]

# The order of 《法治政府建设与责任落实督察工作规定》 (docs/domain.md#annual-report-parts); part 5 ("other") is optional here, see docs/domain.md#open-questions.
REQUIRED_KINDS: tuple[PartKind, ...] = ("measures", "shortcomings", "leadership", "plan")
KIND_NAMES: dict[str, str] = {
    "measures": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "leadership": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "plan": "下一年度主要安排",
    "other": "其他需要报告的情况",
}


@dataclass
class Paragraph:
    text: str
    line: int  # 1-based line (txt, pdf) or paragraph (docx) number in the source


@dataclass
class Section:
    number: str  # as written: "（一）", "一是", "1." ...; "" when the heading has none
    heading: str
    line: int
    style: str | None = None  # "paren-cn", "shi", "arabic", "paren-arabic", "ordinal"; None unnumbered
    ordinal: int | None = None
    heading_end: str = ""  # the stop after an inline heading ("。"), kept for losslessness
    standalone: bool = True  # the heading has a line of its own (no body on it)
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def label(self) -> str:
        heading = self.heading if len(self.heading) <= 24 else self.heading[:24] + "…"
        return f"{self.number}{heading}"

    @property
    def text(self) -> str:
        """Heading and body as one string, for rules that read the whole section."""
        return "".join([self.heading, self.heading_end, *(p.text for p in self.paragraphs)])

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "heading": self.heading,
            "heading_end": self.heading_end,
            "paragraphs": [p.text for p in self.paragraphs],
        }


@dataclass
class Part:
    kind: PartKind
    number: str  # "一、", "第一部分" ...; "" when unnumbered
    heading: str
    line: int
    year: int | None = None
    ordinal: int | None = None
    also: tuple[PartKind, ...] = ()  # further kinds one heading covers ("存在的问题和下一步打算")
    heading_end: str = ""
    named: bool = True  # False: the heading names no statutory part (kind "other" then, never a guess)
    paragraphs: list[Paragraph] = field(default_factory=list)  # before the first section
    sections: list[Section] = field(default_factory=list)

    @property
    def kinds(self) -> tuple[PartKind, ...]:
        return (self.kind, *self.also)

    @property
    def label(self) -> str:
        return f"{self.number}{self.heading}"

    def is_empty(self) -> bool:
        return not self.paragraphs and not self.sections

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "number": self.number,
            "heading": self.heading,
            "heading_end": self.heading_end,
            "year": self.year,
            "paragraphs": [p.text for p in self.paragraphs],  # under the heading, before any section
            "sections": [s.to_dict() for s in self.sections],
        }


# Multipliers written before a measure word: "92.4万名" is 92.4 of the unit 万名 (924,000 名).
SCALES: dict[str, int] = {"万": 10_000, "亿": 100_000_000}


def scale_of(unit: str) -> int:
    """10,000 for "万名", "万元", "万人次"; 1 for a plain measure word."""
    return SCALES.get(unit[:1], 1) if len(unit) > 1 else 1


def base_unit(unit: str) -> str:
    """ "万人次" → "人次": the measure word without its multiplier."""
    return unit[1:] if scale_of(unit) != 1 else unit


def amount_of(value: int | float, unit: str) -> int | float:
    """The value counted in the plain measure word: 92.4 万名 → 924000."""
    scale = scale_of(unit)
    if scale == 1:
        return value
    amount = round(value * scale, 6)
    return int(amount) if float(amount).is_integer() else amount


@dataclass
class Figure:
    indicator: str | None
    value: int | float  # as written: 92.4 for "92.4万名"
    unit: str  # as written, with its multiplier: "万名"
    text: str  # the phrase that states it, as written
    part: PartKind | None  # None: the preamble
    section: str | None
    line: int

    @property
    def scale(self) -> int:
        return scale_of(self.unit)

    @property
    def amount(self) -> int | float:
        """The value in the plain measure word (924000 for 92.4 万名), to compare with counts."""
        return amount_of(self.value, self.unit)

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "value": self.value,
            "unit": self.unit,
            "text": self.text,
            "part": self.part,
        }


@dataclass
class Report:
    title: str
    unit: str | None
    year: int | None
    source: str = ""
    title_lines: list[Paragraph] = field(default_factory=list)
    preamble: list[Paragraph] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def parts_of(self, kind: PartKind) -> list[Part]:
        return [p for p in self.parts if kind in p.kinds]

    def pieces(self) -> Iterator[str]:
        """Every stored piece of text in document order (joined: the input minus blanks)."""
        yield from (p.text for p in self.title_lines)
        yield from (p.text for p in self.preamble)
        for part in self.parts:
            yield from (part.number, part.heading, part.heading_end)
            yield from (p.text for p in part.paragraphs)
            for section in part.sections:
                yield from (section.number, section.heading, section.heading_end)
                yield from (p.text for p in section.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """Every character of the text stands in exactly one of the text fields (``title``,
        ``preamble``, a part's or section's ``number``, ``heading``, ``heading_end`` and
        ``paragraphs``), in document order; ``unit``, ``year``, kinds and figures are read from them."""
        return {
            "title": self.title,
            "unit": self.unit,
            "year": self.year,
            "preamble": [p.text for p in self.preamble],
            "parts": [p.to_dict() for p in self.parts],
            "figures": [f.to_dict() for f in self.figures],
        }


@dataclass
class Finding:
    rule: str
    severity: Severity
    message: str
    part: PartKind | None = None
    section: str | None = None
    excerpt: str = ""
    line: int | None = None

    def to_dict(self, file: str) -> dict[str, Any]:
        return {
            "file": file,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "part": self.part,
            "section": self.section,
            "excerpt": self.excerpt,
        }
