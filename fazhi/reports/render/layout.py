"""Layout facts shared by the renderers: how a title breaks, how the signature sits.

Widths are counted in Chinese characters: a CJK character or full-width mark is 1,
an ASCII letter or digit is ½ (GB fonts draw them half-width).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# GB/T 9704-2012 7.1: 2号 title on a 156 mm line: 442 pt / 22 pt = 20 characters.
TITLE_CHARS_PER_LINE = 20

# Where a long report title breaks best, in order: keep "情况报告" (or "报告") together
# on the second line, as the seed reports do; else put the unit name on its own line.
_TITLE_BREAKS = (
    re.compile(r"(?=(?:工作)?情况报告$)"),
    re.compile(r"(?=(?:报送和公开)?情况的通报$)"),  # the office's 通报 (campaigns/bulletin.py)
    re.compile(r"(?=(?:19|20)\d{2}年)"),
    re.compile(r"(?=(?:关于)?(?:推进)?法治政府建设)"),
    re.compile(r"(?=报告$)"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """Text safe for XML and HTML: control characters (pasted from other programs) removed."""
    return _CONTROL.sub("", text)


def width(text: str) -> float:
    return sum(0.5 if unicodedata.east_asian_width(ch) in "NaH" else 1.0 for ch in text)


def title_lines(title: str, *, per_line: int = TITLE_CHARS_PER_LINE) -> list[str]:
    """The title broken into lines that fit, longer line first (GB/T 9704 7.3.3: 梯形)."""
    title = " ".join(clean(title).split())
    if width(title) <= per_line:
        return [title]
    for pattern in _TITLE_BREAKS:
        for match in pattern.finditer(title):
            head, tail = title[: match.start()], title[match.start() :]
            if head and tail and width(head) <= per_line and width(tail) <= per_line:
                return [head, tail]
    return _greedy(title, per_line)


def _greedy(title: str, per_line: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for token in re.findall(r"[0-9A-Za-z]+|.", title):  # never split a year or a word
        if current and width(current + token) > per_line:
            lines.append(current)
            current = ""
        current += token
    return [*lines, current] if current else lines


def chinese_date(day: date) -> str:
    """成文日期 in Arabic numerals, no leading zeros (GB/T 9704-2012 7.3.5.1)."""
    return f"{day.year}年{day.month}月{day.day}日"


def signature_indents(issuer: str, signed: str) -> tuple[float, float]:
    """Right indents (in characters) of the 落款 line and the date line below it.

    GB/T 9704-2012 7.3.5.2 (no seal): the issuer stands 2 characters from the right,
    the date starts 2 characters right of the issuer's first character; when the
    date is the longer, the date keeps 2 characters from the right and the issuer
    moves to match.
    """
    issuer_w, date_w = width(issuer), width(signed)
    if not signed:
        return 2.0, 2.0
    date_right = issuer_w - date_w
    if date_right >= 2:
        return 2.0, date_right
    return date_w + 4 - issuer_w, 2.0
