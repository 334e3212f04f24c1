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


@dataclass
class DocPart:
    kind: str  # measures / shortcomings / leadership / plan / other
    number: str  # "一、"
    heading: str  # "2024年推进法治政府建设的主要举措和成效"
    paragraphs: list[str] = field(default_factory=list)  # before the first section
    sections: list[DocSection] = field(default_factory=list)


@dataclass
class Document:
    title: str  # "南开区政府办公室2024年度法治政府建设情况报告"
    issuer: str  # 落款：the unit's full name
    preamble: list[str] = field(default_factory=list)
    parts: list[DocPart] = field(default_factory=list)
    signed_on: date | None = None  # 成文日期

    def lines(self) -> list[str]:
        """The document as plain text lines, in reading order (the .txt rendering)."""
        out = [self.title, "", *self.preamble]
        for part in self.parts:
            out += ["", f"{part.number}{part.heading}", *part.paragraphs]
            for section in part.sections:
                out += [f"{section.number}{section.heading}", *section.paragraphs]
        out += ["", self.issuer]
        if self.signed_on:
            out.append(f"{self.signed_on.year}年{self.signed_on.month}月{self.signed_on.day}日")
        return out
