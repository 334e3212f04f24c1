"""The title (often broken over two lines), the issuing unit and the report year."""

from __future__ import annotations

import re

from ..readers import SourceLine
from .kinds import year_in
from .markers import part_marker, section_marker

_STOPS = re.compile(r"[。；;！!？?]")
_PUNCT = re.compile(r"[。，,；;：:、！!？?]")
_TITLE_ENDS = ("报告", "总结")
_UNIT_BEFORE_YEAR = re.compile(
    r"^(?P<unit>.+?)\s*(?:关于)?\s*(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年"
)
_UNIT_AFTER_YEAR = re.compile(
    r"(?:19|20)\d{2}\s*年度?\s*(?P<unit>.+?)(?:关于|推进|深化)?(?:法治政府|法治建设|依法行政)"
)
_ORG = r"(?:局|办|办公室|委|委员会|院|政府|中心|街道|街道办事处|镇|乡|厅|部|署|所|队|站|会)"
_ORG_SUFFIX = re.compile(_ORG + "$")
# The issuing unit as the opening sentence names it: "2022年，XX局在区委…",
# "现将市人社局2022年法治政府建设情况报告如下". It follows the year, a comma or 现将, and
# is followed by what the unit did (在, 坚持, 党组 …) or the year of the report.
_OPENING_UNIT = re.compile(
    r"(?:^|[，,]|现将|(?:19|20)\d{2}\s*年度?)\s*"
    r"(?P<unit>(?![在按根围以我本对全为各通经于现今])[\u4e00-\u9fffA-Za-z（）()]{1,30}?" + _ORG + ")"
    r"(?=在|坚持|以|深入|认真|紧紧|紧密|紧扣|围绕|全面|始终|严格|按照|立足|着力|持续|积极|切实|不断"
    r"|牢固|聚焦|全力|高度|坚决|扎实|统筹|党组|党委|党工委|领导班子|关于|\s*(?:19|20)\d{2}|\s*[〇零一二]{4}年)"
)
_DATE_LINE = re.compile(
    r"^(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日$"
)
_NOW_REPORTING = re.compile(r"现将[^。；]{0,40}?((?:19|20)\d{2})\s*年")


def split_title(lines: list[SourceLine]) -> tuple[list[SourceLine], list[SourceLine]]:
    """Leading title lines and the rest; a title is at most three short lines joined."""
    if not lines:
        return [], []
    if lines[0].level == 0:  # Word's Title style says it outright
        count = next((i for i, ln in enumerate(lines) if ln.level != 0), len(lines))
        return lines[:count], lines[count:]
    if not _title_like(lines[0].text):
        return [], lines
    count = 1
    joined = lines[0].text
    while count < min(3, len(lines)) and not joined.endswith(_TITLE_ENDS) and _continues(lines[count].text):
        joined += lines[count].text
        count += 1
    return lines[:count], lines[count:]


def _title_like(text: str) -> bool:
    return (
        len(text) <= 60
        and not _STOPS.search(text)
        and "，" not in text
        and part_marker(text) is None
        and section_marker(text) is None
    )


def _continues(text: str) -> bool:
    return (
        len(text) <= 30
        and not _PUNCT.search(text)
        and not text.startswith(("（", "("))
        and part_marker(text) is None
        and section_marker(text) is None
    )


def unit_of(title: str) -> str | None:
    match = _UNIT_BEFORE_YEAR.search(title)
    unit = match.group("unit").strip(' 　“”"').removesuffix("关于").strip() if match else ""
    if unit:
        return unit
    # "2024年度××局法治政府建设……": only a name that ends like an organ is taken.
    match = _UNIT_AFTER_YEAR.search(title)
    unit = match.group("unit").strip() if match else ""
    return unit if _ORG_SUFFIX.search(unit) else None


def unit_line(text: str) -> str | None:
    """A short line that names an organ, as some reports put under the title."""
    if len(text) <= 30 and not _PUNCT.search(text) and _ORG_SUFFIX.search(text):
        return text
    return None


def title_year(title: str) -> int | None:
    return year_in(title)


def opening_unit(texts: list[str]) -> str | None:
    """The unit the opening sentence names as the one reporting; None for "我局" and the like.
    A salutation above it ("区委依法治区办：") names the receiver, not the unit."""
    for text in texts:
        if len(text) <= 30 and text.endswith(("：", ":")):
            continue
        sentence = _STOPS.split(text, maxsplit=1)[0][:300]
        match = _OPENING_UNIT.search(sentence)
        return match.group("unit") if match else None
    return None


def signature_unit(closing: list[str]) -> str | None:
    """The unit of the signature block: the organ's name on the line above the closing date."""
    lines = [t.strip() for t in closing if t.strip()][-3:]
    if len(lines) < 2 or not _DATE_LINE.match(lines[-1]):
        return None
    return unit_line(lines[-2])


def preamble_year(texts: list[str]) -> int | None:
    """The year the opening reports on: "现将2022年…情况报告如下", else the first year it names
    (a planning range such as "2021—2025年" names no year)."""
    for text in texts:
        match = _NOW_REPORTING.search(text)
        if match:
            return int(match.group(1))
    return next((year for text in texts if (year := year_in(text)) is not None), None)
