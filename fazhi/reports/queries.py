"""Permission-checked reads of reports, and the report as a document."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from fazhi.lib.errors import FazhiError, Refused
from fazhi.orgs.access import Need, check_access
from fazhi.records.figures import figures_by_code

from .compose import (
    DEFAULT_PREAMBLE,
    SectionDraft,
    SectionView,
    body_key,
    build_document,
    draft_sections,
    section_numbers,
)
from .document import DocPart, DocSection, DocTable, Document
from .genres import genre_of
from .models import Report, ReportSection, ReportVersion, SectionConflict


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


def conflict_of(report: Report, conflict_id: int) -> SectionConflict:
    conflict = (
        SectionConflict.objects.filter(pk=conflict_id, section__report=report)
        .select_related("section")
        .first()
    )
    if conflict is None:
        raise Refused("没有这条保存冲突。", hidden=True)
    conflict.section.report = report
    return conflict


def open_conflicts(report: Report) -> dict[int, list[SectionConflict]]:
    """Per section id: the saves refused because someone saved first, not yet marked merged."""
    out: dict[int, list[SectionConflict]] = {}
    for conflict in SectionConflict.objects.filter(section__report=report, resolved_by=None).select_related(
        "by"
    ):
        out.setdefault(conflict.section_id, []).append(conflict)
    return out


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
            views.append(SectionView(s.part, heading, text, s.is_body))
        else:
            views.append(SectionView(s.part, s.heading, s.text, s.is_body))
    return views


def document_of(report: Report, *, signed_on=None, sections: list[SectionView] | None = None) -> Document:
    """The report as a document: its words, and its genre's tables computed from the records now
    (an approved version keeps them as they were: ``document_from_json``)."""
    sections = sections if sections is not None else section_views(report)
    genre = report.kind
    return build_document(
        unit_name=report.unit.name,
        year=report.year,
        preamble=report.preamble,
        sections=sections,
        headings=report.part_headings,
        signed_on=signed_on,
        genre=genre,
        tables=genre.tables(report) if genre.tables else None,
    )


def document_to_json(document: Document) -> dict:
    data = asdict(document)
    data["signed_on"] = document.signed_on.isoformat() if document.signed_on else None
    return data


def document_from_json(data: dict) -> Document:
    from datetime import date

    parts = [
        DocPart(
            p["kind"],
            p["number"],
            p["heading"],
            p["paragraphs"],
            [DocSection(**s) for s in p["sections"]],
            [_table_from_json(t) for t in p.get("tables", [])],
        )
        for p in data["parts"]
    ]
    signed_on = date.fromisoformat(data["signed_on"]) if data.get("signed_on") else None
    return Document(data["title"], data["issuer"], data["preamble"], parts, signed_on)


def _table_from_json(data: dict) -> DocTable:
    rows = [[(text, span, down) for text, span, down in row] for row in data["rows"]]
    return DocTable(data["key"], rows, data["label_mm"], data["label_from"], data["font_pt"])


def stale_figures(report: Report) -> dict[int, list[tuple[str, object, object]]]:
    """Per section id: (code, value written, ledger value) for every figure the words state
    that the ledger does not hold (changed since, or mistyped)."""
    if not report.kind.reads_figures:
        return {}
    current = figures_by_code(report.unit_id, report.year)
    stale: dict[int, list] = {}
    for section in report.sections.all():
        changed = [
            (code, stated, current.get(code))
            for code, stated in section.stated.items()
            if current.get(code) is not None and current.get(code) != stated
        ]
        if changed:
            stale[section.pk] = changed
    return stale


def latest_version(report: Report) -> ReportVersion | None:
    return report.versions.order_by("-number").first()


@dataclass
class Draft:
    preamble: str
    headings: dict[str, str]
    sections: list[SectionDraft]


def draft_for(unit, year: int, genre: str = "law") -> Draft:
    """A fresh draft of the genre (``genres.py``): its registered ``draft``."""
    make = genre_of(genre).draft
    assert make is not None, f"genre {genre} registered without a draft"
    return make(unit, year)


def previous_report(unit, year: int, genre: str) -> Report | None:
    """The unit's own report of the genre for the year before (never another unit's)."""
    return Report.objects.filter(unit=unit, year=year - 1, genre=genre).first()


def moved_on(last: Report, year: int) -> Draft:
    """Last year's report as this year's draft: its structure and words, its years moved on by one."""

    def moved(text: str) -> str:
        return text.replace(str(year), str(year + 1)).replace(str(year - 1), str(year))

    return Draft(
        moved(last.preamble),
        {kind: moved(heading) for kind, heading in last.part_headings.items()},
        [SectionDraft(s.part, s.key, moved(s.heading), moved(s.text)) for s in last.sections.all()],
    )


def law_draft(unit, year: int) -> Draft:
    """The rule-of-law report's draft: last year's report moved on; without one, the catalogue's
    sentences stating the ledger's figures."""
    last = previous_report(unit, year, "law")
    if last is not None:
        return moved_on(last, year)
    return Draft(
        DEFAULT_PREAMBLE.format(year=year, unit=unit.name), {}, draft_sections(figures_by_code(unit.pk, year))
    )


