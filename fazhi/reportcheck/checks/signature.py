"""`signature-date`: the date under the report (成文日期) against the year it reports on.

A report on year Y is written once Y is over: it is dated in Y+1 (the regulation asks for
it by 1 March), or at the earliest in the last two months of Y. A date before Y, or early in
Y itself, is last year's date left in the template: an error. A date after Y+1 is a late
report or a version approved again later: a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Severity
from ..parse.numerals import digit_year, small_int
from .base import Text

_DIGITS = "〇零一二三四五六七八九"
_DATE_LINE = re.compile(
    rf"\s*(?P<year>\d{{4}}|[{_DIGITS}]{{4}})\s*年\s*(?P<month>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月"
    rf"(?:\s*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*日)?\s*"
)
EARLIEST_MONTH = 11  # a report may be dated in November or December of its own year
LAST_BLOCKS = 3  # the date stands among the last lines (the issuer, the date)


def signature_date(text: Text, report_year: int | None) -> Iterator[Finding]:
    if report_year is None:
        return
    for block in text.blocks[: -LAST_BLOCKS - 1 : -1]:
        match = _DATE_LINE.fullmatch(block.text)
        if match is None:
            continue
        raw_year = match.group("year")
        year = int(raw_year) if raw_year.isdigit() else digit_year(raw_year)
        month = small_int(match.group("month"))
        if year is None or month is None:
            return
        found = _contradiction(report_year, year, month)
        if found:
            severity, message = found
            yield Finding("signature-date", severity, message, block.part, block.section, block.text.strip())
        return


def _contradiction(report_year: int, year: int, month: int) -> tuple[Severity, str] | None:
    dated = f"落款日期为{year}年{month}月"
    if year == report_year + 1 or (year == report_year and month >= EARLIEST_MONTH):
        return None
    if year > report_year + 1:  # late (or a version approved again later): not the template's date
        return (
            "warning",
            f"{dated}，晚于{report_year}年度报告通常的成文时间（{report_year + 1}年）：请核对落款日期。",
        )
    if year == report_year:
        return "error", (
            f"{dated}，{report_year}年尚未结束，与{report_year}年度报告不符："
            f"请改为实际成文日期（通常为{report_year + 1}年）。"
        )
    return "error", f"{dated}，早于报告年度{report_year}年：请改为实际成文日期（通常为{report_year + 1}年）。"
