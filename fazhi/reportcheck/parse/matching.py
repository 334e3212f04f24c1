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


@dataclass(frozen=True)
class _Hit:
    code: str
    positions: frozenset[int]
    longest: int
    order: int

    @property
    def key(self) -> tuple[int, int, int]:
        return (len(self.positions), self.longest, -self.order)


@cache
def _by_group() -> dict[str, tuple[tuple[int, Indicator], ...]]:
    groups: dict[str, list[tuple[int, Indicator]]] = {}
    for order, indicator in enumerate(INDICATORS):
        groups.setdefault(UNIT_GROUPS.get(indicator.unit, indicator.unit), []).append((order, indicator))
    return {group: tuple(items) for group, items in groups.items()}


@cache
def _words_of(group: str) -> tuple[str, ...]:
    """Every word the group's phrases use, each once."""
    return tuple(
        dict.fromkeys(w for _, i in _by_group().get(group, ()) for words in i.phrases for w in words)
    )


@cache
def _needs(group: str) -> tuple[tuple[int, Indicator, tuple[frozenset[str], ...]], ...]:
    """Each indicator of the group with the word sets of its phrases."""
    return tuple(
        (o, i, tuple(frozenset(words) for words in i.phrases)) for o, i in _by_group().get(group, ())
    )


def match(own: str, context: str, unit: str) -> list[str]:
    """Codes stated by a figure: ``own`` is its phrase, ``context`` nearby words that may qualify it."""
    text = context + "\u0000" + own
    anchor = len(context) + 1
    group = UNIT_GROUPS.get(unit, unit)
    present = {w for w in _words_of(group) if w in text}  # one look per word, not per phrase
    if not present:
        return []
    hits = []
    for order, indicator, needs in _needs(group):
        if not any(words <= present for words in needs):
            continue
        hit = _best(indicator, order, text, anchor)
        if hit is not None:
            hits.append(hit)
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
                hit = _Hit(indicator.code, frozenset(positions), max(map(len, words)), order)
                best = hit if best is None or hit.key > best.key else best
    return best
