"""A report as a document to render: pure dataclasses, no Django.

The drafter (``compose.py``) builds one from the ledger and the unit's own text;
the renderers (``render/docx.py``, ``render/html.py``, ``render/txt.py``) write it out.
Numbers are stored as written ("一、", "（一）") so what is rendered is what the
checker reads back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class DocSection:
    number: str  # "（一）"
    heading: str  # "强化法治学习教育"
    paragraphs: list[str] = field(default_factory=list)


Cell = tuple[str, int, int]  # a table cell: its text, the columns and the rows it spans


@dataclass
class DocTable:
    """A table printed after a part's text (the disclosure report's tables 2, 3 and 4), laid out
    as printed: rows of cells, merged cells spanning columns and rows below them."""

    key: str  # "table3": what a reader of the rendered file finds it by
    rows: list[list[Cell]]
    label_mm: float = 0  # the width of the first column (row labels); 0: all columns alike
    label_from: int = 0  # the first row whose first cell is a row label (left-aligned)
    font_pt: float = 10.5


@dataclass
class DocPart:
    kind: str  # measures / shortcomings / leadership / plan / other
    number: str  # "一、"
    heading: str  # "2024年推进法治政府建设的主要举措和成效"
    paragraphs: list[str] = field(default_factory=list)  # before the first section
    sections: list[DocSection] = field(default_factory=list)
    tables: list[DocTable] = field(default_factory=list)  # after the part's text


@dataclass
class Document:
    title: str  # "南开区政府办公室2024年度法治政府建设情况报告"
    issuer: str  # 落款：the unit's full name
    preamble: list[str] = field(default_factory=list)
    parts: list[DocPart] = field(default_factory=list)
    signed_on: date | None = None  # 成文日期

    def lines(self, *, tables: bool = True) -> list[str]:
        """The document as plain text lines, in reading order (the .txt rendering); a table's row
        is its cells' texts joined by tabs. ``tables=False``: the words only (what is compared)."""
        out = [self.title, "", *self.preamble]
        for part in self.parts:
            out += ["", f"{part.number}{part.heading}", *part.paragraphs]
            for section in part.sections:
                out += [f"{section.number}{section.heading}", *section.paragraphs]
            for table in part.tables if tables else []:
                out += ["\t".join(text.replace("\n", "") for text, _span, _down in row) for row in table.rows]
        out += ["", self.issuer]
        if self.signed_on:
            out.append(f"{self.signed_on.year}年{self.signed_on.month}月{self.signed_on.day}日")
        return out
