"""`copied-paragraph`: paragraphs that are near-copies of another report in a corpus.

MinHash over character 4-grams estimates how much two paragraphs share; an LSH
index (datasketch) finds the candidates without comparing every pair, so the
search grows about linearly with the number of reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ReportError
from ..model import Finding, PartKind, Report
from .base import shorten

SHINGLE = 4
NUM_PERM = 64
THRESHOLD = 0.7  # estimated Jaccard similarity of the 4-gram sets
MIN_CHARS = 40  # shorter paragraphs are stock phrases that every report shares
SUFFIXES = (".txt", ".docx", ".pdf")
_NOISE = re.compile(r"[\s\W_]+")


@dataclass(frozen=True)
class _Paragraph:
    text: str
    part: PartKind | None
    section: str | None


@dataclass
class _Entry:
    source: str
    title: str
    unit: str | None
    year: int | None
    paragraphs: list[_Paragraph]


@dataclass
class Corpus:
    """Other reports to compare with, indexed paragraph by paragraph."""

    entries: list[_Entry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files that could not be read
    _lsh: Any = None
    _hashes: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dir(cls, directory: Path) -> Corpus:
        from ..parse import parse_file

        corpus = cls()
        for path in sorted(p for p in directory.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()):
            try:
                corpus.add(parse_file(path))
            except ReportError:
                corpus.skipped.append(str(path))
        return corpus

    @classmethod
    def of(cls, reports: Iterable[Report]) -> Corpus:
        corpus = cls()
        for report in reports:
            corpus.add(report)
        return corpus

    def add(self, report: Report) -> None:
        paragraphs = list(_paragraphs(report))
        entry = _Entry(report.source, report.title, report.unit, report.year, paragraphs)
        index = len(self.entries)
        self.entries.append(entry)
        for number, (minhash, _) in enumerate(_minhashes(p.text for p in paragraphs)):
            if minhash is not None:
                key = f"{index}:{number}"
                self._index().insert(key, minhash)
                self._hashes[key] = minhash

    def _index(self) -> Any:
        if self._lsh is None:
            from datasketch import MinHashLSH  # deferred: importing datasketch takes a second or two

            self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        return self._lsh

    def similar(self, report: Report) -> Iterator[tuple[_Paragraph, _Entry, _Paragraph, float]]:
        """For each long paragraph of ``report``, its closest near-copy in another report."""
        paragraphs = list(_paragraphs(report))
        for paragraph, (minhash, _) in zip(paragraphs, _minhashes(p.text for p in paragraphs), strict=True):
            if minhash is None or self._lsh is None:
                continue
            best = self._best(report, minhash)
            if best is not None:
                yield (paragraph, *best)

    def _best(self, report: Report, minhash: Any) -> tuple[_Entry, _Paragraph, float] | None:
        best: tuple[_Entry, _Paragraph, float] | None = None
        for key in self._lsh.query(minhash):
            index, number = map(int, key.split(":"))
            entry = self.entries[index]
            if _same_report(report, entry):
                continue
            score = minhash.jaccard(self._hashes[key])
            if score >= THRESHOLD and (best is None or score > best[2]):
                best = (entry, entry.paragraphs[number], score)
        return best


def comparable_paragraphs(report: Report) -> list[str]:
    """The paragraphs long enough to be compared (shorter ones are stock phrases)."""
    return [p.text for p in _paragraphs(report) if len(_NOISE.sub("", p.text)) >= MIN_CHARS]


def _same_report(report: Report, entry: _Entry) -> bool:
    if report.source and entry.source and Path(report.source).resolve() == Path(entry.source).resolve():
        return True
    # Another file of the same unit and year is a version of this report, not a source of copying.
    return bool(report.unit) and report.unit == entry.unit and report.year == entry.year


def _paragraphs(report: Report) -> Iterator[_Paragraph]:
    for paragraph in report.preamble:
        yield _Paragraph(paragraph.text, None, None)
    for part in report.parts:
        for paragraph in part.paragraphs:
            yield _Paragraph(paragraph.text, part.kind, None)
        for section in part.sections:
            for paragraph in section.paragraphs:
                yield _Paragraph(paragraph.text, part.kind, section.label)


def _minhashes(texts: Iterable[str]) -> Iterator[tuple[Any, int]]:
    """A MinHash per paragraph, computed in numpy: the shingle hashes and the
    permutations run as array operations, not a Python loop per shingle."""
    import numpy as np
    from datasketch import MinHash

    a, b = _permutations()
    for text in texts:
        clean = _NOISE.sub("", text)
        if len(clean) < MIN_CHARS:
            yield None, 0
            continue
        shingles = _shingle_hashes(
            np.frombuffer(clean.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        )
        values = ((np.outer(shingles, a) + b) % _PRIME) & _MASK32
        # The scheme is only a label datasketch compares; every sketch here is made the same way.
        sketch = MinHash(NUM_PERM, hashvalues=values.min(axis=0), permutations=(a, b), scheme="affine32")
        yield sketch, len(shingles)


_PRIME = (1 << 61) - 1
_MASK32 = (1 << 32) - 1


def _shingle_hashes(codes: Any) -> Any:
    """Distinct 32-bit hashes of every run of SHINGLE characters (a polynomial rolling hash)."""
    import numpy as np

    count = len(codes) - SHINGLE + 1
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE):
        hashes = (hashes * np.uint64(1_000_003) + codes[offset : offset + count]) & np.uint64(_MASK32)
    return np.unique(hashes)


@cache
def _permutations() -> tuple[Any, Any]:
    import numpy as np

    # Below 2**32 so that hash * a + b stays inside 64 bits before the modulo.
    generator = np.random.default_rng(1)
    a = generator.integers(1, _MASK32, NUM_PERM, dtype=np.uint64) | np.uint64(1)  # datasketch wants odd ones
    b = generator.integers(0, _MASK32, NUM_PERM, dtype=np.uint64)
    return a, b


def copied_paragraph(report: Report, corpus: Corpus) -> Iterator[Finding]:
    for paragraph, entry, other, score in corpus.similar(report):
        yield Finding(
            "copied-paragraph",
            "warning",
            f"本段与{_describe(report, entry)}中的一段高度相似（相似度约{score:.0%}）：“{shorten(other.text, 30)}”。"
            "请结合本单位本年度的实际工作重写。",
            paragraph.part,
            paragraph.section,
            shorten(paragraph.text),
        )


def _describe(report: Report, entry: _Entry) -> str:
    name = Path(entry.source).name if entry.source else ""
    title = f"《{entry.title}》" if entry.title else ""
    where = f"{title}（{name}）" if name else title
    if report.unit and entry.unit == report.unit and entry.year and report.year and entry.year < report.year:
        return f"本单位{entry.year}年度报告{where}"
    if entry.unit and entry.unit != report.unit:
        return f"其他单位（{entry.unit}）的报告{where}"
    return f"另一份报告{where}"
