"""Word list numbering rendered as Word shows it ("一、", "（二）", "1.").

python-docx gives a paragraph's typed text only; a heading numbered by Word's
list numbering (numbering.xml) would lose its "一、". This renders the label from
the level's format and text template, counting as Word does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

CN_DIGITS = "零一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一 (up to 99, enough for headings)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


def _roman(n: int) -> str:
    pairs = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = ""
    for value, letters in pairs:
        count, n = divmod(n, value)
        out += letters * count
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "taiwaneseCounting"):
        return chinese_counting(n)
    if fmt == "ideographTraditional":
        return TIANGAN[(n - 1) % 10]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= len(CIRCLED):
        return CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    return str(n)


@dataclass
class Level:
    fmt: str
    text: str
    start: int
    style: str | None


@dataclass
class Numbering:
    """Reads numbering.xml once; ``label(paragraph)`` is called in document order."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId → ilvl → Level
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Any) -> Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        for abstract in root.iterchildren(qn("w:abstractNum")):
            numbering.levels[abstract.get(qn("w:abstractNumId"))] = _levels(abstract)
        for num in root.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                numbering.nums[num.get(qn("w:numId"))] = ref.get(qn("w:val"))
        return numbering

    def label(self, paragraph: Any) -> str:
        found = _num_pr(paragraph)
        if found is None:
            return ""
        num_id, ilvl = found
        abstract_id = self.nums.get(num_id)
        levels = self.levels.get(abstract_id or "", {})
        if ilvl is None:
            style_id = paragraph.style.style_id if paragraph.style is not None else None
            ilvl = next((i for i, lv in levels.items() if lv.style == style_id), 0)
        level = levels.get(ilvl)
        if abstract_id is None or level is None or level.fmt in ("bullet", "none"):
            return ""
        return self._advance(abstract_id, ilvl, levels)

    def _advance(self, abstract_id: str, ilvl: int, levels: dict[int, Level]) -> str:
        counts = self.counters.setdefault(abstract_id, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # a higher level restarts the levels under it
        text = levels[ilvl].text
        for lv in range(ilvl, -1, -1):
            if lv in levels:
                value = counts.get(lv, levels[lv].start)
                text = text.replace(f"%{lv + 1}", format_number(value, levels[lv].fmt))
        return text


def _levels(abstract: Any) -> dict[int, Level]:
    levels = {}
    for lvl in abstract.iterchildren(qn("w:lvl")):
        levels[int(lvl.get(qn("w:ilvl")))] = Level(
            fmt=_val(lvl, "w:numFmt") or "decimal",
            text=_val(lvl, "w:lvlText") or "",
            start=int(_val(lvl, "w:start") or 1),
            style=_val(lvl, "w:pStyle"),
        )
    return levels


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _num_pr(paragraph: Any) -> tuple[str, int | None] | None:
    """(numId, ilvl) from the paragraph, else from its style chain; numId 0 means "no list"."""
    sources = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        sources.append(style.element.pPr)
        style = style.base_style
    for ppr in sources:
        num_pr = None if ppr is None else ppr.find(qn("w:numPr"))
        if num_pr is None:
            continue
        num_id = _val(num_pr, "w:numId")
        if not num_id or num_id == "0":
            return None
        ilvl = _val(num_pr, "w:ilvl")
        return num_id, None if ilvl is None else int(ilvl)
    return None
