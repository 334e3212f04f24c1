"""Rules on the report's frame: its parts, their order and years, the title, empty headings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import KIND_NAMES, REQUIRED_KINDS, Finding, Part, PartKind, Report, Section
from ..parse.kinds import statutory_kind
from ..parse.structure import theme_parts
from .base import shorten

_PREAMBLE_YEAR = re.compile(r"现将\s*((?:19|20)\d{2})\s*年")


def missing_part(report: Report) -> Iterator[Finding]:
    """Each statutory part, looked for in the part headings, then one level down in the
    section headings; a part whose heading names none is said to be unrecognised."""
    themes = theme_parts(report)
    yield from _unnamed(report, themes)
    for kind in REQUIRED_KINDS:
        if report.parts_of(kind) or (kind == "measures" and themes):
            continue  # measures written as theme parts: said of each theme part above
        nested = _nested(report, kind)
        if nested is not None:
            part, section = nested
            yield Finding(
                "missing-part",
                "warning",
                f"“{KIND_NAMES[kind]}”没有单列为一部分，写在了“{shorten(part.label, 20)}”下的小标题中："
                "《法治政府建设与责任落实督察工作规定》所列各项内容宜各成一部分，建议将其单列。",
                part.kind,
                section.label,
                shorten(section.number + section.heading),
            )
            continue
        yield Finding(
            "missing-part",
            "error",
            f"缺少“{KIND_NAMES[kind]}”部分：《法治政府建设与责任落实督察工作规定》要求年度报告包括此项内容，请补写。",
        )


def _unnamed(report: Report, themes: list[Part]) -> Iterator[Finding]:
    for part in report.parts:
        if part.named:
            continue
        if part in themes:
            where = f"按所在位置应是“{KIND_NAMES['measures']}”的内容：请在标题中写明，或将其改作该部分下的小标题。"
        else:
            names = "、".join(f"“{KIND_NAMES[k]}”" for k in (*REQUIRED_KINDS, "other"))
            where = f"请在标题中写明属于{names}中的哪一项，或将其并入相应部分。"
        yield Finding(
            "part-kind",
            "warning",
            "未能从标题看出本部分是规定的哪一部分；" + where,
            part.kind,
            None,
            shorten(part.label),
        )


def _nested(report: Report, kind: PartKind) -> tuple[Part, Section] | None:
    """The first section whose heading names ``kind`` in the statutory wording."""
    for part in report.parts:
        for section in part.sections:
            if statutory_kind(section.heading) == kind:
                return part, section
    return None


def part_order(report: Report) -> Iterator[Finding]:
    order = list(dict.fromkeys(k for p in report.parts for k in p.kinds if k in REQUIRED_KINDS))
    canonical = [k for k in REQUIRED_KINDS if k in order]
    if order == canonical:
        return
    names = "、".join(f"“{KIND_NAMES[k]}”" for k in REQUIRED_KINDS)
    # Many units put the head's own duties first; the regulation allows no error there.
    if order[0] == "leadership" and order[1:] == [k for k in canonical if k != "leadership"]:
        yield Finding(
            "part-order",
            "info",
            f"“主要负责人履职情况”放在首位是常见做法；规定所列顺序为{names}。",
            "leadership",
            None,
            shorten(report.parts_of("leadership")[0].label),
        )
        return
    first_wrong = next(k for k, c in zip(order, canonical, strict=True) if k != c)
    part = report.parts_of(first_wrong)[0]
    yield Finding(
        "part-order",
        "warning",
        f"各部分顺序与规定不一致：应依次为{names}，请调整顺序。",
        part.kind,
        None,
        shorten(part.label),
    )


def title_year(report: Report) -> Iterator[Finding]:
    if not report.title:
        yield _untitled(report)
        return
    if report.year is None or str(report.year) not in report.title:
        yield Finding(
            "title-year",
            "error",
            "标题未写明报告年度：请写成“××单位××××年度法治政府建设情况报告”。",
            excerpt=report.title,
        )
    if not report.unit:
        yield Finding(
            "title-year", "warning", "标题未写明报告单位：请在标题中写明单位全称。", excerpt=report.title
        )
    stated = {int(m.group(1)) for p in report.preamble for m in _PREAMBLE_YEAR.finditer(p.text)}
    if report.year and stated and report.year not in stated:
        yield Finding(
            "title-year",
            "warning",
            f"标题年度为{report.year}年，正文开头写的是{min(stated)}年，请核对报告年度。",
            excerpt=report.title,
        )


def _untitled(report: Report) -> Finding:
    """No title line. When the unit and year stand elsewhere, as a reviewer finds them (the opening
    sentence's 发文机关 and the year it reports on, the signature block), the report is still
    identified: the missing title is a warning. Otherwise nothing says whose report of which year
    this is: an error."""
    if report.unit and report.year:
        return Finding(
            "title-year",
            "warning",
            f"未识别到报告标题：单位（{report.unit}）和年度（{report.year}年）是从正文中识别的；"
            f"建议加上写明单位和年度的标题，如“{report.unit}{report.year}年度法治政府建设情况报告”。",
        )
    return Finding(
        "title-year",
        "error",
        "未识别到报告标题：标题应写明单位和年度，如“××局2024年度法治政府建设情况报告”。",
    )


def plan_year(report: Report) -> Iterator[Finding]:
    if report.year is None:
        return
    expected = report.year + 1
    for part in report.parts_of("plan"):
        if part.year is not None and part.year != expected:
            yield Finding(
                "plan-year",
                "error",
                f"下一年度安排部分写的是{part.year}年，报告年度为{report.year}年，应安排{expected}年的工作："
                f"请将标题中的“{part.year}年”改为“{expected}年”，并核对其下内容。",
                part.kind,
                None,
                shorten(part.label),
            )


def part_year(report: Report) -> Iterator[Finding]:
    if report.year is None:
        return
    for part in report.parts:
        if "plan" not in part.kinds and part.year is not None and part.year != report.year:
            yield Finding(
                "part-year",
                "warning",
                f"本部分标题写的是{part.year}年，报告年度为{report.year}年，请核对年份。",
                part.kind,
                None,
                shorten(part.label),
            )


def empty_section(report: Report) -> Iterator[Finding]:
    for part in report.parts:
        if part.is_empty():
            yield Finding(
                "empty-section",
                "error",
                "本部分只有标题，下面没有内容：请补写或删去该标题。",
                part.kind,
                None,
                shorten(part.label),
            )
        for section in part.sections:
            if _empty(section):
                yield Finding(
                    "empty-section",
                    "warning",
                    "本小标题下面没有内容：请补写或删去该标题。",
                    part.kind,
                    section.label,
                    shorten(section.number + section.heading),
                )


def _empty(section: Section) -> bool:
    """A heading line with nothing under it; a one-sentence item ("一是……。", "2.审核合同20件。") is content."""
    if not section.standalone or section.paragraphs or section.style in ("shi", "ordinal"):
        return False
    return not section.heading_end or (len(section.heading) <= 20 and "，" not in section.heading)
