"""Lines → title, preamble, parts and their numbered sections (figures come after)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ..model import Paragraph, Part, PartKind, Report, Section
from ..readers import SourceLine
from .kinds import is_strong_heading, kinds_of, year_in
from .markers import RANK, Marker, part_marker, section_marker
from .numerals import small_int
from .title import opening_unit, preamble_year, signature_unit, split_title, title_year, unit_line, unit_of

_STOP = re.compile(r"[。！？；：!?;:]")
_SENTENCE_STOP = re.compile(r"[。！？；!?;]")
_INLINE_ITEM = re.compile(r"(?<=[。；;！？!?])(?P<n>[一二三四五六七八九十]{1,3})是")
_HEADLINE_STYLES = ("paren-cn", "arabic", "paren-arabic")
_NO_KIND: PartKind = "other"  # a heading that names no part; _settle_kinds may read its year


def split_heading(rest: str) -> tuple[str, str, str]:
    """A numbered line's text → (heading, stop after it, body on the same line)."""
    match = _STOP.search(rest)
    if match is None:
        return rest, "", ""
    return rest[: match.start()], match.group(0), rest[match.end() :]


@dataclass
class _Builder:
    report: Report
    part: Part | None = None
    section: Section | None = None
    style: str | None = None  # the numbering style of the current part's sections
    kindless: list[Part] = field(default_factory=list)

    def feed(self, line: SourceLine, following: SourceLine | None) -> None:
        marker = section_marker(line.text)  # read once: the items and the section both need it
        pieces = self._item_pieces(line, marker)
        if len(pieces) > 1:
            for index, piece in enumerate(pieces):
                self.feed(piece, pieces[index + 1] if index + 1 < len(pieces) else following)
            return
        if self._start_part(line):
            return
        if self.part is None:
            self.report.preamble.append(Paragraph(line.text, line.number))
            return
        if line.level == 1:
            marker = None
        if marker is not None and self._opens_section(marker):
            self._add_section(marker, line)
        elif line.level == 2 or self._unnumbered_heading(line, following):
            self._add_section(None, line)
        else:
            target = self.section.paragraphs if self.section else self.part.paragraphs
            target.append(Paragraph(line.text, line.number))

    def _item_pieces(self, line: SourceLine, marker: Marker | None) -> list[SourceLine]:
        """ "一是……。二是……。" on one line are two sections when "一是" numbers the part's sections
        (``marker``: the line's section marker)."""
        if self.part is None or marker is None or marker.style != "shi" or self.style not in (None, "shi"):
            return [line]
        cuts, ordinal = [], marker.ordinal
        for match in _INLINE_ITEM.finditer(line.text, len(marker.number)):
            if small_int(match.group("n")) == ordinal + 1:
                cuts.append(match.start("n"))
                ordinal += 1
        bounds = [0, *cuts, len(line.text)]
        return [SourceLine(line.text[a:b], line.number, line.level) for a, b in itertools.pairwise(bounds)]

    def _start_part(self, line: SourceLine) -> bool:
        if line.level is not None and line.level >= 2:
            return False
        marker = part_marker(line.text)
        if marker is not None and (line.level == 1 or len(marker.rest) <= 100):
            self._add_part(marker.number, marker.ordinal, marker.rest, line)
            return True
        if line.level == 1 or self._unnumbered_part(line.text):
            self._add_part("", None, line.text, line)
            return True
        return False

    def _unnumbered_part(self, text: str) -> bool:
        return (
            len(text) <= 40
            and is_strong_heading(text)
            and "，" not in text
            and not _SENTENCE_STOP.search(text)
            and section_marker(text) is None
        )

    def _add_part(self, number: str, ordinal: int | None, rest: str, line: SourceLine) -> None:
        heading, end, body = split_heading(rest)
        kinds = kinds_of(heading)
        part = Part(
            kinds[0] if kinds else _NO_KIND,
            number,
            heading,
            line.number,
            year_in(heading),
            ordinal,
            kinds[1:],
            end,
            named=bool(kinds),
        )
        if body:
            part.paragraphs.append(Paragraph(body, line.number))
        if not kinds:
            self.kindless.append(part)
        self.report.parts.append(part)
        self.part, self.section, self.style = part, None, None

    def _opens_section(self, marker: Marker) -> bool:
        if self.style is None:
            self.style = marker.style
            return True
        return RANK[marker.style] <= RANK[self.style]

    def _add_section(self, marker: Marker | None, line: SourceLine) -> None:
        assert self.part is not None
        rest = marker.rest if marker else line.text
        heading, end, body = split_heading(rest)
        section = Section(
            number=marker.number if marker else "",
            heading=heading,
            line=line.number,
            style=marker.style if marker else None,
            ordinal=marker.ordinal if marker else None,
            heading_end=end,
            standalone=not body,
        )
        if body:
            section.paragraphs.append(Paragraph(body, line.number))
        self.part.sections.append(section)
        self.section = section

    def _unnumbered_heading(self, line: SourceLine, following: SourceLine | None) -> bool:
        """A heading-like line that lost its number, among numbered headline sections."""
        section = self.section
        if self.style not in _HEADLINE_STYLES or section is None or not section.standalone:
            return False
        if not section.paragraphs or following is None or not _heading_like(line.text):
            return False
        return self._body_like(following.text)

    def _body_like(self, text: str) -> bool:
        if part_marker(text) is not None:
            return False
        marker = section_marker(text)
        if marker is not None:
            return self.style is not None and RANK[marker.style] > RANK[self.style]
        return not _heading_like(text)


