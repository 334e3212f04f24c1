"""Rules on wording: official expressions (提法), wrong words and typos, law names cut short,
punctuation, document numbers.

Every rule reads a text in time linear in its length, and the whole report at once (its
blocks joined by newlines, ``base.Text``): the phrase file's entries are found by one
automaton pass (``Phrases.matcher``), each hit confirmed on a bounded window; the regular
expressions here have bounded repetitions, no nested ones, and never match a newline.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Finding, Severity
from ..parse.numerals import to_chinese
from ..phrases import Anchor, Formula, Period, Phrase, Phrases, Term, counts_of
from .base import Text, excerpt

_QUOTED = re.compile(r"“[^”\n]{0,40}”|\"[^\"\n]{0,40}\"|「[^」\n]{0,40}」")
# "中华人民共和国" followed by no law name: by "等", "宣传", a mark, or the end of a title.
_CUT_LAW = re.compile(
    r"中华人民共和国(?=等|宣传|学习|普法|相关|有关|法律法规|》|[、，,。；;：:\s]|$)|《[^\S\n]*》"
)
_CJK = "\u4e00-\u9fff"
# The mark first, then what stands around it: a pattern that starts with a character set
# is scanned for quickly; one that starts with a look-behind is tried at every position.
_HALF_WIDTH = re.compile(
    rf"[,;:?!.](?:(?<=[{_CJK}”》）][,;:?!])(?=[{_CJK}“《（\d])|(?<=[{_CJK}]\.)(?=[{_CJK}]))"
)
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
_DOUBLED = re.compile(r"([，。；：、])\1")
_COMMA_BETWEEN_TITLES = re.compile(r"》、《|”、“")
# ASCII brackets and quotes around Chinese words; a title in 《》 (whole, so that the ASCII
# angle brackets inside it are seen as nested titles) or an ASCII one.
_ASCII_PAIRS = re.compile(
    rf"[(\"《<＜](?:"
    rf"(?<=\()(?=[^()\n]{{0,40}}?[{_CJK}])[^()\n]{{1,40}}\)"
    rf"|(?<=\")(?=[^\"\n]{{0,40}}?[{_CJK}])[^\"\n]{{1,40}}\""
    rf"|(?<=《)[^《》\n]{{0,80}}》"
    rf"|(?<=[<＜])(?=[^<>＜＞\n]{{0,40}}?[{_CJK}])[^<>＜＞《》\n]{{1,40}}[>＞])"
)
_NESTED_ASCII = re.compile("[<>＜＞]")


# 文号: issuer, year in brackets, serial number, 号 ("津政办发[2022]12号"); GB/T 9704 puts the
# year in 六角括号 〔〕. Round brackets are left alone: court case numbers use them.
_DOC_NUMBER = re.compile(r"[\[［【] ?((?:19|20)\d{2}) ?[\]］】] ?(第? ?\d{1,5} ?号)")


# ── phrases and terms: one automaton pass per report ───────────


@dataclass(frozen=True)
class _Candidate:
    start: int  # in the joined text
    end: int
    priority: int  # on overlapping spans the longer wins, then the lower priority
    order: tuple[int, ...]  # the entry's place in the phrase file: a block's findings come in that order
    rule: str
    severity: Severity
    message: str


def wording(text: Text, phrases: Phrases, year: int | None) -> list[Finding]:
    """``official-phrase``, ``wrong-term`` and ``typo`` findings: block by block, in the
    order of the phrase file's entries, then of the text."""
    matcher = phrases.matcher
    if not len(matcher):
        return []
    joined = text.joined
    candidates: list[_Candidate] = []
    seen: set[tuple[str, int, int]] = set()
    quoted: _Quoted | None = None
    for last, (key, anchors) in matcher.iter(joined):
        start, end = last - len(key) + 1, last + 1
        for anchor in anchors:
            if anchor.kind == "term":
                candidates.extend(_term(joined, phrases.terms[anchor.index], anchor.index, start, end))
            elif anchor.kind == "wrong":
                candidates.extend(_wrong(phrases.phrases[anchor.index], anchor, start, end))
            elif anchor.kind == "near":
                at = start - anchor.offset
                if ("near", anchor.index, at) not in seen:
                    seen.add(("near", anchor.index, at))
                    candidates.extend(_near(joined, phrases.phrases[anchor.index], anchor.index, at))
            elif anchor.kind == "formula":
                formula = phrases.formulas[anchor.index]
                if formula.quoted and quoted is None:
                    quoted = _Quoted(joined)
                candidates.extend(_counts(joined, formula, anchor, start, end, quoted, seen))
            elif year is not None:
                candidates.extend(
                    _period(joined, phrases.periods[anchor.index], anchor, start, end, year, seen)
                )
    findings = []
    for candidate in _without_overlaps(candidates, len(joined)):
        number, block, at = text.locate(candidate.start)
        findings.append(
            (
                (number, candidate.order, candidate.start),
                Finding(
                    candidate.rule,
                    candidate.severity,
                    candidate.message,
                    block.part,
                    block.section,
                    excerpt(block.text, at, at + candidate.end - candidate.start),
                ),
            )
        )
    return [finding for _, finding in sorted(findings, key=lambda pair: pair[0])]


