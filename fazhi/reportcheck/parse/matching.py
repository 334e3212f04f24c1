"""A figure's phrase → indicator codes, from the catalogue's ``phrases``.

Each phrase entry is a tuple of words that must all stand in the text. Among the
entries that match, the one covering most characters wins ("机关党组理论学习中心组"
beats "党组理论学习中心组"), then the one with the longest single word
("市级建议提案" beats "承办" + "建议提案"). A second indicator is kept only when
its words cover other characters: "42人参训并顺利结业" states both 参训 and 结业.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

import ahocorasick

from fazhi.indicators import INDICATORS, Indicator

# Units a report may use for the same count ("4个项目", "4项", "4件").
UNIT_GROUPS = {
    "次": "次",
    "场": "次",
    "场次": "次",
    "期": "次",
    "件": "件",
    "个": "件",
    "项": "件",
    "份": "件",
    "条": "件",
    "篇": "件",
    "家": "件",
    "户": "件",
    "人": "人",
    "名": "人",
    "人次": "人次",
    "%": "%",
    "％": "%",
    "分": "分",
}


class _Hit(NamedTuple):
    key: tuple[int, int, int]  # characters covered, the longest word, then the catalogue's order
    code: str
    positions: set[int]
    order: int


@cache
def _by_group() -> dict[str, tuple[tuple[int, Indicator], ...]]:
    groups: dict[str, list[tuple[int, Indicator]]] = {}
    for order, indicator in enumerate(INDICATORS):
        groups.setdefault(UNIT_GROUPS.get(indicator.unit, indicator.unit), []).append((order, indicator))
    return {group: tuple(items) for group, items in groups.items()}


@dataclass(frozen=True)
class _Group:
    """What ``match`` needs of a unit group, built once."""

    finder: Any  # an automaton over every word the group's phrases use (overlapping ones too)
    # Each phrase of the group's indicators: (the indicator's order, it, the phrase's words).
    phrases: tuple[tuple[int, Indicator, frozenset[str]], ...]
    by_word: dict[str, tuple[int, ...]]  # word → the phrases (indexes in ``phrases``) that use it


@cache
def _group(group: str) -> _Group | None:
    phrases = tuple((o, i, frozenset(words)) for o, i in _by_group().get(group, ()) for words in i.phrases)
    by_word: dict[str, list[int]] = {}
    for index, (_, _, words) in enumerate(phrases):
        for word in words:
            by_word.setdefault(word, []).append(index)
    if not by_word:
        return None
    finder = ahocorasick.Automaton()
    for word in by_word:
        finder.add_word(word, word)
    finder.make_automaton()
    return _Group(finder, phrases, {word: tuple(at) for word, at in by_word.items()})


def match(own: str, context: str, unit: str) -> list[str]:
    """Codes stated by a figure: ``own`` is its phrase, ``context`` nearby words that may qualify it."""
    group = _group(UNIT_GROUPS.get(unit, unit))
    if group is None:
        return []
    text = context + "\u0000" + own
    anchor = len(context) + 1
    present = {word for _, word in group.finder.iter(text)}  # one pass, not one look per word
    if not present:
        return []
    hits = []
    tried: set[int] = set()
    # Only the phrases one of the present words belongs to can be complete; in the phrases' order.
    for index in sorted({index for word in present for index in group.by_word[word]}):
        order, indicator, words = group.phrases[index]
        if order in tried or not words <= present:
            continue
        tried.add(order)
        hit = _best(indicator, order, text, anchor)
        if hit is not None:
            hits.append(hit)
    if len(hits) == 1:
        return [hits[0].code]
    chosen: list[_Hit] = []
    taken: set[int] = set()
    for hit in sorted(hits, key=lambda h: h.key, reverse=True):
        if not hit.positions & taken:
            chosen.append(hit)
            taken |= hit.positions
    return [hit.code for hit in sorted(chosen, key=lambda h: h.order)]


def _best(indicator: Indicator, order: int, text: str, anchor: int) -> _Hit | None:
    best: _Hit | None = None
    for words in indicator.phrases:
        positions: set[int] = set()
        anchored = False
        for word in words:
            # The figure's own phrase is searched first, so context only fills in.
            at = text.find(word, anchor)
            if at < 0:
                at = text.find(word)
            if at < 0:
                break
            anchored = anchored or at >= anchor
            positions.update(range(at, at + len(word)))
        else:
            if anchored:
                key = (len(positions), max(map(len, words)), -order)
                if best is None or key > best.key:
                    best = _Hit(key, indicator.code, positions, order)
    return best
