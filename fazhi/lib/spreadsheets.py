"""Cells written to an Excel file the way people typed them, never as something Excel runs.

The OWASP rule for CSV injection, applied to .xlsx: a cell whose text starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is a formula (or a DDE call, ``=cmd|' /C calc'!A0``) to
Excel and WPS. In an .xlsx the cell's type decides: such text is written as a text cell (``t="inlineStr"``,
never ``<f>``), unchanged, with Excel's "quote prefix" so that editing the cell keeps it text. The
value reads back exactly as the user typed it (an export imports back unchanged).

``inert(value)`` is what a writer puts in ``ws.append([...])``; ``workbook_bytes(wb)`` saves a workbook
after making every formula-like cell text, so that a cell a writer forgot is safe too. Every export
saves through it.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl.cell.cell import TYPE_FORMULA, TYPE_STRING, Cell
from openpyxl.workbook.workbook import Workbook

# A cell starting with one of these is a formula (or DDE) to Excel and WPS: =HYPERLINK(...), =cmd|...
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝")


def runs_in_excel(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def inert(value: Any) -> Any:
    """``value`` for ``ws.append``: text Excel would run becomes a text cell holding it unchanged."""
    if not runs_in_excel(value):
        return value
    cell = Cell(None)  # ws.append adopts a cell without a sheet
    _as_text(cell, value)
    return cell


def _as_text(cell: Cell, text: str) -> None:
    cell._value = text  # not .value: openpyxl would take a leading "=" for a formula
    cell.data_type = TYPE_STRING
    cell.quotePrefix = True


def make_inert(wb: Workbook) -> int:
    """Every formula-like cell of ``wb`` made text (our exports write no formula); how many were."""
    changed = 0
    for ws in wb.worksheets:
        # The cells that exist (ws.iter_rows would create every empty cell of the sheet's rectangle).
        for cell in list(getattr(ws, "_cells", {}).values()):
            value = cell._value
            if runs_in_excel(value) and (cell.data_type == TYPE_FORMULA or not cell.quotePrefix):
                _as_text(cell, value)
                changed += 1
    return changed


def workbook_bytes(wb: Workbook) -> bytes:
    """The .xlsx file of ``wb``, with no cell Excel would run."""
    make_inert(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
