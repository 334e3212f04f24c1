"""Drafting a report from the ledger: which sections a unit-year gets, which figures
each states and in what words (the catalogue's sentence patterns), and the document
that the renderers write. Pure: figures and texts come in as plain data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import cn2an

from fazhi.indicators import INDICATORS, THEMES, Indicator

from .document import DocPart, DocSection, Document


def cn(n: int) -> str:
    """1 -> 一, 11 -> 十一 (cn2an)."""
    return cn2an.an2cn(n)


PART_ORDER = ("measures", "shortcomings", "leadership", "plan")


def part_heading(kind: str, year: int) -> str:
    """The statutory part headings; the plan part always names the following year."""
    return {
        "measures": f"{year}年推进法治政府建设的主要举措和成效",
        "shortcomings": f"{year}年推进法治政府建设存在的不足和原因",
        "leadership": f"{year}年主要负责人履行推进法治建设第一责任人职责、加强法治政府建设有关情况",
        "plan": f"{year + 1}年推进法治政府建设的主要安排",
    }[kind]


def report_title(unit_name: str, year: int) -> str:
    return f"{unit_name}{year}年度法治政府建设情况报告"


THEME_HEADINGS = {
    "learning": "强化法治学习教育，提升依法行政能力",
    "publicity": "深入开展普法宣传，营造浓厚法治氛围",
    "rules": "注重规范建章立制，完善内部管理制度",
    "decisions": "坚持依法科学民主决策，严格落实决策程序",
    "review": "严格合法性审核，规范文件制发",
    "disclosure": "深化政务公开，保障群众知情权监督权",
    "proposals": "认真办理建议提案，自觉接受人大政协监督",
    "cases": "依法化解行政争议，落实负责人出庭应诉",
}
LEADERSHIP_KEY = "leadership.duties"
LEADERSHIP_HEADING = "履行第一责任人职责，抓实法治建设重点工作"

DEFAULT_TEXTS = {
    "preamble": "{year}年，{unit}在区委、区政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，"
    "深入学习贯彻习近平法治思想，全面推进法治政府建设各项工作。现将{year}年度法治政府建设情况报告如下：",
    "shortcomings.text": "",
    "plan.text": "",
}


@dataclass
class SectionDraft:
    part: str
    key: str
    heading: str
    text: str = ""
    stated: dict[str, float | int] = field(default_factory=dict)


def _states(indicator: Indicator, part: str, value) -> bool:
    return part in indicator.parts and value not in (None, 0)


def stated_for(part: str, theme: str | None, figures: Mapping[str, float | int | None]) -> dict:
    """The figures a section states: its theme's (or the part's) non-zero figures, catalogue order."""
    return {
        i.code: figures[i.code]
        for i in INDICATORS
        if (theme is None or i.theme == theme) and _states(i, part, figures.get(i.code))
    }


def draft_sections(
    figures: Mapping[str, float | int | None], previous: Mapping[str, tuple[str, str]]
) -> list[SectionDraft]:
    """The sections of a fresh draft. ``previous`` maps a section key to (heading, text)
    of the unit's own report of the year before, the starting point for its narrative."""
    sections: list[SectionDraft] = []
    for theme in THEMES:
        key = f"measures.{theme}"
        stated = stated_for("measures", theme, figures)
        if stated or key in previous:
            heading, text = previous.get(key, (THEME_HEADINGS[theme], ""))
            sections.append(SectionDraft("measures", key, heading, text, stated))
    sections.append(
        SectionDraft("shortcomings", "shortcomings.text", "", previous.get("shortcomings.text", ("", ""))[1])
    )
    heading, text = previous.get(LEADERSHIP_KEY, (LEADERSHIP_HEADING, ""))
    sections.append(
        SectionDraft("leadership", LEADERSHIP_KEY, heading, text, stated_for("leadership", None, figures))
    )
    sections.append(SectionDraft("plan", "plan.text", "", previous.get("plan.text", ("", ""))[1]))
    return sections


def format_value(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def figure_sentence(stated: Mapping[str, float | int]) -> str:
    """One sentence stating the figures, with the catalogue's first pattern for each."""
    by_code = {i.code: i for i in INDICATORS}
    clauses = [
        by_code[code].patterns[0].format(value=format_value(v), unit=by_code[code].unit)
        for code, v in stated.items()
        if code in by_code and by_code[code].patterns
    ]
    return "，".join(clauses) + "。" if clauses else ""


def paragraphs_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def section_paragraphs(text: str, stated: Mapping[str, float | int]) -> list[str]:
    paragraphs = paragraphs_of(text)
    sentence = figure_sentence(stated)
    return [*paragraphs, sentence] if sentence else paragraphs


@dataclass
class SectionView:
    """What the builder needs of a stored section."""

    part: str
    heading: str
    text: str
    stated: Mapping[str, float | int]


def section_numbers(sections: Iterable[SectionView]) -> list[str]:
    """The number each section is rendered with: （一）（二）… within its part; "" for a part's body text."""
    counters: dict[str, int] = {}
    numbers = []
    for section in sections:
        if section.heading:
            counters[section.part] = counters.get(section.part, 0) + 1
            numbers.append(f"（{cn(counters[section.part])}）")
        else:
            numbers.append("")
    return numbers


def build_document(
    *, unit_name: str, year: int, preamble: str, sections: Iterable[SectionView], signed_on=None
) -> Document:
    sections = list(sections)
    parts = {
        kind: DocPart(kind, f"{cn(n)}、", part_heading(kind, year)) for n, kind in enumerate(PART_ORDER, 1)
    }
    for section, number in zip(sections, section_numbers(sections), strict=True):
        part = parts[section.part]
        paragraphs = section_paragraphs(section.text, section.stated)
        if number:
            part.sections.append(DocSection(number, section.heading, paragraphs))
        else:
            part.paragraphs += paragraphs
    return Document(
        title=report_title(unit_name, year),
        issuer=unit_name,
        preamble=paragraphs_of(preamble),
        parts=list(parts.values()),
        signed_on=signed_on,
    )
