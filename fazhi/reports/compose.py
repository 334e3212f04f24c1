"""Drafting a report from the ledger, and the document the renderers write.

A fresh draft takes the unit's own report of the year before as its structure and words;
without one it gets a section per theme with the catalogue's sentence patterns stating the
ledger's figures, as ordinary text the writer changes or deletes. Numbers (一、（一）) are
computed here, from the order, never stored. Pure: figures and texts come in as plain data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import cn2an

from fazhi.indicators import INDICATORS, THEMES

from .document import DocPart, DocSection, DocTable, Document
from .genres import Genre
from .stated import format_value, read_figures


def cn(n: int) -> str:
    """1 -> 一, 11 -> 十一 (cn2an)."""
    return cn2an.an2cn(n)


PART_ORDER = ("measures", "shortcomings", "leadership", "plan", "other")
REQUIRED_PARTS = PART_ORDER[:4]


def part_heading(kind: str, year: int) -> str:
    """The statutory part headings; the plan part always names the following year."""
    return {
        "measures": f"{year}年推进法治政府建设的主要举措和成效",
        "shortcomings": f"{year}年推进法治政府建设存在的不足和原因",
        "leadership": f"{year}年主要负责人履行推进法治建设第一责任人职责、加强法治政府建设有关情况",
        "plan": f"{year + 1}年推进法治政府建设的主要安排",
        "other": "其他需要报告的情况",
    }[kind]


def report_title(unit_name: str, year: int) -> str:
    return f"{unit_name}{year}年度法治政府建设情况报告"


# The annual rule-of-law report's structure; ``apps.py`` registers it with its drafting and checks.
LAW = Genre(
    code="law",
    name="法治政府建设情况报告",
    parts=PART_ORDER,
    required=REQUIRED_PARTS,
    heading=part_heading,
    title=report_title,
    submit_rule="annual-report-submit",
    publish_rule="annual-report-publish",
)


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
LEADERSHIP_HEADING = "履行第一责任人职责，抓实法治建设重点工作"

DEFAULT_PREAMBLE = (
    "{year}年，{unit}在区委、区政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，"
    "深入学习贯彻习近平法治思想，全面推进法治政府建设各项工作。现将{year}年度法治政府建设情况报告如下："
)

# A typed number before a heading ("（二）", "2.", "三、"): numbers are computed, so it is dropped.
_TYPED_NUMBER = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.．、](?!\d))\s*"
)


def bare_heading(heading: str) -> str:
    return _TYPED_NUMBER.sub("", heading.strip(), count=1)


def body_key(part: str) -> str:
    """The key of a part's body text (its paragraphs before any titled section)."""
    return f"{part}.text"


@dataclass
class SectionDraft:
    part: str
    key: str
    heading: str = ""
    text: str = ""

    @property
    def stated(self) -> dict[str, float | int]:
        return read_figures(self.heading, self.text)


def stated_for(part: str, theme: str | None, figures: Mapping[str, float | int | None]) -> dict:
    """The figures a drafted section proposes: its theme's (or the part's) non-zero figures, catalogue order."""
    return {
        i.code: value
        for i in INDICATORS
        if (theme is None or i.theme == theme)
        and part in i.parts
        and (value := figures.get(i.code)) not in (None, 0)
    }


def figure_sentence(stated: Mapping[str, float | int]) -> str:
    """One sentence stating the figures, with the catalogue's first pattern for each."""
    by_code = {i.code: i for i in INDICATORS}
    clauses = [
        by_code[code].patterns[0].format(value=format_value(v), unit=by_code[code].unit)
        for code, v in stated.items()
        if code in by_code and by_code[code].patterns
    ]
    return "，".join(clauses) + "。" if clauses else ""


def draft_sections(figures: Mapping[str, float | int | None]) -> list[SectionDraft]:
    """The sections of a first draft (no report of last year): every part's body, a section per
    theme with figures, and the head's section, each proposing its figure sentence."""
    sections = [SectionDraft("measures", body_key("measures"))]
    for theme in THEMES:
        sentence = figure_sentence(stated_for("measures", theme, figures))
        if sentence:
            sections.append(SectionDraft("measures", f"measures.{theme}", THEME_HEADINGS[theme], sentence))
    sections.append(SectionDraft("shortcomings", body_key("shortcomings")))
    sections.append(SectionDraft("leadership", body_key("leadership")))
    leadership = figure_sentence(stated_for("leadership", None, figures))
    sections.append(SectionDraft("leadership", "leadership.duties", LEADERSHIP_HEADING, leadership))
    sections.append(SectionDraft("plan", body_key("plan")))
    return sections


def paragraphs_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass
class SectionView:
    """What the builder needs of a stored section."""

    part: str
    heading: str
    text: str
    body: bool = False  # the part's body text, not a titled section


def section_numbers(sections: Iterable[SectionView]) -> list[str]:
    """The number each section is shown with: （一）（二）… among its part's titled sections; "" for a body."""
    counters: dict[str, int] = {}
    numbers = []
    for section in sections:
        if section.body:
            numbers.append("")
        else:
            counters[section.part] = counters.get(section.part, 0) + 1
            numbers.append(f"（{cn(counters[section.part])}）")
    return numbers


def part_headings(
    year: int, own: Mapping[str, str], sections: Iterable[SectionView], genre: Genre = LAW
) -> list[tuple[str, str]]:
    """(kind, heading) of the parts the report has, in order: the statutory parts unless the
    unit left one out (heading ""), and an optional part ("other") when it has a heading or words."""
    with_words = {s.part for s in sections if s.text.strip() or not s.body}
    out = []
    for kind in genre.parts:
        heading = own.get(kind, genre.heading(kind, year) if kind in genre.required else "")
        if heading or kind in with_words:
            out.append((kind, heading or genre.heading(kind, year)))
    return out


def build_document(
    *,
    unit_name: str,
    year: int,
    preamble: str,
    sections: Iterable[SectionView],
    headings: Mapping[str, str] | None = None,
    signed_on=None,
    genre: Genre = LAW,
    tables: Mapping[str, list[DocTable]] | None = None,
) -> Document:
    """``tables``: by part kind, the tables printed after a part's text (a genre's, from records)."""
    sections = list(sections)
    parts = {
        kind: DocPart(kind, f"{cn(n)}、", heading, tables=list((tables or {}).get(kind, [])))
        for n, (kind, heading) in enumerate(part_headings(year, headings or {}, sections, genre), 1)
    }
    for section, number in zip(sections, section_numbers(sections), strict=True):
        part = parts.get(section.part)
        if part is None:
            continue
        paragraphs = paragraphs_of(section.text)
        if section.body:
            part.paragraphs += paragraphs
        else:
            part.sections.append(DocSection(number, section.heading, paragraphs))
    return Document(
        title=genre.title(unit_name, year),
        issuer=unit_name,
        preamble=paragraphs_of(preamble),
        parts=list(parts.values()),
        signed_on=signed_on,
    )
