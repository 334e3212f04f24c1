"""`ledger-mismatch`: the report's figures against the unit's ledger (``fazhi figures`` output)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fazhi.indicators import INDICATORS

from ..errors import FiguresFileError
from ..model import Finding, Report, Severity
from .base import shorten
from .figures import _show

_KEY = {i.code: i.key for i in INDICATORS}


@dataclass(frozen=True)
class LedgerFigure:
    indicator: str
    name: str
    value: int | float | None  # None: undefined (a rate over nothing)
    unit: str


def load_ledger(path: Path) -> list[LedgerFigure]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise FiguresFileError(f"无法读取台账数字文件：{path}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FiguresFileError(f"台账数字文件不是有效的 JSON：{path}（{exc}）") from exc
    if isinstance(data, dict):
        data = data.get("figures")
    if not isinstance(data, list):
        raise FiguresFileError(
            "台账数字文件应为 JSON 列表，每项含 indicator、name、value、unit（即 fazhi figures 的输出）"
        )
    try:
        return [_entry(item) for item in data]
    except (KeyError, TypeError, ValueError) as exc:
        raise FiguresFileError(
            f"台账数字文件的条目有误（{exc}）：每项应含 indicator、name、value、unit"
        ) from exc


def _entry(item: dict[str, object]) -> LedgerFigure:
    value = item["value"]
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise ValueError(f"{item['indicator']} 的 value 不是数字")
    return LedgerFigure(str(item["indicator"]), str(item.get("name", "")), value, str(item.get("unit", "")))


def ledger_mismatch(report: Report, ledger: list[LedgerFigure]) -> Iterator[Finding]:
    by_code = {entry.indicator: entry for entry in ledger}
    stated: set[str] = set()
    for figure in report.figures:
        entry = by_code.get(figure.indicator or "")
        if entry is None:
            continue
        stated.add(entry.indicator)
        # "3.5万人次" is compared in 万: it agrees with a ledger 35012.
        if entry.value is not None and not _agrees(figure.value, entry.value / figure.scale):
            yield Finding(
                "ledger-mismatch",
                "error",
                f"与台账不一致：报告写{entry.name}为{_show(figure.value)}{figure.unit}，"
                f"台账为{_show(entry.value)}{entry.unit}，请核对后修改。",
                figure.part,
                figure.section,
                shorten(figure.text),
            )
    for entry in ledger:
        # A zero in the ledger is nothing left out: only work that was done is worth stating.
        if entry.indicator not in stated and entry.value:
            severity: Severity = "warning" if _KEY.get(entry.indicator) else "info"
            yield Finding(
                "ledger-mismatch",
                severity,
                f"台账有“{entry.name}”{_show(entry.value)}{entry.unit}，报告中未写明：请考虑在相应部分写明。",
                excerpt=f"{entry.indicator}：{_show(entry.value)}{entry.unit}",
            )


def _agrees(stated: int | float, ledger: int | float) -> bool:
    """Compared at the precision the report writes: 96.3 agrees with a ledger 96.28."""
    decimals = len(repr(float(stated)).split(".")[1].rstrip("0")) if isinstance(stated, float) else 0
    return round(float(ledger), decimals) == round(float(stated), decimals)
