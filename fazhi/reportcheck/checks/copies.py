"""`copied-paragraph`: paragraphs that are near-copies of another report's.

The comparison and the search are ``copyindex``'s: a ``Corpus`` (``--against FOLDER``, and
the platform's campaign check) is a ``CopyIndex`` held in memory with whole paragraphs; the
persistent index (``--index FILE``) is the same on disk. Both find exactly what comparing
every pair of paragraphs would.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..copyindex import CopyIndex, Entry, IndexedParagraph, Match, comparable
from ..errors import ReportError
from ..model import Finding, Report
from .base import shorten

SUFFIXES = (".txt", ".docx", ".pdf")


class Corpus:
    """Other reports to compare with, indexed paragraph by paragraph in memory."""

    def __init__(self) -> None:
        self.index = CopyIndex(text_chars=None)
        self.skipped: list[str] = []  # files that could not be read

    @classmethod
    def from_dir(cls, directory: Path) -> Corpus:
        from ..parse import parse_file

        corpus = cls()
        for path in report_files(directory):
            try:
                corpus.add(parse_file(path))
            except ReportError:
                corpus.skipped.append(str(path))
        return corpus

    @classmethod
    def of(cls, reports: Iterable[Report]) -> Corpus:
        corpus = cls()
        corpus.index.add_many((report, None, "") for report in reports)
        return corpus

    def add(self, report: Report) -> None:
        self.index.add(report)

    @property
    def entries(self) -> list[Entry]:
        return self.index.entries()

    def similar(self, report: Report) -> Iterator[tuple[IndexedParagraph, Entry, IndexedParagraph, float]]:
        """For each long paragraph of ``report``, its closest near-copy in another report."""
        for match in self.index.similar(report):
            yield match.paragraph, match.entry, match.other, match.score


def report_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())


def comparable_paragraphs(report: Report) -> list[str]:
    """The paragraphs long enough to be compared (shorter ones are stock phrases)."""
    return [p.text for p in comparable(report)]


CopySource = Corpus | CopyIndex  # --against FOLDER, --index FILE


def copied_paragraph(report: Report, sources: Sequence[CopySource]) -> Iterator[Finding]:
    """Each paragraph's best source among all ``sources`` (the first on a tie)."""
    best: dict[int, Match] = {}
    for source in sources:
        for match in _matches(source, report):
            held = best.get(match.number)
            if held is None or match.score > held.score:
                best[match.number] = match
    for number in sorted(best):
        match = best[number]
        yield Finding(
            "copied-paragraph",
            "warning",
            f"本段与{_describe(report, match.entry)}中的一段高度相似（相似度约{match.score:.0%}）："
            f"“{shorten(match.other.text, 30)}”。请结合本单位本年度的实际工作重写。",
            match.paragraph.part,
            match.paragraph.section,
            shorten(match.paragraph.text),
        )


def _matches(source: CopySource, report: Report) -> Iterable[Match]:
    if isinstance(source, Corpus):
        return source.index.similar(report)
    return source.similar(report)


def _describe(report: Report, entry: Entry) -> str:
    name = Path(entry.source).name if entry.source and not entry.source.startswith("#") else ""
    title = f"《{entry.title}》" if entry.title else ""
    where = f"{title}（{name}）" if name else title
    if report.unit and entry.unit == report.unit and entry.year and report.year and entry.year < report.year:
        return f"本单位{entry.year}年度报告{where}"
    if entry.unit and entry.unit != report.unit:
        return f"其他单位（{entry.unit}）的报告{where}"
    return f"另一份报告{where}"
