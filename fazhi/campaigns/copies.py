"""Copied paragraphs (内容雷同) in a sent report: against the reports other units of the campaign
have sent, and against the unit's own report of the year before (docs/domain.md#supervision-year)."""

from __future__ import annotations

from fazhi.reportcheck import parse_text
from fazhi.reportcheck.checks.copies import Corpus, comparable_paragraphs
from fazhi.reports.models import Report
from fazhi.reports.queries import document_from_json

from .models import Participant, Submission


def _parsed(document: dict, *, unit: str, year: int, source: str):
    report = parse_text("\n".join(document_from_json(document).lines(tables=False)), source=source)
    report.unit, report.year = unit, year  # as the platform knows them, not as the text says
    return report


def _sources(participant: Participant) -> list:
    """The latest sending of every other unit in the campaign, and the unit's own previous year."""
    campaign = participant.campaign
    latest: dict[int, Submission] = {}
    others = Submission.objects.filter(participant__campaign=campaign).exclude(participant=participant)
    for submission in others.select_related("unit").order_by("sent_at", "id"):
        latest[submission.participant_id] = submission
    reports = [
        _parsed(s.document, unit=s.unit.name, year=campaign.year, source=f"submission:{s.pk}")
        for s in latest.values()
    ]
    previous = Report.objects.filter(
        unit_id=participant.unit_id, year=campaign.year - 1, genre=campaign.genre
    ).first()
    version = previous.versions.order_by("-number").first() if previous else None
    if version is not None:
        reports.append(
            _parsed(
                version.document,
                unit=participant.unit.name,
                year=campaign.year - 1,
                source=f"version:{version.pk}",
            )
        )
    return reports


def copies_of(participant: Participant, document: dict) -> tuple[list[dict], float]:
    """Each near-copied paragraph with its source unit and year, and the share of the report's
    comparable paragraphs that are such copies (in %, one decimal)."""
    report = _parsed(document, unit=participant.unit.name, year=participant.campaign.year, source="sent")
    paragraphs = comparable_paragraphs(report)
    sources = _sources(participant)
    if not paragraphs or not sources:
        return [], 0.0
    corpus = Corpus.of(sources)
    copies = [
        {
            "paragraph": paragraph.text,
            "source_unit": entry.unit,
            "source_year": entry.year,
            "source_text": other.text,
            "similarity": round(score, 2),
        }
        for paragraph, entry, other, score in corpus.similar(report)
    ]
    return copies, round(100 * len(copies) / len(paragraphs), 1)
