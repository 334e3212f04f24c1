"""Typed errors of the report engine; each carries a Chinese message for the user."""

from __future__ import annotations


class ReportError(Exception):
    """Base of every error the engine raises on bad input; ``message`` is shown as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ReportReadError(ReportError):
    """The file cannot be read as a report (empty, corrupt, scanned, too large ...)."""


class FiguresFileError(ReportError):
    """The ledger figures file given with ``--figures`` is not usable."""


class PhrasesFileError(ReportError):
    """An official-phrases file (``--phrases``) is not usable."""
