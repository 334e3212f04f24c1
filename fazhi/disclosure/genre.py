"""The 政府信息公开工作年度报告 as a report genre (docs/architecture.md#report-genres): six parts in
the uniform format, written by the unit in the report editor like the annual rule-of-law report,
with tables 2, 3 and 4 computed from the records after their parts; checked for every identity
of the tables (table 2 against the unit's own previous year) and for part 一's figures against
them; due on 31 January (the rule ``disclosure-annual-report``)."""

from __future__ import annotations

from fazhi.disclosurecheck.tables import Failure
from fazhi.disclosurecheck.text import check_text
from fazhi.reportcheck import Finding
from fazhi.reports.checking import SectionFindings
from fazhi.reports.compose import SectionDraft, body_key
from fazhi.reports.genres import Genre
from fazhi.reports.queries import Draft, moved_on, previous_report

from .queries import disclosure_tables
from .render import PARTS, TABLE_OF_PART, doc_table, overview_text, overview_words, report_title

PREAMBLE = (
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条要求编制。"
    "报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
)
# What each part is for, as a start the unit replaces with its own words (the uniform format's parts).
STARTERS = {
    "proactive": "{year}年，本机关主动公开政府信息情况见下表。",
    "requests": "{year}年，本机关收到和处理政府信息公开申请情况见下表。",
    "cases": "{year}年，本机关政府信息公开行政复议、行政诉讼情况见下表。",
    "problems": "",
    "other": "",
}


def _heading(kind: str, year: int) -> str:
    return dict(PARTS)[kind]


def draft(unit, year: int) -> Draft:
    """Last year's report with its years moved on, as structure and words; without one, part 一
    stating the tables' figures and a sentence before each table."""
    last = previous_report(unit, year, "disclosure")
    if last is not None:
        return moved_on(last, year)
    tables = disclosure_tables(unit.pk, year)
    texts = {"overview": overview_text(tables, year)} | {k: v.format(year=year) for k, v in STARTERS.items()}
    return Draft(
        PREAMBLE.format(year=year),
        {},
        [SectionDraft(kind, body_key(kind), text=texts[kind]) for kind, _heading in PARTS],
    )


def tables(report) -> dict:
    computed = disclosure_tables(report.unit_id, report.year)
    return {kind: [doc_table(getattr(computed, f"table{number}"))] for kind, number in TABLE_OF_PART.items()}


def _finding(failure: Failure, rule: str) -> Finding:
    return Finding(
        rule, "error", failure.message, excerpt=f"表{failure.table}:{failure.row}:{failure.column}"
    )


def check(report, document) -> SectionFindings:
    """Every identity of the tables, and part 一's figures against them: errors the head must
    correct or explain before approving, as the engine's findings are for the other genre."""
    from .queries import disclosure_report

    checked = disclosure_report(report.unit, report.year, with_text=False)
    text = overview_words(document)
    general = [_finding(f, "disclosure-table") for f in checked.failures]
    general += [_finding(f, "disclosure-text") for f in check_text(text, checked.tables)]
    general += [Finding("disclosure-gap", "warning", gap) for gap in checked.computed.gaps]
    return SectionFindings({}, general)


DISCLOSURE = Genre(
    code="disclosure",
    name="政府信息公开工作年度报告",
    parts=tuple(kind for kind, _heading in PARTS),
    required=tuple(kind for kind, _heading in PARTS),
    heading=_heading,
    title=report_title,
    submit_rule="disclosure-annual-report",
    publish_rule="disclosure-annual-report",
    draft=draft,
    check=check,
    tables=tables,
    reads_figures=False,
)