def _heading_like(text: str) -> bool:
    return len(text) <= 40 and not _STOP.search(text) and not text.endswith(("，", "、", ","))


def build_structure(lines: list[SourceLine]) -> Report:
    title_lines, body = split_title(lines)
    title = "".join(line.text for line in title_lines)
    report = Report(title=title, unit=unit_of(title), year=title_year(title))
    report.title_lines = [Paragraph(line.text, line.number) for line in title_lines]
    builder = _Builder(report)
    for index, line in enumerate(body):
        builder.feed(line, body[index + 1] if index + 1 < len(body) else None)
    _settle_year(report)
    _settle_unit(report)
    _settle_kinds(report, builder.kindless)
    return report


def _settle_year(report: Report) -> None:
    """No year in the title: the year the opening reports on, else that of the measures part
    (never a plan's year, which is the next one)."""
    if report.year is None:
        report.year = preamble_year([p.text for p in report.preamble[:3]])
    if report.year is None:
        report.year = next((p.year for p in report.parts if p.year and p.kind == "measures"), None)


def _settle_unit(report: Report) -> None:
    """No unit in the title: the line under it, the opening sentence's 发文机关, the signature."""
    if report.unit is None:
        report.unit = next((u for p in report.preamble[:2] if (u := unit_line(p.text))), None)
    if report.unit is None:
        report.unit = opening_unit([p.text for p in report.preamble[:2]])
    if report.unit is None:
        report.unit = signature_unit([p.text for p in _closing(report)])


def _closing(report: Report) -> list[Paragraph]:
    """The last paragraphs of the report, where the signature block stands."""
    if not report.parts:
        return report.preamble[-3:]
    last = report.parts[-1]
    paragraphs = last.sections[-1].paragraphs if last.sections else last.paragraphs
    return paragraphs[-3:]


def theme_parts(report: Report) -> list[Part]:
    """Parts whose heading names only a theme ("一、坚持党的领导，统筹推进法治建设"), standing where
    the measures stand (before the shortcomings, the plan or the other matters): their kind is
    "other" with ``named`` false, yet they are the measures' content, not the statutory "other"
    part: not to be merged with it or with each other (as importing a report into the editor did)."""
    themes = []
    for part in report.parts:
        if part.named and part.kind in ("shortcomings", "plan", "other"):
            break
        if not part.named:
            themes.append(part)
    return themes


def _settle_kinds(report: Report, kindless: list[Part]) -> None:
    """A part titled only by its theme names no part: it stays "other" (the checker says so),
    unless its year says which it is: the next year's is the plan, the report year's (before
    the shortcomings or plan begin) the measures."""
    seen_later = False
    for part in report.parts:
        if part in kindless:
            if report.year and part.year == report.year + 1:
                part.kind, part.named = "plan", True
            elif report.year and part.year == report.year and not seen_later:
                part.kind, part.named = "measures", True
        elif part.kind in ("shortcomings", "plan", "other"):
            seen_later = True
