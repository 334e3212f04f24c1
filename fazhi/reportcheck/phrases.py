"""Official expressions (提法) and wrong words the checker knows, loaded from JSON a supervisor can extend.

The shipped file is ``data/official_phrases.json``; further files come from
``--phrases FILE`` or the ``FAZHI_OFFICIAL_PHRASES`` variable (paths separated by
the system path separator) and add to it. Entries:

- ``phrases``: ``correct`` with ``wrong`` variants, and/or ``near_miss`` (flag a
  text that differs from ``correct`` in exactly one character: "权利关进制度的笼子");
- ``formulas``: numbered formulas such as "四个意识"; ``pattern`` marks the count
  with ``{n}``; entries sharing a pattern add allowed counts ("十一个坚持",
  "十四个坚持"); ``quoted`` limits the check to text in quotation marks;
- ``periods``: numbered five-year periods ("“八五”普法"), with the year one of
  them starts, so a report names the period its year falls in;
- ``terms``: a ``wrong`` word (or list of them) with its ``correct`` form, the rule
  (``wrong-term`` 用词错误 or ``typo`` 错别字), a ``severity`` and the ``message``
  telling the writer how to fix it; ``followed_by``/``not_followed_by``/``preceded_by``/
  ``not_preceded_by`` (regular expressions tried on at most 16 characters next to the
  word) and ``except`` (longer names in which the word is right: "法制办") limit it.

Every literal of every entry goes into one Aho–Corasick automaton (``Phrases.matcher``):
a text is read once, whatever the number of entries, and each hit is confirmed on a
window of bounded size, so checking grows linearly with the length of the text.
Numbers in patterns are runs of at most six numerals that start a run, for the same reason.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

import ahocorasick

from .errors import PhrasesFileError
from .model import Severity
from .parse.numerals import chinese_value

DEFAULT_FILE = Path(__file__).parent / "data" / "official_phrases.json"
ENV_VAR = "FAZHI_OFFICIAL_PHRASES"
_NUMERALS = "一二两三四五六七八九十"
# A count is a whole run of numerals (not the tail of a longer one), bounded so that a
# page of numerals costs no more than a page of words.
_NUMERAL = f"(?<![{_NUMERALS}])[{_NUMERALS}]{{1,6}}"
CONTEXT = 16  # characters a term's context patterns may look at, on either side
TermRule = Literal["wrong-term", "typo"]
TERM_RULES: tuple[TermRule, ...] = ("wrong-term", "typo")


@dataclass(frozen=True)
class Phrase:
    correct: str
    wrong: tuple[str, ...] = ()
    near_miss: bool = False
    severity: Severity = "error"
    note: str = ""


@dataclass(frozen=True)
class Period:
    name: str
    pattern: re.Pattern[str]
    anchor: int  # the number of a known period ...
    anchor_year: int  # ... and the year it starts
    years: int = 5
    older: Severity | None = "warning"  # severity for naming a period already over; None: say nothing
    anchor_text: str = ""  # the longest literal every match contains
    reach: int = 0

    def first_year(self, number: int) -> int:
        return self.anchor_year + (number - self.anchor) * self.years

    def number_for(self, year: int) -> int:
        return self.anchor + (year - self.anchor_year) // self.years


@dataclass(frozen=True)
class Term:
    wrong: str
    correct: str
    rule: TermRule
    severity: Severity
    message: str
    followed_by: re.Pattern[str] | None = None
    not_followed_by: re.Pattern[str] | None = None
    preceded_by: re.Pattern[str] | None = None  # compiled to match at the end of the text before
    not_preceded_by: re.Pattern[str] | None = None
    exceptions: tuple[tuple[str, int], ...] = ()  # (a name where the word is right, where it stands in it)

    def applies(self, text: str, start: int, end: int) -> bool:
        """Whether the word found at ``text[start:end]`` is wrong there (each test reads a bounded window)."""
        for name, offset in self.exceptions:
            if start >= offset and text.startswith(name, start - offset):
                return False
        after, before = min(len(text), end + CONTEXT), max(0, start - CONTEXT)
        # Context stops at a line's end: the text may be a whole report, its blocks joined by newlines.
        newline = text.find("\n", end, after)
        after = after if newline < 0 else newline
        before = text.rfind("\n", before, start) + 1 or before
        if self.followed_by is not None and not self.followed_by.match(text, end, after):
            return False
        if self.not_followed_by is not None and self.not_followed_by.match(text, end, after):
            return False
        if self.preceded_by is not None and not self.preceded_by.search(text, before, start):
            return False
        return not (self.not_preceded_by is not None and self.not_preceded_by.search(text, before, start))


@dataclass(frozen=True)
class Anchor:
    """What a literal found by the automaton stands for."""

    kind: Literal["wrong", "near", "formula", "period", "term"]
    index: int  # in phrases / formulas / periods / terms
    offset: int = 0  # "near": where this half starts in the phrase; "wrong": which wrong variant


@dataclass(frozen=True)
class Formula:
    pattern: re.Pattern[str]
    correct: tuple[str, ...]  # every right wording sharing this pattern
    counts: frozenset[tuple[int, ...]]
    quoted: bool = False
    anchor: str = ""  # the longest literal every match contains
    reach: int = 0  # how far a match may extend beyond its anchor, on either side


@dataclass(frozen=True)
class Phrases:
    phrases: tuple[Phrase, ...] = ()
    formulas: tuple[Formula, ...] = ()
    periods: tuple[Period, ...] = ()
    masks: tuple[re.Pattern[str], ...] = field(default=())
    terms: tuple[Term, ...] = ()

    @cached_property
    def matcher(self) -> Any:
        """One automaton over every literal: wrong variants, both halves of a phrase checked for
        near misses (one wrong character leaves one half intact), each formula's and period's
        anchor, each term. A value is the list of ``Anchor``s of that literal."""
        keys: dict[str, list[Anchor]] = {}
        for index, phrase in enumerate(self.phrases):
            for number, wrong in enumerate(phrase.wrong):
                keys.setdefault(wrong, []).append(Anchor("wrong", index, number))
            if phrase.near_miss:
                half = len(phrase.correct) // 2
                keys.setdefault(phrase.correct[:half], []).append(Anchor("near", index, 0))
                keys.setdefault(phrase.correct[half:], []).append(Anchor("near", index, half))
        for index, formula in enumerate(self.formulas):
            keys.setdefault(formula.anchor, []).append(Anchor("formula", index))
        for index, period in enumerate(self.periods):
            keys.setdefault(period.anchor_text, []).append(Anchor("period", index))
        for index, term in enumerate(self.terms):
            keys.setdefault(term.wrong, []).append(Anchor("term", index))
        automaton = ahocorasick.Automaton()
        for key, anchors in keys.items():
            if key:
                automaton.add_word(key, (key, tuple(anchors)))
        if len(automaton):
            automaton.make_automaton()
        return automaton


def compile_pattern(template: str, *, named: bool = True) -> re.Pattern[str]:
    """ "{n}个意识" → a regex with one group per {n} (named n0, n1 … unless ``named`` is false);
    the rest is matched literally."""
    return re.compile(_regex(template, named=named))


def _regex(template: str, *, named: bool) -> str:
    return re.escape(template.split("{n}")[0]) + _rest(template, named=named)


def _rest(template: str, *, named: bool) -> str:
    """The regex of ``template`` from its first "{n}" on."""
    regex = ""
    for index, rest in enumerate(template.split("{n}")[1:]):
        regex += (f"(?P<n{index}>{_NUMERAL})" if named else f"(?:{_NUMERAL})") + _literal(rest)
    return regex


def _mask(templates: list[str]) -> re.Pattern[str]:
    """One pattern matching exactly what ``A|B|…`` of the templates' patterns matches (the same
    spans, found in the same order), written to start with a character set: the search skips
    text at C speed to a character a match can begin with, where ``A|B|…``, each starting with
    a look-behind, is tried at every position. Each branch has its first character consumed by
    that set and asserts it by a look-behind instead; "{n}" at the start keeps its meaning
    (a run of at most six numerals not preceded by another)."""
    firsts: set[str] = set()
    branches = []
    for template in templates:
        if template.startswith("{n}"):
            firsts.update(_NUMERALS)
            first = f"(?<=[{_NUMERALS}])(?<![{_NUMERALS}]{{2}})[{_NUMERALS}]{{0,5}}"
            branches.append(first + _literal(template[3:].split("{n}")[0]) + _rest(template[3:], named=False))
        else:
            firsts.add(template[0])
            branches.append(f"(?<={re.escape(template[0])})" + _regex(template[1:], named=False))
    charset = "".join(re.escape(ch) for ch in sorted(firsts))
    return re.compile(f"[{charset}](?:" + "|".join(branches) + ")")


def anchor_of(template: str) -> tuple[str, int]:
    """The longest literal every match of ``template`` contains (quotation marks are optional,
    so they split literals), and how far a match may reach beyond it on either side."""
    pieces = [p for part in template.split("{n}") for p in re.split("[“”]", part) if p]
    if not pieces:
        raise ValueError(f"模式“{template}”中没有固定文字")
    return max(pieces, key=len), len(template) + 6 * template.count("{n}")


def _literal(text: str) -> str:
    # Quotation marks are optional in patterns: "“八五”普法" and "八五普法" are both written.
    return "".join("”?" if ch == "”" else "“?" if ch == "“" else re.escape(ch) for ch in text)


@lru_cache(maxsize=4096)  # a report names the same few formulas ("四个意识", "八五普法") again and again
def counts_of(pattern: re.Pattern[str], text: str) -> tuple[int, ...] | None:
    match = pattern.fullmatch(text) or pattern.search(text)
    if match is None:
        return None
    values = [chinese_value(v) for v in match.groupdict().values()]
    return None if any(v is None for v in values) else tuple(v for v in values if v is not None)


def load_phrases(extra: list[Path] | None = None) -> Phrases:
    raw: dict[str, list[Any]] = {"phrases": [], "formulas": [], "periods": [], "terms": []}
    for path in [DEFAULT_FILE, *_env_files(), *(extra or [])]:
        data = _read(path)
        for key in raw:
            raw[key].extend(data.get(key, []))
    try:
        return _build(raw)
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise PhrasesFileError(f"提法文件内容有误（{exc}）：请对照 {DEFAULT_FILE.name} 的格式修改") from exc


@cache
def _cached(env: str) -> Phrases:
    return load_phrases()


def default_phrases() -> Phrases:
    return _cached(os.environ.get(ENV_VAR, ""))


def _env_files() -> list[Path]:
    return [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PhrasesFileError(f"无法读取提法文件：{path}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PhrasesFileError(f"提法文件不是有效的 UTF-8 JSON：{path}（{exc}）") from exc
    if not isinstance(data, dict):
        raise PhrasesFileError(f"提法文件应为一个 JSON 对象（含 phrases、formulas、periods、terms）：{path}")
    return data


_SEVERITIES: dict[str, Severity] = {"error": "error", "warning": "warning", "info": "info"}


def _severity(value: object) -> Severity:
    """A severity from the phrases file, which a supervisor may have written by hand."""
    if value not in _SEVERITIES:
        raise PhrasesFileError(f"提法文件中的严重程度“{value}”无效：只能是 error、warning 或 info。")
    return _SEVERITIES[str(value)]


def _build(raw: dict[str, list[Any]]) -> Phrases:
    phrases = tuple(
        Phrase(
            e["correct"],
            tuple(e.get("wrong", ())),
            bool(e.get("near_miss")),
            _severity(e.get("severity", "error")),
            e.get("note", ""),
        )
        for e in raw["phrases"]
    )
    formulas = _formulas(raw["formulas"])
    periods = tuple(
        Period(
            e["name"],
            compile_pattern(e["pattern"]),
            _count(e["anchor"]),
            int(e["anchor_year"]),
            int(e.get("years", 5)),
            None if e.get("older", "warning") is None else _severity(e.get("older", "warning")),
            *anchor_of(e["pattern"]),
        )
        for e in raw["periods"]
    )
    terms = tuple(term for e in raw["terms"] for term in _terms(e))
    # One pattern for every formula and period: the parser skips the numbers inside them.
    templates = list(
        dict.fromkeys([e["pattern"] for e in raw["formulas"]] + [e["pattern"] for e in raw["periods"]])
    )
    masks = (_mask(templates),) if templates else ()
    return Phrases(phrases, formulas, periods, masks, terms)


def _terms(entry: dict[str, Any]) -> list[Term]:
    wrongs = entry["wrong"] if isinstance(entry["wrong"], list) else [entry["wrong"]]
    rule = entry.get("rule", "wrong-term")
    if rule not in TERM_RULES:
        raise PhrasesFileError(f"提法文件中的规则“{rule}”无效：terms 只能用 wrong-term 或 typo。")
    message = entry.get("message")
    if not isinstance(message, str) or not message.strip():
        raise PhrasesFileError(f"提法文件中“{wrongs[0]}”缺少 message：请写明如何改正。")
    terms = []
    for wrong in wrongs:
        if not isinstance(wrong, str) or not wrong:
            raise ValueError(f"terms 中的 wrong 应为非空文字：{wrong!r}")
        names = [str(name) for name in entry.get("except", [])]
        correct = str(entry["correct"])
        if wrong in correct:
            names.append(correct)  # the right form standing there is not the wrong one
        exceptions = tuple(
            (name, at) for name in names for at in range(len(name)) if name.startswith(wrong, at)
        )
        terms.append(
            Term(
                wrong,
                correct,
                rule,
                _severity(entry.get("severity", "error")),
                message,
                _context(entry.get("followed_by")),
                _context(entry.get("not_followed_by")),
                _context(entry.get("preceded_by"), at_end=True),
                _context(entry.get("not_preceded_by"), at_end=True),
                exceptions,
            )
        )
    return terms


def _context(regex: str | None, *, at_end: bool = False) -> re.Pattern[str] | None:
    if regex is None:
        return None
    return re.compile(f"(?:{regex})$" if at_end else str(regex))


def _formulas(entries: list[dict[str, Any]]) -> tuple[Formula, ...]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        grouped.setdefault(entry["pattern"], []).append(entry)
    formulas = []
    for template, group in grouped.items():
        pattern = compile_pattern(template)
        anchor, reach = anchor_of(template)
        counts = set()
        for entry in group:
            found = counts_of(pattern, entry["correct"])
            if found is None:
                raise ValueError(f"“{entry['correct']}”与模式“{template}”不符")
            counts.add(found)
        quoted = all(e.get("quoted", False) for e in group)
        formulas.append(
            Formula(pattern, tuple(e["correct"] for e in group), frozenset(counts), quoted, anchor, reach)
        )
    return tuple(formulas)


def _count(value: str | int) -> int:
    number = value if isinstance(value, int) else chinese_value(value)
    if number is None:
        raise ValueError(f"无法识别的期次：{value}")
    return number