def document_to_download(report: Report) -> tuple[Document, int]:
    """What "download" gives: the latest approved version with its 成文日期 once the head has
    approved (and while it is sent, accepted or published); the draft, marked 草稿, before.
    Returns the document and its version number (0: the draft)."""
    approved = (Report.Status.APPROVED, Report.Status.SENT, Report.Status.ACCEPTED, Report.Status.PUBLISHED)
    version = latest_version(report) if report.status in approved else None
    if version is None:
        return document_of(report), 0
    return document_from_json(version.document), version.number


def current_document(unit, year: int, genre: str = "law") -> Document:
    """The approved version if there is one; else the saved draft; else a fresh draft, not saved."""
    report = Report.objects.filter(unit=unit, year=year, genre=genre).first()
    if report is not None:
        version = latest_version(report)
        return document_from_json(version.document) if version else document_of(report)
    return fresh_document(unit, year, genre)


def fresh_document(unit, year: int, genre: str = "law") -> Document:
    """A draft composed from the ledger now, not saved."""
    draft = draft_for(unit, year, genre)
    kind = genre_of(genre)
    return build_document(
        unit_name=unit.name,
        year=year,
        preamble=draft.preamble,
        sections=[SectionView(d.part, d.heading, d.text, d.key == body_key(d.part)) for d in draft.sections],
        headings=draft.headings,
        genre=kind,
        tables=kind.tables(Report(unit=unit, year=year, genre=genre)) if kind.tables else None,
    )


def writer_of(unit, username: str | None):
    """Who a command-line import acts as: the named user, else the unit's first clerk."""
    from django.contrib.auth import get_user_model

    from fazhi.orgs.models import Role

    if username:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise FazhiError(f"找不到用户“{username}”。", "unknown-user")
        return user
    role = Role.objects.filter(unit=unit, kind=Role.Kind.CLERK).select_related("user").order_by("pk").first()
    if role is None:
        raise FazhiError(f"{unit.name}没有填报员，请用 --user 指定以哪位用户的名义导入。", "no-clerk")
    return role.user


def report_json(unit, year: int, genre: str = "law") -> dict:
    """The stored report (not a new draft) as the CLI prints it: parts in order, each with its
    sections (the part's body text first when it has words) and the figures each states with
    the ledger's value beside."""
    report = Report.objects.filter(unit=unit, year=year, genre=genre).select_related("unit").first()
    if report is None:
        raise FazhiError(f"{unit.name}{year}年度报告尚未建立。", "no-report")
    ledger = figures_by_code(unit.pk, year)
    document = document_of(report)
    sections = list(report.sections.all())
    numbers = section_numbers([SectionView(s.part, s.heading, s.text, s.is_body) for s in sections])
    parts = []
    for part in document.parts:
        own = [(s, n) for s, n in zip(sections, numbers, strict=True) if s.part == part.kind]
        own.sort(key=lambda pair: not pair[0].is_body)
        parts.append(
            {
                "kind": part.kind,
                "number": part.number,
                "heading": part.heading,
                "sections": [
                    {
                        "number": number,
                        "heading": s.heading,
                        "text": s.text,
                        "figures": [
                            {"indicator": code, "value": value, "ledger": ledger.get(code)}
                            for code, value in s.stated.items()
                        ],
                    }
                    for s, number in own
                    if not s.is_body or s.text.strip()
                ],
            }
        )
    return {
        "unit": unit.name,
        "year": year,
        "status": report.status,
        "status_label": report.get_status_display(),
        "title": document.title,
        "preamble": report.preamble,
        "parts": parts,
    }
