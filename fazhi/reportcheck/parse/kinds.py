"""Which statutory part a heading opens, in the many ways reports word it.

Headings are recognised by cue words standing in order, with other words allowed
between them: "存在的主要问题", "工作中存在的突出问题和原因", "下一步推进法治政府建设的
工作打算". A heading with no cue names no part (``kinds_of`` gives ``()``): the
parser never guesses "measures" for it.
"""

from __future__ import annotations

import re

from ..model import PartKind
from .numerals import digit_year

_GAP = "[^，。；：,;:]{0,%d}"  # words inserted between two cue words, within one phrase


def _cues(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(p.replace("…", _GAP % 8).replace("⋯", _GAP % 16) for p in patterns))


# Checked in this order: the leadership heading usually also says "推进法治政府建设",
# and "存在的问题和下一步打算" is a shortcomings heading that also covers the plan.
KEYWORDS: tuple[tuple[PartKind, re.Pattern[str]], ...] = (
    ("other", _cues("其他…(?:报告|说明|汇报)", "其他(?:有关|相关)?(?:情况|事项)", "需要报告的其他")),
    (
        "leadership",
        _cues(
            "第一责任人",
            "述法",
            "履行…推进法治",
            "(?:主要负责人|主要负责同志|主要领导|一把手)⋯(?:职责|履职|履行)",
        ),
    ),
    (
        "shortcomings",
        _cues(
            "不足",
            "存在…(?:问题|困难|短板|差距|弱项)",
            "面临…(?:问题|困难)",
            "问题…(?:原因|不足)",
            "短板",
            "差距",
            "薄弱环节",
            "困难和问题",
        ),
    ),
    (
        "plan",
        _cues(
            "安排",
            "打算",
            "计划",
            "下一步",
            "下步",
            "思路",
            "设想",
            "展望",
            "下一年",
            "明年",
            "今后",
            "努力方向",
            "工作要点",
        ),
    ),
    (
        "measures",
        _cues(
            "举措",
            "成效",
            "主要…工作",
            "做法",
            "措施",
            "进展",
            "成绩",
            "亮点",
            "(?:建设|工作|推进|落实|完成|开展|基本|总体)…情况",
        ),
    ),
)

# A section heading that says in full what a statutory part says: the part written one
# level down ("（一）党政主要负责人履行推进法治建设第一责任人职责情况" under part 一).
STATUTORY: dict[PartKind, re.Pattern[str]] = {
    "measures": _cues("主要举措", "举措…成效"),
    "shortcomings": _cues("存在…(?:问题|不足)", "不足…原因"),
    "leadership": _cues("(?:主要负责人|第一责任人)⋯(?:职责|履职|履行)", "履行…第一责任人"),
    "plan": _cues("(?:下一年|下一步|下步|明年|(?:19|20)\\d\\d\\s*年)⋯(?:安排|打算|计划)"),
}

# Words that make an unnumbered line a part heading rather than a sentence.
_STRONG = _cues(
    "举措…成效",
    "主要举措",
    "不足",
    "存在…问题",
    "第一责任人",
    "(?:主要|工作)安排",
    "工作打算",
    "下一步",
    "工作计划",
    "下一年度",
    "其他需要报告",
)

_RANGE = "[—–\\-－~～至到]+"
_YEAR = re.compile(
    f"(?P<range>(?:19|20)\\d{{2}}\\s*年?\\s*{_RANGE}\\s*(?:19|20)\\d{{2}}\\s*年?)"
    "|(?P<year>(?:19|20)\\d{2})\\s*年"
)
_CN = "[〇零一二三四五六七八九]{4}"
_CN_YEAR = re.compile(f"(?P<range>{_CN}年?{_RANGE}{_CN}年?)|(?P<year>{_CN})年")


def kinds_of(heading: str) -> tuple[PartKind, ...]:
    """The kinds a heading names, most specific first; () for a heading that names only a theme."""
    found = [kind for kind, cues in KEYWORDS if cues.search(heading)]
    if not found:
        return ()
    primary = found[0]
    if primary == "shortcomings" and "plan" in found:
        return ("shortcomings", "plan")
    return (primary,)


def statutory_kind(heading: str) -> PartKind | None:
    """The part a section heading names in the statutory wording, if it does."""
    kinds = kinds_of(heading)
    if kinds and kinds[0] in STATUTORY and STATUTORY[kinds[0]].search(heading):
        return kinds[0]
    return None


def is_strong_heading(text: str) -> bool:
    return _STRONG.search(text) is not None


def year_in(text: str) -> int | None:
    """The first year named in ``text``; a range ("2021—2025年") names a period, not a year."""
    for match in _YEAR.finditer(text):
        if match.group("year"):
            return int(match.group("year"))
    for match in _CN_YEAR.finditer(text):
        if match.group("year"):
            return digit_year(match.group("year"))
    return None
