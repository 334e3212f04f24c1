"""Cells written to an Excel file the way people typed them, never as something Excel runs."""

from __future__ import annotations

# A cell starting with one of these is a formula (or DDE) to Excel and WPS: =HYPERLINK(...), =cmd|...
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝")


def inert(value):
    """``value`` for a cell: text that Excel would run is kept as text, with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
