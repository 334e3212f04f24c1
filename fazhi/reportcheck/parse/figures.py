"""The figures a report states: a number with its unit, the phrase that counts it, the indicator.

One clause may state several figures: "面商率、答复率、满意率均达到100%" is three
(the subjects share the predicate), "面商率、答复率分别为95%、100%" two (paired in
order). Numbers inside quotes and book titles ("“十一个坚持”", "《…第十二批…》")
and inside fixed formulas are names, not figures.
"""

from __future__ import annotations

import bisect
import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from ..model import Figure, Paragraph, PartKind, Report, amount_of, base_unit
from .matching import match
from .numerals import chinese_value

# Compound measure words stand before their first character ("120户次" is not "120户").
_UNITS = (
    "个百分点",
    "人次",
    "场次",
    "户次",
    "家次",
    "批次",
    "课时",
    "学时",
    "小时",
    "次",
    "件",
    "人",
    "名",
    "个",
    "条",
    "项",
    "场",
    "篇",
    "期",
    "份",
    "家",
    "户",
    "元",
    "%",
    "％",
    "分",
)
_UNIT_ALT = "|".join(_UNITS)
# What may not follow a unit for it to be one: "10分钟", "3个工作日", "5条例", "2人大" ...
_NOT_AFTER = r"(?<=分)(?:钟|之)|(?<=个)(?:工作日|月)|(?<=条)例|(?<=人)(?:民|大|员|才|口|身|们|格|权)|(?<=次)(?:性|要)|(?<=名)(?:单|称|义|录)|(?<=期)(?:间|限|刊)|(?<=场)(?:所|景|地)|(?<=家)(?:庭|长|属|乡|园)|(?<=户)(?:籍|口)"
NUMBER = re.compile(
    r"(?<![\d.．第零〇一二两三四五六七八九十百千万])"
    r"(?:百分之(?P<pct>[零一二两三四五六七八九十百点]+)"
    r"|(?P<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)\s*(?P<mult>[万亿])?(?:余|多)?\s*"
    rf"(?P<unit>{_UNIT_ALT})(?!{_NOT_AFTER}))"
)
# NUMBER's matches, found faster: it starts with a look-behind, so the search tries it at every
# position; this starts with the set of characters a number begins with (the search skips to one
# at C speed) and asserts the look-behind after it. Same spans and groups, except that the
# number's first character stands before the ``num`` group: ``_numbers`` reads it from the match's start.
_NUMERALS = "零〇一二两三四五六七八九十百千万"
_SCAN = re.compile(
    rf"[\d{_NUMERALS}](?<![\d.．第{_NUMERALS}][\d{_NUMERALS}])"
    r"(?:(?<=百)分之(?P<pct>[零一二两三四五六七八九十百点]+)"
    rf"|(?P<num>(?<=\d)\d*(?:\.\d+)?|(?<=[{_NUMERALS}])[{_NUMERALS}]*)\s*(?P<mult>[万亿])?(?:余|多)?\s*"
    rf"(?P<unit>{_UNIT_ALT})(?!{_NOT_AFTER}))"
)
_QUOTED = re.compile(r"“[^”]{0,40}”|《[^》]{0,60}》|\"[^\"]{0,40}\"|「[^」]{0,40}」|‘[^’]{0,40}’")
_CLAUSE_STOP = "，,；;。！!？?：:"
_CLAUSE_STOPS = re.compile(f"[{_CLAUSE_STOP}]")
_SENTENCE_STOP = "；;。！!？?"
_SHARED = re.compile(r"均|都|全部|皆|分别")
_SUBJECT_SPLIT = re.compile(r"[、和及与]")
_ITEM_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}是|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d))"
)
_ANTECEDENT = re.compile(r"[^，。；、,;]*考试")


class _Number(NamedTuple):
    start: int
    end: int
    value: int | float
    unit: str
    chinese: bool


@dataclass(frozen=True)
class Stated:
    indicator: str | None
    value: int | float  # as written: 92.4 for "92.4万名"
    unit: str  # as written, with its multiplier: "万名"
    text: str

    @property
    def amount(self) -> int | float:
        """The value in the plain measure word: 924000 for 92.4 万名."""
        return amount_of(self.value, self.unit)