def _without_overlaps(candidates: list[_Candidate], size: int) -> list[_Candidate]:
    """One finding per stretch of text: "法制宣传" is said once, not again as "法制"."""
    if len(candidates) < 2:
        return candidates
    taken = bytearray(size)
    kept = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.priority, c.start)):
        if taken.find(1, candidate.start, candidate.end) < 0:
            taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
            kept.append(candidate)
    return kept


def _term(text: str, term: Term, index: int, start: int, end: int) -> list[_Candidate]:
    if not term.applies(text, start, end):
        return []
    return [_Candidate(start, end, 0, (3, index), term.rule, term.severity, term.message)]


def _wrong(phrase: Phrase, anchor: Anchor, start: int, end: int) -> list[_Candidate]:
    note = f"（{phrase.note}）" if phrase.note else ""
    message = f"提法有误：“{phrase.wrong[anchor.offset]}”应为“{phrase.correct}”{note}。"
    order = (0, anchor.index, 0, anchor.offset)
    return [_Candidate(start, end, 0, order, "official-phrase", phrase.severity, message)]


def _near(text: str, phrase: Phrase, index: int, start: int) -> list[_Candidate]:
    correct = phrase.correct
    end = start + len(correct)
    if start < 0 or end > len(text):
        return []
    written = text[start:end]
    diffs = [i for i, (a, b) in enumerate(zip(written, correct, strict=True)) if a != b]
    if len(diffs) != 1 or "\n" in written:
        return []
    at = diffs[0]
    rest = f"（{phrase.note}）" if phrase.note else f"，规范提法为“{correct}”"
    message = f"提法有误：“{written}”中“{written[at]}”应为“{correct[at]}”{rest}。"
    return [_Candidate(start, end, 1, (0, index, 1), "official-phrase", phrase.severity, message)]


def near_misses(text: str, correct: str) -> Iterator[tuple[int, int]]:
    """(start, index of the wrong character) where ``text`` differs from ``correct`` in one character.

    One character differs, so either half of the phrase stands intact: find the
    halves and compare the rest, instead of sliding a window.
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


class _Quoted:
    """The spans in quotation marks of a text, looked up by position in logarithmic time."""

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in _QUOTED.finditer(text)]
        self.starts = [a for a, _ in spans]
        self.spans = spans

    def contains(self, start: int, end: int) -> bool:
        index = bisect_right(self.starts, start - 1) - 1
        return index >= 0 and self.spans[index][0] < start and end < self.spans[index][1]


def _matches(
    pattern: re.Pattern[str], text: str, start: int, end: int, reach: int
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` that contain ``text[start:end]``, searched on a bounded window."""
    for match in pattern.finditer(text, max(0, start - reach), min(len(text), end + reach)):
        if match.start() <= start and end <= match.end():
            yield match


def _counts(
    text: str,
    formula: Formula,
    anchor: Anchor,
    start: int,
    end: int,
    quoted: _Quoted | None,
    seen: set[tuple[str, int, int]],
) -> list[_Candidate]:
    out = []
    for match in _matches(formula.pattern, text, start, end, formula.reach):
        if ("formula", anchor.index, match.start()) in seen:
            continue
        seen.add(("formula", anchor.index, match.start()))
        if formula.quoted and not (quoted is not None and quoted.contains(match.start(), match.end())):
            continue
        counts = counts_of(formula.pattern, match.group(0))
        if counts is not None and counts not in formula.counts:
            right = "”或“".join(formula.correct)
            message = f"提法中的数字有误：“{match.group(0)}”应为“{right}”。"
            order = (1, anchor.index)
            out.append(_Candidate(match.start(), match.end(), 2, order, "official-phrase", "error", message))
    return out


