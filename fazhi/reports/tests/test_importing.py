"""Importing a report whose first parts are titled by their themes (issue 12): each theme part
becomes a titled section of the measures, the real "其他" part keeps its heading, no key twice,
every line of the file lands somewhere."""

from __future__ import annotations

from fazhi.reportcheck import parse_lines
from fazhi.reportcheck.readers import read_lines
from fazhi.reports.importing import imported_report
from fazhi.testing import SEEDS_DIR

THEMES = SEEDS_DIR / "layout_themes.txt"


def imported():
    lines = read_lines(THEMES)
    return imported_report(parse_lines(lines), lines, unit_name="某县市场监督管理局", year=2024), lines


def test_theme_parts_become_sections_of_the_measures():
    report, _lines = imported()
    keys = [s.key for s in report.sections]
    assert len(keys) == len(set(keys))
    measures = [s for s in report.sections if s.part == "measures" and s.heading]
    assert [s.heading for s in measures] == [
        "坚持党的领导，统筹推进法治建设",
        "深化“放管服”改革，优化法治化营商环境",
    ]
    assert measures[0].text.startswith("（一）健全工作机制")
    assert "开展合法性审核46件" in measures[1].text
    assert report.headings["measures"] == "2024年推进法治政府建设的主要举措和成效"
    assert report.headings["other"] == "其他需要报告的情况"
    assert any("2个以主题为题的部分" in note for note in report.notes)
    assert not any("并入前一个" in note for note in report.notes)


def test_every_line_of_the_file_lands_somewhere():
    report, lines = imported()
    kept = "\n".join(
        [report.preamble, *report.headings.values(), *(s.heading + "\n" + s.text for s in report.sections)]
    )
    body = [
        line.text.strip() for line in lines[2:] if line.text.strip()
    ]  # the title lines are the platform's
    missing = [
        text for text in body if text not in kept and not text.startswith(("一、", "二、", "三、", "四、"))
    ]
    assert missing == []
