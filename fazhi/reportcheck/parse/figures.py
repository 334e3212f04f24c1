"""The figures a report states: a number with its unit, the phrase that counts it, the indicator.

One clause may state several figures: "面商率、答复率、满意率均达到100%" is three
(the subjects share the predicate), "面商率、答复率分别为95%、100%" two (paired in
order). Numbers inside quotes and book titles ("“十一个坚持”", "《…第十二批…》")
and inside fixed formulas are names, not figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Figure, Paragraph, PartKind, Report
from .matching import match
from .numerals import chinese_value

_UNITS = (
    "个百分点",
    "人次",
    "场次",
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
    r"|(?P<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)\s*(?P<mult>万)?(?:余|多)?\s*"
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


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: int | float
    unit: str
    chinese: bool


@dataclass(frozen=True)
class Stated:
    indicator: str | None
    value: int | float
    unit: str
    text: str


def extract(report: Report, masks: tuple[re.Pattern[str], ...] = ()) -> list[Figure]:
    figures = []
    for block, part, section in _blocks(report):
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
            yield Paragraph(section.heading, section.line), part.kind, section.label
            for paragraph in section.paragraphs:
                yield paragraph, part.kind, section.label


def figures_in(text: str, masks: tuple[re.Pattern[str], ...] = ()) -> list[Stated]:
    """Every figure stated in ``text``, in order."""
    numbers = list(_numbers(text))
    if not numbers:
        return []
    masked = _masked_spans(text, masks)
    numbers = [n for n in numbers if not any(a <= n.start < b for a, b in masked)]
    out: list[Stated] = []
    for clause_start, clause_end in _clauses(text):
        inside = [n for n in numbers if clause_start <= n.start < clause_end]
        if inside:
            out.extend(_clause_figures(text, clause_start, clause_end, inside))
    return out


def _numbers(text: str) -> Iterator[_Number]:
    for m in NUMBER.finditer(text):
        if m.group("pct"):
            value = _percent_words(m.group("pct"))  # 百分之九十五
            if value is not None:
                yield _Number(m.start(), m.end(), value, "%", True)
            continue
        raw, unit = m.group("num"), m.group("unit")
        chinese = not raw[0].isdigit()
        if chinese and (raw == "一" or unit == "分"):  # "一项任务", "十分重要": words, not figures
            continue
        value = chinese_value(raw) if chinese else _arabic(raw)
        if value is None:
            continue
        if m.group("mult"):
            value = round(value * 10000, 6)
            value = int(value) if float(value).is_integer() else value
        yield _Number(m.start(), m.end(), value, "%" if unit == "％" else unit, chinese)


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


def _masked_spans(text: str, masks: tuple[re.Pattern[str], ...]) -> list[tuple[int, int]]:
    spans = [m.span() for m in _QUOTED.finditer(text)]
    for pattern in masks:
        spans.extend(m.span() for m in pattern.finditer(text))
    return spans


def _clauses(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for stop in _CLAUSE_STOPS.finditer(text):
        yield start, stop.start()
        start = stop.end()
    if start < len(text):
        yield start, len(text)


def _clause_figures(text: str, start: int, end: int, numbers: list[_Number]) -> list[Stated]:
    clause = text[start:end]
    shared = _SHARED.search(text, start, numbers[0].start)
    if shared is not None:
        subjects = [s for s in _SUBJECT_SPLIT.split(text[start : shared.start()]) if s]
        context = _antecedent(text, start)
        if shared.group(0) == "分别" and len(subjects) == len(numbers) > 1:
            return [f for s, n in zip(subjects, numbers, strict=True) for f in _stated(n, s, context, clause)]
        if shared.group(0) != "分别" and len(numbers) == 1 and len(subjects) > 1:
            return [f for s in subjects for f in _stated(numbers[0], s, context, clause)]
    return [f for n in numbers for f in _single(text, start, end, n)]


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
    following = next(_clauses(text[clause_end + 1 :]), (0, 0))
    words = text[clause_end + 1 : clause_end + 1 + following[1]]
    return "" if not words or NUMBER.search(words) else text[clause_end] + words


def _antecedent(text: str, before: int) -> str:
    """The nearest exam named earlier in the sentence: "参考率" and "平均成绩" are of that exam."""
    sentence_start = max(text.rfind(ch, 0, before) for ch in _SENTENCE_STOP) + 1
    found = _ANTECEDENT.findall(text, sentence_start, before)
    return found[-1] if found else ""


def _stated(number: _Number, own: str, context: str, phrase: str) -> list[Stated]:
    codes = match(own, context, number.unit)
    phrase = _ITEM_MARKER.sub("", phrase, count=1)
    if not codes:
        # A number in Chinese words is a figure only when it counts something known:
        # "两个方面", "三项任务" are ways of speaking.
        return [] if number.chinese else [Stated(None, number.value, number.unit, phrase)]
    return [Stated(code, number.value, number.unit, phrase) for code in codes]