def _period(
    text: str,
    period: Period,
    anchor: Anchor,
    start: int,
    end: int,
    year: int,
    seen: set[tuple[str, int, int]],
) -> list[_Candidate]:
    current, latest = period.number_for(year), period.number_for(year + 1)
    out = []
    for match in _matches(period.pattern, text, start, end, period.reach):
        if ("period", anchor.index, match.start()) in seen:
            continue
        seen.add(("period", anchor.index, match.start()))
        counts = counts_of(period.pattern, match.group(0))
        if not counts:
            continue
        number = counts[0]
        first = period.first_year(number)
        severity: Severity | None = None
        if number > latest:
            severity = "error"
            message = (
                f"“{to_chinese(number)}五”{period.name}自{first}年起实施，{year}年度报告中应为"
                f"“{to_chinese(current)}五”。"
            )
        elif number < current and period.older:
            severity = period.older
            message = (
                f"“{to_chinese(number)}五”{period.name}已于{first + period.years - 1}年结束，"
                f"{year}年正处于“{to_chinese(current)}五”{period.name}期间，请核对。"
            )
        if severity is not None:
            order = (2, anchor.index)
            out.append(_Candidate(match.start(), match.end(), 2, order, "official-phrase", severity, message))
    return out


# ── law names, punctuation, document numbers ───────────────────


def _found(text: Text, rule: str, severity: Severity, message: str, match: re.Match[str]) -> Finding:
    _, block, at = text.locate(match.start())
    return Finding(
        rule, severity, message, block.part, block.section, excerpt(block.text, at, at + len(match.group(0)))
    )


def truncated_law_name(text: Text) -> list[Finding]:
    return [
        _found(
            text,
            "truncated-law-name",
            "error",
            "法律名称不完整：“中华人民共和国”后缺少法律名称（如《中华人民共和国宪法》），请补全。"
            if match.group(0).startswith("中华")
            else "书名号内为空：请补全文件或法律名称。",
            match,
        )
        for match in _CUT_LAW.finditer(text.joined)
    ]


def _any_between_titles(text: str) -> bool:
    """Whether ``_COMMA_BETWEEN_TITLES`` can match (a quicker look than its search)."""
    return "》、《" in text or "”、“" in text


def punctuation(text: Text) -> list[Finding]:
    """Block by block: half-width marks, doubled marks, 、 between titles, ASCII pairs."""
    found: list[tuple[tuple[int, int, int], Finding]] = []

    def add(rank: int, severity: Severity, message: str, match: re.Match[str]) -> None:
        number = text.locate(match.start())[0]
        found.append(((number, rank, match.start()), _found(text, "punctuation", severity, message, match)))

    for match in _HALF_WIDTH.finditer(text.joined):
        mark = match.group(0)
        add(0, "warning", f"中文句中用了半角标点“{mark}”，应为全角“{_FULL[mark]}”。", match)
    for match in _DOUBLED.finditer(text.joined):
        add(1, "warning", f"标点重复：“{match.group(0)}”，请删去一个。", match)
    between = _COMMA_BETWEEN_TITLES.finditer(text.joined) if _any_between_titles(text.joined) else ()
    for match in between:
        add(
            2,
            "info",
            "并列的书名号或引号之间通常不用顿号（GB/T 15834-2011《标点符号用法》4.5.3.5），可删去“、”。",
            match,
        )
    for match in _ASCII_PAIRS.finditer(text.joined):
        if match.group(0)[0] != "《":
            add(3, "warning", _PAIR_MESSAGES[match.group(0)[0]], match)
            continue
        # A title: ASCII angle brackets in it are a nested title's; its own brackets and quotes too.
        if _NESTED_ASCII.search(match.group(0)):
            add(3, "warning", _PAIR_MESSAGES["《"], match)
        for inner in _ASCII_PAIRS.finditer(text.joined, match.start() + 1, match.end() - 1):
            if inner.group(0)[0] in '("':
                add(3, "warning", _PAIR_MESSAGES[inner.group(0)[0]], inner)
    return [finding for _, finding in sorted(found, key=lambda pair: pair[0])]


_PAIR_MESSAGES = {
    "(": "中文句中用了半角括号“()”，应为全角括号“（）”。",
    '"': '中文句中用了半角引号“""”，应为全角引号“”。',
    "《": "书名号内又有书名时用单书名号“〈〉”，不用“<>”（如《关于印发〈……〉的通知》）。",
    "<": "书名应用书名号“《》”，不用“<>”。",
    "＜": "书名应用书名号“《》”，不用“＜＞”。",
}


def document_number(text: Text) -> list[Finding]:
    out = []
    for match in _DOC_NUMBER.finditer(text.joined):
        year, serial = match.group(1), re.sub(r"\s", "", match.group(2))
        message = (
            f"文号中的年份应使用六角括号“〔〕”：“{match.group(0)}”应为“〔{year}〕{serial}”"
            "（GB/T 9704-2012 7.2.4）。"
        )
        out.append(_found(text, "document-number", "warning", message, match))
    return out
