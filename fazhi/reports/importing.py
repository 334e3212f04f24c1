"""A report written in Word (or last year's, as a starting point) turned into the platform's
report: its own part headings, titled sections and paragraphs, read by the report engine.

The words are kept as written; only what the platform computes is left to it, and said:
numbers of parts and sections, the title line, the signature block. Every line of the file
ends up in the preamble, a part heading, a section heading or a text. Pure: no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fazhi.reportcheck import Report as Parsed
from fazhi.reportcheck import Section
from fazhi.reportcheck.parse.structure import theme_parts
from fazhi.reportcheck.readers import SourceLine

from .compose import SectionDraft, bare_heading, body_key, cn, part_heading, report_title

_DATE = re.compile(r"^\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日\s*$")


@dataclass
class Imported:
    preamble: str
    headings: dict[str, str]
    sections: list[SectionDraft]
    notes: list[str] = field(default_factory=list)  # what was normalised, in Chinese


def _titled(section: Section) -> bool:
    """A section with a heading of its own; 一是/二是 items run inside the text, unless one stands
    alone on its line as a heading ("一是加强组织领导", no sentence after it)."""
    return section.style != "shi" or (section.standalone and not section.heading_end)


def imported_report(parsed: Parsed, lines: list[SourceLine], *, unit_name: str, year: int) -> Imported:
    by_number: dict[int, list[str]] = {}
    for line in lines:
        by_number.setdefault(line.number, []).append(line.text)
    notes: list[str] = []
    title = report_title(unit_name, year)
    written_title = "".join(p.text for p in parsed.title_lines)
    if written_title and written_title.replace(" ", "") != title:
        notes.append(f"标题由平台按单位和年度生成为“{title}”，原标题“{written_title}”未保留。")
    preamble = "\n".join(p.text for p in parsed.preamble)
    headings: dict[str, str] = {}
    sections: list[SectionDraft] = []
    ends = [p.line for p in parsed.parts[1:]] + [max(by_number, default=0) + 1]
    themes = {id(p) for p in theme_parts(parsed)}
    seen_kinds: set[str] = set()
    for part, end in zip(parsed.parts, ends, strict=True):
        if id(part) in themes:
            sections += _theme_section(part, end, by_number, sections)
            continue
        kind = part.kind if part.kind not in seen_kinds else "other"
        if kind in seen_kinds:
            notes.append(f"第二个“其他”部分“{part.heading}”并入前一个“其他”部分。")
        seen_kinds.add(kind)
        headings.setdefault(kind, part.heading)
        for also in part.also:
            headings.setdefault(also, "")  # covered under this part's heading
        sections += _part_sections(kind, part, end, by_number, notes)
    if themes:
        headings.setdefault("measures", part_heading("measures", year))
        names = "、".join(f"“{bare_heading(p.heading)}”" for p in parsed.parts if id(p) in themes)
        notes.append(
            f"{names}{len(themes)}个以主题为题的部分写的是主要举措和成效，已作为“{headings['measures']}”"
            "部分的小标题导入，其下各段原样保留。"
        )
    for kind in ("measures", "shortcomings", "leadership", "plan"):
        headings.setdefault(kind, "")  # a part the file does not have is not invented
    _drop_signature(sections, unit_name, notes)
    return Imported(preamble, headings, _one_per_key(sections), notes)


def _one_per_key(sections: list[SectionDraft]) -> list[SectionDraft]:
    """A part's body met twice (a measures part after its theme parts) is one body, its texts in order."""
    first: dict[str, SectionDraft] = {}
    out = []
    for section in sections:
        if section.key in first:
            kept = first[section.key]
            kept.text = "\n".join(t for t in (kept.text, section.text) if t)
        else:
            first[section.key] = section
            out.append(section)
    return out


def _theme_section(part, end: int, by_number: dict[int, list[str]], before: list[SectionDraft]):
    """A part titled by its theme ("一、坚持党的领导，统筹推进法治建设") is the measures' content: one
    titled section of the measures, every line under it kept as its text (its own （一）（二）
    headings included, as lines)."""
    out = (
        []
        if any(s.key == body_key("measures") for s in before)
        else [SectionDraft("measures", body_key("measures"))]
    )
    count = sum(1 for s in before if s.key.startswith("measures.t")) + 1
    lines = [p.text for p in part.paragraphs if p.line == part.line]
    for number in range(part.line + 1, end):
        lines += by_number.get(number, [])
    out.append(SectionDraft("measures", f"measures.t{count}", bare_heading(part.heading), "\n".join(lines)))
    return out


def _part_sections(kind: str, part, end: int, by_number: dict[int, list[str]], notes: list[str]):
    titled = {s.line: s for s in part.sections if _titled(s)}
    body = SectionDraft(kind, body_key(kind))
    out = [body]
    current = body
    texts: dict[int, list[str]] = {id(body): [p.text for p in part.paragraphs if p.line == part.line]}
    count = 0
    for number in range(part.line + 1, end):
        if number not in by_number:
            continue
        section = titled.get(number)
        if section is None:
            texts[id(current)].extend(by_number[number])
            continue
        count += 1
        if section.number == "":
            notes.append(f"“{section.heading}”原无序号，现按顺序编为（{cn(count)}）。")
        current = SectionDraft(kind, f"{kind}.s{count}", bare_heading(section.heading))
        out.append(current)
        texts[id(current)] = [p.text for p in section.paragraphs if p.line == number]
    for draft in out:
        draft.text = "\n".join(texts[id(draft)])
    return out


def _drop_signature(sections: list[SectionDraft], unit_name: str, notes: list[str]) -> None:
    """The closing unit name and date are the platform's signature block, not text."""
    if not sections:
        return
    last = sections[-1]
    lines = last.text.split("\n")
    dropped = []
    while lines and (_DATE.match(lines[-1]) or lines[-1].strip() == unit_name):
        dropped.insert(0, lines.pop())
    if dropped:
        last.text = "\n".join(lines)
        notes.append(f"落款“{' '.join(dropped)}”由平台在审定时生成（成文日期为审定日期），未作为正文导入。")
