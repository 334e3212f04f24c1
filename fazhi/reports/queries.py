"""Permission-checked reads of reports, and the report as a document."""

from __future__ import annotations

from dataclasses import asdict

from fazhi.lib.errors import Refused
from fazhi.orgs.access import Need, check_access
from fazhi.records.figures import figures_by_code

from .compose import DEFAULT_TEXTS, SectionDraft, SectionView, build_document, draft_sections
from .document import DocPart, DocSection, Document
from .models import Report, ReportSection, ReportVersion


def access_report(user, report_id: int, need: Need = Need.READ) -> Report:
    """The report if the user holds ``need`` on its unit; its sections and versions are reached through it."""
    report = Report.objects.select_related("unit").filter(pk=report_id).first()
    if report is None:
        raise Refused("报告不存在或无权查看。", hidden=True)
    check_access(user, report.unit_id, need)
    return report


def section_of(report: Report, section_id: int) -> ReportSection:
    """A section of a report already accessed (``access_report``)."""
    section = ReportSection.objects.filter(pk=section_id, report=report).first()
    if section is None:
        raise Refused("段落不存在。", hidden=True)
    section.report = report
    return section


def version_of(report: Report, number: int) -> ReportVersion:
    """A version of a report already accessed (``access_report``)."""
    version = ReportVersion.objects.filter(report=report, number=number).first()
    if version is None:
        raise Refused("没有这个版本。", hidden=True)
    return version


def section_views(
    report: Report, *, replacing: ReportSection | None = None, heading: str = "", text: str = ""
) -> list[SectionView]:
    """The report's sections for building its document; ``replacing`` one with unsaved words."""
    views = []
    for s in report.sections.all():
        if replacing is not None and s.pk == replacing.pk:
            views.append(SectionView(s.part, heading, text, s.stated))
        else:
            views.append(SectionView(s.part, s.heading, s.text, s.stated))
    return views


def document_of(report: Report, *, signed_on=None, sections: list[SectionView] | None = None) -> Document:
    sections = sections if sections is not None else section_views(report)
    return build_document(
        unit_name=report.unit.name,
        year=report.year,
        preamble=report.preamble,
        sections=sections,
        signed_on=signed_on,
    )


def document_to_json(document: Document) -> dict:
    data = asdict(document)
    data["signed_on"] = document.signed_on.isoformat() if document.signed_on else None
    return data


def document_from_json(data: dict) -> Document:
    from datetime import date

    parts = [
        DocPart(
            p["kind"], p["number"], p["heading"], p["paragraphs"], [DocSection(**s) for s in p["sections"]]
        )
        for p in data["parts"]
    ]
    signed_on = date.fromisoformat(data["signed_on"]) if data.get("signed_on") else None
    return Document(data["title"], data["issuer"], data["preamble"], parts, signed_on)


def stale_figures(report: Report) -> dict[int, list[tuple[str, object, object]]]:
    """Per section id: (code, value stated, value now) for every figure the ledger has changed since."""
    current = figures_by_code(report.unit_id, report.year)
    stale: dict[int, list] = {}
    for section in report.sections.all():
        changed = [
            (code, stated, current.get(code))
            for code, stated in section.stated.items()
            if current.get(code) != stated
        ]
        if changed:
            stale[section.pk] = changed
    return stale


def latest_version(report: Report) -> ReportVersion | None:
    return report.versions.order_by("-number").first()


def draft_for(unit, year: int) -> tuple[str, list[SectionDraft]]:
    """A fresh draft's preamble and sections: figures from the ledger, narrative from the
    unit's own report of the year before (never another unit's)."""
    last = Report.objects.filter(unit=unit, year=year - 1).first()
    previous = {s.key: (s.heading, s.text) for s in last.sections.all()} if last else {}
    preamble = (
        last.preamble.replace(str(year - 1), str(year))
        if last and last.preamble
        else DEFAULT_TEXTS["preamble"].format(year=year, unit=unit.name)
    )
    return preamble, draft_sections(figures_by_code(unit.pk, year), previous)


def current_document(unit, year: int) -> Document:
    """The approved version if there is one; else the saved draft; else a fresh draft, not saved."""
    report = Report.objects.filter(unit=unit, year=year).first()
    if report is not None:
        version = latest_version(report)
        return document_from_json(version.document) if version else document_of(report)
    return fresh_document(unit, year)


def fresh_document(unit, year: int) -> Document:
    """A draft composed from the ledger now, not saved."""
    preamble, drafts = draft_for(unit, year)
    return build_document(
        unit_name=unit.name,
        year=year,
        preamble=preamble,
        sections=[SectionView(d.part, d.heading, d.text, d.stated) for d in drafts],
    )
