"""The checker: checks with a stable id (a finding's ``rule``), a severity, a Chinese message and a location."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from ..model import Finding, Report
from ..phrases import Phrases, default_phrases
from .base import Text
from .copies import CopySource, Corpus, copied_paragraph
from .figures import figure_conflict, rate_range
from .ledger import LedgerFigure, ledger_mismatch, load_ledger
from .numbering import numbering
from .signature import signature_date
from .structure import empty_section, missing_part, part_order, part_year, plan_year, title_year
from .wording import document_number, punctuation, truncated_law_name, wording

__all__ = ["CHECKS", "CheckOptions", "Corpus", "LedgerFigure", "check_report", "load_ledger"]

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class CheckOptions:
    phrases: Phrases | None = None  # None: the shipped file plus FAZHI_OFFICIAL_PHRASES
    ledger: list[LedgerFigure] | None = None  # --figures
    corpus: CopySource | None = None  # --against: reports of a folder, indexed in memory
    index: CopySource | None = None  # --index: the persistent copy index (copyindex.CopyIndex)


@dataclass
class Run:
    """One report under check: what several rules share is computed once."""

    report: Report
    options: CheckOptions

    @cached_property
    def text(self) -> Text:
        return Text.of(self.report)

    @cached_property
    def wording(self) -> list[Finding]:
        return wording(self.text, self.options.phrases or default_phrases(), self.report.year)

    def worded(self, rule: str) -> list[Finding]:
        return [f for f in self.wording if f.rule == rule]

    def copies(self) -> Iterable[Finding]:
        sources = [s for s in (self.options.corpus, self.options.index) if s is not None]
        return copied_paragraph(self.report, sources) if sources else ()


Check = Callable[[Run], Iterable[Finding]]

CHECKS: dict[str, Check] = {
    "missing-part": lambda r: missing_part(r.report),
    "part-order": lambda r: part_order(r.report),
    "title-year": lambda r: title_year(r.report),
    "plan-year": lambda r: plan_year(r.report),
    "part-year": lambda r: part_year(r.report),
    "signature-date": lambda r: signature_date(r.text, r.report.year),
    "numbering": lambda r: numbering(r.report),
    "empty-section": lambda r: empty_section(r.report),
    "rate-range": lambda r: rate_range(r.report),
    "figure-conflict": lambda r: figure_conflict(r.report),
    "truncated-law-name": lambda r: truncated_law_name(r.text),
    "official-phrase": lambda r: r.worded("official-phrase"),
    "wrong-term": lambda r: r.worded("wrong-term"),
    "typo": lambda r: r.worded("typo"),
    "punctuation": lambda r: punctuation(r.text),
    "document-number": lambda r: document_number(r.text),
    "ledger-mismatch": lambda r: (
        ledger_mismatch(r.report, r.options.ledger) if r.options.ledger is not None else ()
    ),
    "copied-paragraph": lambda r: r.copies(),
}


def check_report(report: Report, options: CheckOptions | None = None) -> list[Finding]:
    """All findings, in check order; within a check, in document order."""
    run = Run(report, options or CheckOptions())
    return [finding for check in CHECKS.values() for finding in check(run)]