def extract(report: Report, masks: tuple[re.Pattern[str], ...] = ()) -> list[Figure]:
    figures = []
    for block, part, section in _blocks(report):
        if _SCAN.search(block.text) is None:
            continue  # most paragraphs state no number: passed over at once
        for s in figures_in(block.text, masks):
            figures.append(Figure(s.indicator, s.value, s.unit, s.text, part, section, block.line))
    return figures


def _blocks(report: Report) -> Iterator[tuple[Paragraph, PartKind | None, str | None]]:
    for paragraph in report.preamble:
        yield paragraph, None, None
    for part in report.parts:
        for paragraph in part.paragraphs:
            yield paragraph, part.kind, None
        for section in part.sections:
            label = section.label
            yield Paragraph(section.heading, section.line), part.kind, label
            for paragraph in section.paragraphs:
                yield paragraph, part.kind, label


def figures_in(text: str, masks: tuple[re.Pattern[str], ...] = ()) -> list[Stated]:
    """Every figure stated in ``text``, in order."""
    numbers = _numbers(text)
    if not numbers:
        return []
    numbers = _unmasked(numbers, _masked_spans(text, masks))
    out: list[Stated] = []
    # The clauses that hold numbers, each with its numbers in order (no number holds a stop):
    # clause k runs from after stop k-1 to stop k (the text's start and end for the first and last).
    stops = [m.start() for m in _CLAUSE_STOPS.finditer(text)]
    clause = -1
    inside: list[_Number] = []  # the numbers of the clause being read
    for number in numbers:
        at = bisect_left(stops, number.start)
        if at != clause and inside:
            out.extend(_clause_figures(text, *_clause_bounds(text, stops, clause), inside))
            inside = []
        clause = at
        inside.append(number)
    if inside:
        out.extend(_clause_figures(text, *_clause_bounds(text, stops, clause), inside))
    return out


def _clause_bounds(text: str, stops: list[int], clause: int) -> tuple[int, int]:
    return (stops[clause - 1] + 1 if clause else 0), (stops[clause] if clause < len(stops) else len(text))


def _numbers(text: str) -> list[_Number]:
    numbers = []
    for m in _SCAN.finditer(text):  # NUMBER's matches
        if m.group("pct"):
            value = _percent_words(m.group("pct"))  # 百分之九十五
            if value is not None:
                numbers.append(_Number(m.start(), m.end(), value, "%", True))
            continue
        raw, unit = text[m.start() : m.end("num")], m.group("unit")
        chinese = not raw[0].isdigit()
        if chinese and (raw == "一" or unit == "分"):  # "一项任务", "十分重要": words, not figures
            continue
        value = chinese_value(raw) if chinese else _arabic(raw)
        if value is None:
            continue
        unit = "%" if unit == "％" else unit
        # "92.4万名": the value and the unit as written (92.4 of 万名), see ``Stated.amount``.
        numbers.append(_Number(m.start(), m.end(), value, (m.group("mult") or "") + unit, chinese))
    return numbers


def _percent_words(words: str) -> int | float | None:
    whole, _, fraction = words.partition("点")
    value = chinese_value(whole)
    if value is None or not fraction:
        return value
    digits = [chinese_value(ch) for ch in fraction]
    if any(d is None for d in digits):
        return None
    return float(f"{value}.{''.join(str(d) for d in digits)}")


def _arabic(raw: str) -> int | float:
    return float(raw) if "." in raw else int(raw)


def _unmasked(numbers: list[_Number], spans: list[tuple[int, int]]) -> list[_Number]:
    """The numbers outside every span (one sorted pass, not numbers × spans)."""
    if not spans:
        return numbers
    spans.sort()
    starts = [a for a, _ in spans]
    reach = list(itertools.accumulate((b for _, b in spans), max))  # furthest end among spans so far
    out = []
    for number in numbers:
        index = bisect.bisect_right(starts, number.start) - 1
        if index < 0 or reach[index] <= number.start:
            out.append(number)
    return out


