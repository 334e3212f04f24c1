"""Rules on wording: official expressions (提法), law names cut short, punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Report, Severity
from ..parse.numerals import to_chinese
from ..phrases import Formula, Period, Phrase, Phrases, counts_of
from .base import Block, blocks, excerpt

_QUOTED = re.compile(r"“[^”]{0,40}”|\"[^\"]{0,40}\"|「[^」]{0,40}」")
# "中华人民共和国" followed by no law name: by "等", "宣传", a mark, or the end of a title.
_CUT_LAW = re.compile(
    r"中华人民共和国(?=等|宣传|学习|普法|相关|有关|法律法规|》|[、，,。；;：:\s]|$)|《\s*》"
)
_HALF_WIDTH = re.compile(r"(?<=[\u4e00-\u9fff”》）])[,;:?!](?=[\u4e00-\u9fff“《（])")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_DOUBLED = re.compile(r"([，。；：、])\1")
_COMMA_BETWEEN_TITLES = re.compile(r"》、《|”、“")


def official_phrase(report: Report, phrases: Phrases) -> Iterator[Finding]:
    for block in blocks(report):
        for phrase in phrases.phrases:
            yield from _wrong_words(block, phrase)
        quoted = [m.span() for m in _QUOTED.finditer(block.text)]
        for formula in phrases.formulas:
            if formula.pattern.search(block.text):
                yield from _wrong_counts(block, formula, quoted)
        if report.year is not None:
            for period in phrases.periods:
                yield from _wrong_period(block, period, report.year)


def _finding(block: Block, severity: Severity, message: str, start: int, end: int) -> Finding:
    return Finding(
        "official-phrase",
        severity,
        message,
        block.part,
        block.section,
        excerpt(block.text, start, end),
    )


def _wrong_words(block: Block, phrase: Phrase) -> Iterator[Finding]:
    note = f"（{phrase.note}）" if phrase.note else ""
    for wrong in phrase.wrong:
        if wrong not in block.text:
            continue
        for match in re.finditer(re.escape(wrong), block.text):
            yield _finding(
                block,
                phrase.severity,
                f"提法有误：“{wrong}”应为“{phrase.correct}”{note}。",
                match.start(),
                match.end(),
            )
    if phrase.near_miss:
        for start, index in near_misses(block.text, phrase.correct):
            written = block.text[start : start + len(phrase.correct)]
            rest = note or f"，规范提法为“{phrase.correct}”"
            yield _finding(
                block,
                phrase.severity,
                f"提法有误：“{written}”中“{written[index]}”应为“{phrase.correct[index]}”{rest}。",
                start,
                start + len(phrase.correct),
            )


def near_misses(text: str, correct: str) -> Iterator[tuple[int, int]]:
    """(start, index of the wrong character) where ``text`` differs from ``correct`` in one character.

    One character differs, so either half of the phrase stands intact: find the
    halves with ``str.find`` and compare the rest, instead of sliding a window.
    """
    size, half = len(correct), len(correct) // 2
    starts: set[int] = set()
    for piece, offset in ((correct[:half], 0), (correct[half:], half)):
        at = text.find(piece)
        while at >= 0:
            starts.add(at - offset)
            at = text.find(piece, at + 1)
    for start in sorted(starts):
        window = text[start : start + size] if start >= 0 else ""
        if len(window) != size:
            continue
        diffs = [i for i, (a, b) in enumerate(zip(window, correct, strict=True)) if a != b]
        if len(diffs) == 1:
            yield start, diffs[0]


def _wrong_counts(block: Block, formula: Formula, quoted: list[tuple[int, int]]) -> Iterator[Finding]:
    for match in formula.pattern.finditer(block.text):
        if formula.quoted and not any(a < match.start() and match.end() < b for a, b in quoted):
            continue
        counts = counts_of(formula.pattern, match.group(0))
        if counts is not None and counts not in formula.counts:
            right = "”或“".join(formula.correct)
            yield _finding(
                block,
                "error",
                f"提法中的数字有误：“{match.group(0)}”应为“{right}”。",
                match.start(),
                match.end(),
            )


def _wrong_period(block: Block, period: Period, year: int) -> Iterator[Finding]:
    current, latest = period.number_for(year), period.number_for(year + 1)
    for match in period.pattern.finditer(block.text):
        counts = counts_of(period.pattern, match.group(0))
        if not counts:
            continue
        number = counts[0]
        first = period.first_year(number)
        if number > latest:
            yield _finding(
                block,
                "error",
                f"“{to_chinese(number)}五”{period.name}自{first}年起实施，{year}年度报告中应为"
                f"“{to_chinese(current)}五”。",
                match.start(),
                match.end(),
            )
        elif number < current and period.older:
            yield _finding(
                block,
                period.older,
                f"“{to_chinese(number)}五”{period.name}已于{first + period.years - 1}年结束，"
                f"{year}年正处于“{to_chinese(current)}五”{period.name}期间，请核对。",
                match.start(),
                match.end(),
            )


def truncated_law_name(report: Report) -> Iterator[Finding]:
    for block in blocks(report):
        for match in _CUT_LAW.finditer(block.text):
            yield Finding(
                "truncated-law-name",
                "error",
                "法律名称不完整：“中华人民共和国”后缺少法律名称（如《中华人民共和国宪法》），请补全。"
                if match.group(0).startswith("中华")
                else "书名号内为空：请补全文件或法律名称。",
                block.part,
                block.section,
                excerpt(block.text, match.start(), match.end()),
            )


def punctuation(report: Report) -> Iterator[Finding]:
    for block in blocks(report):
        for match in _HALF_WIDTH.finditer(block.text):
            mark = match.group(0)
            yield Finding(
                "punctuation",
                "warning",
                f"中文句中用了半角标点“{mark}”，应为全角“{_FULL[mark]}”。",
                block.part,
                block.section,
                excerpt(block.text, match.start(), match.end()),
            )
        for match in _DOUBLED.finditer(block.text):
            yield Finding(
                "punctuation",
                "warning",
                f"标点重复：“{match.group(0)}”，请删去一个。",
                block.part,
                block.section,
                excerpt(block.text, match.start(), match.end()),
            )
        for match in _COMMA_BETWEEN_TITLES.finditer(block.text):
            yield Finding(
                "punctuation",
                "info",
                "并列的书名号或引号之间通常不用顿号（GB/T 15834-2011《标点符号用法》4.5.3.5），可删去“、”。",
                block.part,
                block.section,
                excerpt(block.text, match.start(), match.end()),
            )
