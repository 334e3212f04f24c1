"""The checker: checks with a stable id (a finding's ``rule``), a severity, a Chinese message and a location."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import Finding, Report
from ..phrases import Phrases, default_phrases
from .copies import Corpus, copied_paragraph
from .figures import figure_conflict, rate_range
from .ledger import LedgerFigure, ledger_mismatch, load_ledger
from .numbering import numbering
from .structure import empty_section, missing_part, part_order, part_year, plan_year, title_year
from .wording import official_phrase, punctuation, truncated_law_name

__all__ = ["CHECKS", "CheckOptions", "Corpus", "LedgerFigure", "check_report", "load_ledger"]

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class CheckOptions:
    phrases: Phrases | None = None  # None: the shipped file plus FAZHI_OFFICIAL_PHRASES
    ledger: list[LedgerFigure] | None = None  # --figures
    corpus: Corpus | None = None  # --against


Check = Callable[[Report, CheckOptions], Iterable[Finding]]

CHECKS: dict[str, Check] = {
    "missing-part": lambda r, o: missing_part(r),
    "part-order": lambda r, o: part_order(r),
    "title-year": lambda r, o: title_year(r),
    "plan-year": lambda r, o: plan_year(r),
    "part-year": lambda r, o: part_year(r),
    "numbering": lambda r, o: numbering(r),
    "empty-section": lambda r, o: empty_section(r),
    "rate-range": lambda r, o: rate_range(r),
    "figure-conflict": lambda r, o: figure_conflict(r),
    "truncated-law-name": lambda r, o: truncated_law_name(r),
    "official-phrase": lambda r, o: official_phrase(r, o.phrases or default_phrases()),
    "punctuation": lambda r, o: punctuation(r),
    "ledger-mismatch": lambda r, o: ledger_mismatch(r, o.ledger) if o.ledger is not None else (),
    "copied-paragraph": lambda r, o: copied_paragraph(r, o.corpus) if o.corpus is not None else (),
}


def check_report(report: Report, options: CheckOptions | None = None) -> list[Finding]:
    """All findings, in check order; within a check, in document order."""
    options = options or CheckOptions()
    return [finding for check in CHECKS.values() for finding in check(report, options)]