def _masked_spans(text: str, masks: tuple[re.Pattern[str], ...]) -> list[tuple[int, int]]:
    spans = [m.span() for m in _QUOTED.finditer(text)]
    for pattern in masks:
        spans.extend(m.span() for m in pattern.finditer(text))
    return spans


def _clause_figures(text: str, start: int, end: int, numbers: list[_Number]) -> list[Stated]:
    clause = text[start:end]
    shared = _SHARED.search(text, start, numbers[0].start)
    rates = numbers[0].unit == "%"
    listed = rates and len(numbers) == 1 and text.count("率", start, numbers[0].start) > 1
    if shared is not None or listed:
        stop = shared.start() if shared is not None else numbers[0].start
        subjects = [s for s in _SUBJECT_SPLIT.split(text[start:stop]) if s]
        context = _antecedent(text, start)
        if rates:
            subjects, context = _rate_subjects(subjects, context)
        if shared is None:
            # "面商率、答复率、满意率达到100%": rates listed before one value share it.
            if len(subjects) > 1 and all("率" in s for s in subjects):
                return [f for s in subjects for f in _stated(numbers[0], s, context, clause)]
        elif shared.group(0) == "分别" and len(subjects) == len(numbers) > 1:
            return [f for s, n in zip(subjects, numbers, strict=True) for f in _stated(n, s, context, clause)]
        elif shared.group(0) != "分别" and len(numbers) == 1 and len(subjects) > 1:
            return [f for s in subjects for f in _stated(numbers[0], s, context, clause)]
    return [f for n in numbers for f in _single(text, start, end, n)]


def _rate_subjects(subjects: list[str], context: str) -> tuple[list[str], str]:
    """ "人大代表建议、政协委员提案的面商率、答复率": the words before the first rate say whose
    rates they are (context), they are not a rate of their own."""
    first = next((i for i, s in enumerate(subjects) if "率" in s), 0)
    return subjects[first:], context + "".join(subjects[:first])


def _single(text: str, start: int, end: int, number: _Number) -> list[Stated]:
    item_start = max(start, text.rfind("、", start, number.start) + 1)
    item_end = text.find("、", number.end, end)
    item_end = end if item_end < 0 else item_end
    own = text[item_start:item_end]
    if item_end > number.end and item_end == end:
        own += _continuation(text, end)
    return _stated(number, own, _antecedent(text, item_start), own)


def _continuation(text: str, clause_end: int) -> str:
    """ "召开10次政府常务会议，研究法治政府建设工作": what was counted is said in the next clause."""
    if clause_end >= len(text) or text[clause_end] not in "，,":
        return ""
    stop = _CLAUSE_STOPS.search(text, clause_end + 1)  # the next clause, up to its stop
    words = text[clause_end + 1 : stop.start() if stop else len(text)]
    return "" if not words or _SCAN.search(words) else text[clause_end] + words  # NUMBER, faster


# How far back a sentence's exam is looked for: a bound keeps a text without full stops linear.
_LOOKBACK = 300


def _antecedent(text: str, before: int) -> str:
    """The nearest exam named earlier in the sentence: "参考率" and "平均成绩" are of that exam."""
    floor = max(0, before - _LOOKBACK)
    if text.find("考试", floor, before) < 0:
        return ""
    sentence_start = max(max(text.rfind(ch, floor, before) for ch in _SENTENCE_STOP) + 1, floor)
    found = _ANTECEDENT.findall(text, sentence_start, before)
    return found[-1] if found else ""


def _stated(number: _Number, own: str, context: str, phrase: str) -> list[Stated]:
    codes = match(own, context, base_unit(number.unit))
    marker = _ITEM_MARKER.match(phrase)  # at the start only: "一是", "（三）", "2."
    phrase = phrase[marker.end() :] if marker else phrase
    if not codes:
        # A number in Chinese words is a figure only when it counts something known:
        # "两个方面", "三项任务" are ways of speaking.
        return [] if number.chinese else [Stated(None, number.value, number.unit, phrase)]
    return [Stated(code, number.value, number.unit, phrase) for code in codes]
