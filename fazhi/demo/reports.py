"""The demo units' 2024 reports: drafted from their ledgers by the platform, with
the units' own words for the parts the ledger cannot write (不足和原因, 下一年度安排).

The two seed units use the wording of their real 2024 reports (docs/architecture.md#seed-reports).
"""

from __future__ import annotations

from datetime import date

from fazhi.reports.actions import do_approve_report, do_create_report, do_save_section, do_submit_report

from .load_texts import GENERIC, SEED_TEXTS


def reasons_for(report) -> dict[str, str]:
    """The head's reason for any error the checker still finds (the approval gate)."""
    from fazhi.reports.checking import finding_key, findings_of
    from fazhi.reports.queries import document_of

    findings = findings_of(report, document_of(report))
    return {finding_key(f): "经核实，按现稿报送。" for f in findings.error_list}


def draft_demo_reports(units_with_people, *, year: int = 2024) -> None:
    """``units_with_people``: (unit, clerk, head) triples. The 政府办公室 report ends approved,
    the 投资促进局 report submitted, the others stay drafts."""
    for unit, clerk, head in units_with_people:
        report = do_create_report(unit=unit, year=year, acting_user=clerk)
        texts = SEED_TEXTS.get(unit.name, GENERIC)
        for section in report.sections.all():
            text = texts.get(section.key)
            if text:
                narrative = text.format(unit=unit.name, year=year, next_year=year + 1)
                do_save_section(
                    section,
                    heading=section.heading,
                    text="\n".join(t for t in (narrative, section.text) if t),  # then the drafted figures
                    revision=section.revision,
                    acting_user=clerk,
                )
        if unit.name == "南开区政府办公室":
            do_submit_report(report, acting_user=clerk)
            do_approve_report(
                report, acting_user=head, reasons=reasons_for(report), today=date(year + 1, 2, 18)
            )
        elif unit.name == "南开区投资促进局":
            do_submit_report(report, acting_user=clerk)
