"""Official expressions (提法) the checker knows, loaded from JSON a supervisor can extend.

The shipped file is ``data/official_phrases.json``; further files come from
``--phrases FILE`` or the ``FAZHI_OFFICIAL_PHRASES`` variable (paths separated by
the system path separator) and add to it. Entries:

- ``phrases``: ``correct`` with ``wrong`` variants, and/or ``near_miss`` (flag a
  text that differs from ``correct`` in exactly one character: "权利关进制度的笼子");
- ``formulas``: numbered formulas such as "四个意识"; ``pattern`` marks the count
  with ``{n}``; entries sharing a pattern add allowed counts ("十一个坚持",
  "十四个坚持"); ``quoted`` limits the check to text in quotation marks;
- ``periods``: numbered five-year periods ("“八五”普法"), with the year one of
  them starts, so a report names the period its year falls in.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .errors import PhrasesFileError
from .model import Severity
from .parse.numerals import chinese_value

DEFAULT_FILE = Path(__file__).parent / "data" / "official_phrases.json"
ENV_VAR = "FAZHI_OFFICIAL_PHRASES"
_NUMERAL = "[一二两三四五六七八九十]+"


@dataclass(frozen=True)
class Phrase:
    correct: str
    wrong: tuple[str, ...] = ()
    near_miss: bool = False
    severity: Severity = "error"
    note: str = ""


@dataclass(frozen=True)
class Formula:
    pattern: re.Pattern[str]
    correct: tuple[str, ...]  # every right wording sharing this pattern
    counts: frozenset[tuple[int, ...]]
    quoted: bool = False


@dataclass(frozen=True)
class Period:
    name: str
    pattern: re.Pattern[str]
    anchor: int  # the number of a known period ...
    anchor_year: int  # ... and the year it starts
    years: int = 5
    older: Severity | None = "warning"  # severity for naming a period already over; None: say nothing

    def first_year(self, number: int) -> int:
        return self.anchor_year + (number - self.anchor) * self.years

    def number_for(self, year: int) -> int:
        return self.anchor + (year - self.anchor_year) // self.years


@dataclass(frozen=True)
class Phrases:
    phrases: tuple[Phrase, ...] = ()
    formulas: tuple[Formula, ...] = ()
    periods: tuple[Period, ...] = ()
    masks: tuple[re.Pattern[str], ...] = field(default=())


def compile_pattern(template: str) -> re.Pattern[str]:
    """ "{n}个意识" → a regex with one group per {n}; the rest is matched literally."""
    parts = template.split("{n}")
    regex = re.escape(parts[0])
    for index, rest in enumerate(parts[1:]):
        regex += f"(?P<n{index}>{_NUMERAL})" + _literal(rest)
    return re.compile(regex)


def _literal(text: str) -> str:
    # Quotation marks are optional in patterns: "“八五”普法" and "八五普法" are both written.
    return "".join("”?" if ch == "”" else "“?" if ch == "“" else re.escape(ch) for ch in text)


def counts_of(pattern: re.Pattern[str], text: str) -> tuple[int, ...] | None:
    match = pattern.fullmatch(text) or pattern.search(text)
    if match is None:
        return None
    values = [chinese_value(v) for v in match.groupdict().values()]
    return None if any(v is None for v in values) else tuple(v for v in values if v is not None)


def load_phrases(extra: list[Path] | None = None) -> Phrases:
    raw: dict[str, list[Any]] = {"phrases": [], "formulas": [], "periods": []}
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
        raise PhrasesFileError(f"提法文件应为一个 JSON 对象（含 phrases、formulas、periods）：{path}")
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
        )
        for e in raw["periods"]
    )
    masks = tuple(f.pattern for f in formulas) + tuple(p.pattern for p in periods)
    return Phrases(phrases, formulas, periods, masks)


def _formulas(entries: list[dict[str, Any]]) -> tuple[Formula, ...]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        grouped.setdefault(entry["pattern"], []).append(entry)
    formulas = []
    for template, group in grouped.items():
        pattern = compile_pattern(template)
        counts = set()
        for entry in group:
            found = counts_of(pattern, entry["correct"])
            if found is None:
                raise ValueError(f"“{entry['correct']}”与模式“{template}”不符")
            counts.add(found)
        quoted = all(e.get("quoted", False) for e in group)
        formulas.append(Formula(pattern, tuple(e["correct"] for e in group), frozenset(counts), quoted))
    return tuple(formulas)


def _count(value: str | int) -> int:
    number = value if isinstance(value, int) else chinese_value(value)
    if number is None:
        raise ValueError(f"无法识别的期次：{value}")
    return number
