"""The report engine reads along while the clerk writes: the draft's text is parsed
and checked exactly as a submitted file would be, with the unit's ledger figures."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
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
    def every(self) -> list[Finding]:
        return self.general + [f for v in self.by_section.values() for f in v]

    @property
    def errors(self) -> int:
        return len(self.error_list)

    @property
    def error_list(self) -> list[Finding]:
        return [f for f in self.every if f.severity == "error"]


def finding_key(finding: Finding) -> str:
    """A finding's stable name across two checks of the same text: what a head's reason is kept under."""
    text = "|".join(
        (finding.rule, finding.part or "", finding.section or "", finding.excerpt, finding.message)
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def finding_json(finding: Finding, reason: str = "") -> dict:
    return {
        "key": finding_key(finding),
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "part": finding.part,
        "section": finding.section,
        "excerpt": finding.excerpt,
        "reason": reason,
    }


def unexplained_errors(findings: Iterable[Finding], reasons: dict[str, str]) -> list[Finding]:
    """The errors the head has not given a reason for (the gate before approving or sending)."""
    return [f for f in findings if f.severity == "error" and not (reasons.get(finding_key(f)) or "").strip()]


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


def findings_of(report, document: Document) -> SectionFindings:
    """The findings on a report's document by its genre's checks (``genres.py``)."""
    check = report.kind.check
    assert check is not None, f"genre {report.genre} registered without a check"
    return check(report, document)


def law_check(report, document: Document) -> SectionFindings:
    """The rule-of-law report: the report engine, with the unit's ledger figures."""
    return check_document(document, unit_id=report.unit_id, year=report.year)
