"""Rules on stated figures: plausible values, and one value per indicator."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Figure, Finding, Report, base_unit
from .base import shorten

COUNT_UNITS = {"次", "件", "人", "名", "个", "条", "项", "场", "篇", "期", "份", "家", "户", "人次", "场次"}


def rate_range(report: Report) -> Iterator[Finding]:
    for figure in report.figures:
        if figure.unit == "%" and not 0 <= figure.value <= 100:
            yield Finding(
                "rate-range",
                "error",
                f"比率应在0～100%之间，此处为{_show(figure.value)}%：请核对分子分母。",
                figure.part,
                figure.section,
                shorten(figure.text),
            )
        elif figure.unit in COUNT_UNITS and isinstance(figure.value, float) and not figure.value.is_integer():
            yield Finding(
                "rate-range",
                "error",
                f"“{figure.unit}”计数应为整数，此处为{_show(figure.value)}{figure.unit}：请核对。",
                figure.part,
                figure.section,
                shorten(figure.text),
            )


def figure_conflict(report: Report) -> Iterator[Finding]:
    """The same indicator stated twice with different values; or, across two parts, the
    same thing counted in the same words ("开展普法宣传活动15次" … "开展普法宣传活动18次").

    Left out: the plan (its figures are next year's targets) and figures stated as
    bounds or totals over years ("不少于4次", "20余次", "累计").
    """
    by_indicator: dict[str, Figure] = {}
    by_words: dict[tuple[str, str], Figure] = {}
    for figure in report.figures:
        if figure.part == "plan" or _APPROXIMATE.search(figure.text):
            continue
        if figure.indicator is not None:
            earlier = by_indicator.setdefault(figure.indicator, figure)
            subject = "同一指标"
        else:
            words = _counted_words(figure.text)
            if len(words) < MIN_WORDS:
                continue
            earlier = by_words.setdefault((base_unit(figure.unit), words), figure)
            if earlier.part == figure.part:
                continue
            subject = "同一事项"
        if earlier is not figure and earlier.amount != figure.amount:  # "1.2万人次" is "12000人次"
            yield Finding(
                "figure-conflict",
                "warning",
                f"{subject}前后数字不一致：前文写“{shorten(earlier.text, 30)}”（{_show(earlier.value)}{earlier.unit}），"
                f"此处为{_show(figure.value)}{figure.unit}，请核对。",
                figure.part,
                figure.section,
                shorten(figure.text),
            )


MIN_WORDS = 4  # shorter descriptions ("开展活动") name too little to say two figures count the same
_APPROXIMATE = re.compile(r"不少于|不低于|不超过|以上|以下|超过|余|多|近|约|左右|至少|累计|合计|总计|其中")
_NOT_WORDS = re.compile(
    r"\d{4}年(?:度)?|今年以来|今年|全年|年内|本年度|本年|共计|共|达到|达|为|[\d.．%％]+|[零〇一二两三四五六七八九十百千万]+(?=[次件人个条项场篇期份家户名])"
)
_NON_CJK = re.compile(r"[^\u4e00-\u9fff]+")


def _counted_words(text: str) -> str:
    """What a figure counts, in its own words, without the number, time words and marks."""
    return _NON_CJK.sub("", _NOT_WORDS.sub("", text))


def _show(value: int | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
