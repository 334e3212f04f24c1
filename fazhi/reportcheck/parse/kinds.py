"""Which statutory part a heading opens, in the many ways reports word it."""

from __future__ import annotations

import re

from ..model import PartKind
from .numerals import digit_year

# Checked in this order: the leadership heading usually also says "推进法治政府建设",
# and "存在的问题和下一步打算" is a shortcomings heading that also covers the plan.
KEYWORDS: tuple[tuple[PartKind, tuple[str, ...]], ...] = (
    ("other", ("其他需要报告", "其他情况", "其他事项", "需要报告的其他")),
    ("leadership", ("第一责任人", "述法", "履行推进法治建设")),
    ("shortcomings", ("不足", "存在的问题", "存在问题", "短板", "差距", "薄弱环节", "困难和问题")),
    (
        "plan",
        ("安排", "打算", "计划", "下一步", "下步", "思路", "设想", "展望", "下一年", "明年", "努力方向"),
    ),
    (
        "measures",
        ("举措", "成效", "主要工作", "工作情况", "开展情况", "做法", "措施", "进展", "成绩", "亮点"),
    ),
)

# Words that make an unnumbered line a part heading rather than a sentence.
STRONG = (
    "举措和成效",
    "主要举措",
    "不足",
    "存在的问题",
    "存在问题",
    "第一责任人",
    "主要安排",
    "工作安排",
    "工作打算",
    "下一步",
    "工作计划",
    "下一年度",
    "其他需要报告",
)

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")


def kinds_of(heading: str) -> tuple[PartKind, ...]:
    """The kinds a heading names, most specific first; () for a heading that names only a theme."""
    found = [kind for kind, words in KEYWORDS if any(w in heading for w in words)]
    if not found and "主要负责人" in heading and any(w in heading for w in ("职责", "履职", "履行")):
        found = ["leadership"]
    if not found:
        return ()
    primary = found[0]
    if primary == "shortcomings" and "plan" in found:
        return ("shortcomings", "plan")
    return (primary,)


def is_strong_heading(text: str) -> bool:
    return any(word in text for word in STRONG)


def year_in(text: str) -> int | None:
    match = _YEAR.search(text)
    if match:
        return int(match.group(1))
    match = _CN_YEAR.search(text)
    return digit_year(match.group(1)) if match else None
