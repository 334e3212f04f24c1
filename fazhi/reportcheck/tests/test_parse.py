"""Parsing: layouts, wordings, Word files, encodings, figures, and no text lost."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.reportcheck import parse_file, parse_text
from fazhi.reportcheck.parse.figures import figures_in

from .documents import make_docx
from .snapshot import json_text

PLAN = ("2025年工作安排", [("强化学习", "持续学习习近平法治思想。")])


def _kinds(report):
    return [(p.kind, p.year) for p in report.parts]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("一、2024年推进法治政府建设的主要举措和成效", "measures"),
        ("一、主要工作开展情况", "measures"),
        ("二、存在的问题及原因", "shortcomings"),
        ("二、工作中的短板和不足", "shortcomings"),
        ("三、党政主要负责人履行推进法治建设第一责任人职责情况", "leadership"),
        ("三、主要负责人履职情况", "leadership"),
        ("四、下一步工作打算", "plan"),
        ("四、2025年工作思路", "plan"),
        ("五、其他需要报告的情况", "other"),
    ],
)
def test_it_recognises_part_headings_in_their_wordings(heading, kind):
    report = parse_text(f"某局2024年度法治政府建设情况报告\n{heading}\n正文。")
    assert report.parts[0].kind == kind


def test_it_reads_a_year_written_in_chinese_digits():
    report = parse_text(
        "某局二〇二四年度法治政府建设情况报告\n一、主要举措和成效\n正文。\n二、二〇二五年工作安排\n正文。"
    )
    assert report.parts[1].year == 2025


def test_a_themed_part_names_no_part_and_is_never_taken_for_measures():
    report = parse_text(
        "某局2024年度法治政府建设情况报告\n一、坚持党的领导\n正文。\n二、深化放管服改革\n正文。\n"
        "三、存在的不足\n正文。\n四、推动经济发展\n正文。"
    )
    assert [(p.kind, p.named) for p in report.parts] == [
        ("other", False),
        ("other", False),
        ("shortcomings", True),
        ("other", False),
    ]


def test_it_keeps_the_preamble_and_the_unit_named_under_the_title():
    report = parse_text(
        "关于2024年度法治政府建设情况的报告\n某县司法局\n2024年，我局……现报告如下：\n一、主要举措和成效\n正文。"
    )
    assert report.title == "关于2024年度法治政府建设情况的报告"
    assert report.unit == "某县司法局" and report.year == 2024
    assert [p.text for p in report.preamble] == ["某县司法局", "2024年，我局……现报告如下："]


def test_it_reads_the_unit_named_after_the_year():
    report = parse_text("2024年度天津市南开区司法局法治政府建设情况报告\n一、主要举措和成效\n正文。")
    assert report.unit == "天津市南开区司法局"


def test_it_splits_items_written_on_one_line_into_sections():
    report = parse_text("某局2024年度报告\n一、存在的不足和原因\n一是学习不够。二是创新不足。三是力量薄弱。")
    sections = report.parts[0].sections
    assert [(s.number, s.heading) for s in sections] == [
        ("一是", "学习不够"),
        ("二是", "创新不足"),
        ("三是", "力量薄弱"),
    ]


def test_it_keeps_sub_items_inside_the_section_they_belong_to():
    report = parse_text(
        "某局2024年度报告\n一、主要举措和成效\n（一）学法\n一是讲座。\n二是考试。\n1.细项。\n（二）普法\n正文。"
    )
    sections = report.parts[0].sections
    assert [s.number for s in sections] == ["（一）", "（二）"]
    assert [p.text for p in sections[0].paragraphs] == ["一是讲座。", "二是考试。", "1.细项。"]


def test_it_reads_a_docx_with_word_heading_styles_and_list_numbering(tmp_path):
    path = make_docx(
        tmp_path / "report.docx",
        ["某区司法局2024年度", "法治政府建设情况报告"],
        [
            (
                "2024年主要举措和成效",
                [("加强学法", "开展法治专题讲座5次。"), ("推进公开", "主动公开政府信息120条。")],
            ),
            ("存在的不足和原因", [("学习不够深入", "系统性不强。")]),
            ("主要负责人履行推进法治建设第一责任人职责情况", [("带头学法", "主持召开党组会12次。")]),
            PLAN,
        ],
        preamble="2024年，我局……现报告如下：",
    )
    report = parse_file(path)
    assert report.title == "某区司法局2024年度法治政府建设情况报告"
    assert [p.number for p in report.parts] == ["一、", "二、", "三、", "四、"]
    assert _kinds(report) == [
        ("measures", 2024),
        ("shortcomings", None),
        ("leadership", None),
        ("plan", 2025),
    ]
    assert [(s.number, s.heading) for s in report.parts[0].sections] == [
        ("（一）", "加强学法"),
        ("（二）", "推进公开"),
    ]
    assert report.parts[1].sections[0].number == "（一）"  # the second level restarts under each part
    assert [(f.indicator, f.value) for f in report.figures] == [
        ("study.lecture", 5),
        ("disclosure.proactive", 120),
        ("meeting.party_group_chaired", 12),
    ]


def test_it_reads_a_docx_with_typed_numbers_and_a_table(tmp_path):
    path = make_docx(
        tmp_path / "typed.docx",
        ["某局2024年度法治政府建设情况报告"],
        [
            ("一、主要举措和成效", [("（一）学法", "开展法治专题讲座3次。")]),
            ("二、2025年工作安排", [("（一）学习", "学习。")]),
        ],
        numbering=False,
        table=[["指标", "数值"], ["行政复议", "行政复议2件"]],
    )
    report = parse_file(path)
    assert [(p.number, p.kind) for p in report.parts] == [("一、", "measures"), ("二、", "plan")]
    assert report.parts[0].sections[0].number == "（一）"
    assert ("case.reconsideration", 2) in [(f.indicator, f.value) for f in report.figures]
    # every cell, in reading order (a cell's text was once dropped when a proxy's id() was reused)
    cells = [p.text for p in report.parts[1].sections[0].paragraphs][1:]
    assert cells == ["指标", "数值", "行政复议", "行政复议2件"]


def test_it_reads_gb18030_and_utf16_text(tmp_path):
    text = "某局2024年度法治政府建设情况报告\n一、主要举措和成效\n开展法治专题讲座2次。\n"
    for encoding in ("gb18030", "gbk", "utf-16", "utf-8-sig"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        report = parse_file(path)
        assert report.title == "某局2024年度法治政府建设情况报告", encoding
        assert report.figures[0].indicator == "study.lecture"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("面商率、答复率分别为95%、100%", [("proposal.face_to_face_rate", 95), ("proposal.reply_rate", 100)]),
        (
            "面商率和满意率均为100%",
            [("proposal.face_to_face_rate", 100), ("proposal.satisfaction_rate", 100)],
        ),
        ("答复率达到百分之九十五", [("proposal.reply_rate", 95)]),
        ("覆盖群众3.5万人次", [("publicity.reach", 3.5)]),  # 3.5 万人次, as written
        ("开展普法宣传活动十二次", [("publicity.count", 12)]),
        ("从两个方面入手，完成一项任务", []),
        ("十分重要，历时10分钟，3个工作日内答复", []),
        ("落实“十一个坚持”，坚持四个意识", []),
        ("确定“第十二批名录”等4个项目为重大行政决策事项", [("decision.count", 4)]),
        (
            "组织参加年度法律知识考试，参考率100%，平均成绩95分",
            [("exam.annual_participation_rate", 100), ("exam.annual_average_score", 95)],
        ),
        ("参加习近平法治思想专题考试，平均成绩达到96.28分", [("exam.xi_average_score", 96.28)]),
    ],
)
def test_it_finds_figures_and_their_indicators(text, expected):
    assert [(s.indicator, s.value) for s in figures_in(text)] == expected


def test_it_keeps_a_figure_it_cannot_name():
    [stated] = figures_in("全年办理行政许可1200件")
    assert (stated.indicator, stated.value, stated.unit) == (None, 1200, "件")


_ALPHABET = list(
    "一二三四五是、。，；：（）()1234567890.%次件人个条分年报告主要举措和成效存在的不足原因第一责任人安排其他“”《》\n "
    "下步打算问题情况局现将万名户—"
)


def _non_blank(text: str) -> str:
    return re.sub(r"\s+", "", text)


# Line starts that open a part, a section or an item, so that arbitrary text takes every path.
_FRAGMENTS = [
    "\n一、",
    "\n二、",
    "\n第三部分",
    "\n（一）",
    "\n（二）",
    "\n一是",
    "\n1.",
    "\n存在的主要问题\n",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_ALPHABET), st.sampled_from(_FRAGMENTS), st.characters()), max_size=300
    ).map("".join)
)
def test_it_neither_crashes_nor_loses_text_on_arbitrary_input(text):
    # Report-like characters mixed with any Unicode: every non-blank input
    # character lands in exactly one place of the structure, and of the JSON of `fazhi parse --json`.
    report = parse_text(text)
    assert _non_blank("".join(report.pieces())) == _non_blank(text)
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert _non_blank(json_text(data)) == _non_blank(text)


def test_it_loses_no_text_of_the_seeds():
    from .snapshot import FIXTURES

    for name in ("000_de61297b1667e9da.txt", "001_e556737ff1ee303e.txt"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        assert _non_blank("".join(parse_text(text).pieces())) == _non_blank(text)
