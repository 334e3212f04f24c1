"""Rules on stated figures: plausible values, and one value per indicator."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Figure, Finding, Report
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
    """The same indicator stated twice with different values."""
    first: dict[str, Figure] = {}
    for figure in report.figures:
        if figure.indicator is None:
            continue
        earlier = first.setdefault(figure.indicator, figure)
        if earlier is not figure and earlier.value != figure.value:
            yield Finding(
                "figure-conflict",
                "warning",
                f"同一指标前后数字不一致：前文写“{shorten(earlier.text, 30)}”（{_show(earlier.value)}{earlier.unit}），"
                f"此处为{_show(figure.value)}{figure.unit}，请核对。",
                figure.part,
                figure.section,
                shorten(figure.text),
            )


def _show(value: int | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
