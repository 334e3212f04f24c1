"""The report engine reads along while the clerk writes: the draft's text is parsed
and checked exactly as a submitted file would be, with the unit's ledger figures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from fazhi.records.figures import compute_figures
from fazhi.reportcheck import CheckOptions, Finding, check_report, parse_text
from fazhi.reportcheck.checks.ledger import LedgerFigure

from .document import Document


@dataclass
class SectionFindings:
    by_section: dict[tuple[str, str], list[Finding]]  # (part kind, section number) -> findings
    general: list[Finding]

    @property
    def count(self) -> int:
        return len(self.general) + sum(len(v) for v in self.by_section.values())

    @property
    def infos(self) -> list[Finding]:
        return [f for f in self.general if f.severity == "info"]

    @property
    def errors(self) -> int:
        every = self.general + [f for v in self.by_section.values() for f in v]
        return sum(1 for f in every if f.severity == "error")


def ledger_of(unit_id: int, year: int) -> list[LedgerFigure]:
    return [
        LedgerFigure(f.indicator.code, f.indicator.name, f.value, f.indicator.unit)
        for f in compute_figures(unit_id, year)
        if f.value is not None
    ]


def check_document(document: Document, *, unit_id: int, year: int) -> SectionFindings:
    report = parse_text("\n".join(document.lines()))
    findings = check_report(report, CheckOptions(ledger=ledger_of(unit_id, year)))
    by_section: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    general: list[Finding] = []
    for finding in findings:
        number = _section_number(document, finding)
        if number is None:
            general.append(finding)
        else:
            by_section[(finding.part or "", number)].append(finding)
    return SectionFindings(dict(by_section), general)


def _section_number(document: Document, finding: Finding) -> str | None:
    if not finding.section or not finding.part:
        return None
    for part in document.parts:
        if part.kind != finding.part:
            continue
        for section in part.sections:
            if finding.section.startswith(section.number):
                return section.number
    return None
