"""Reports of units nobody here wrote (issue 12): headings with inserted words, statutory content
one level down, enumerations after commas, every character in ``parse --json``, unit and year as
a reviewer finds them, and figures in compound or multiplied measure words."""

from __future__ import annotations

import json
import re

import pytest

from fazhi.reportcheck import CheckOptions, check_report, parse_text
from fazhi.reportcheck.checks import LedgerFigure
from fazhi.reportcheck.cli import main
from fazhi.reportcheck.parse.figures import figures_in
from fazhi.reportcheck.parse.kinds import kinds_of, year_in

from .snapshot import FIXTURES, json_text

MEASURES = "一、2022年主要举措和成效\n（一）学法\n开展学习。\n"
SHORTCOMINGS = "二、存在的不足和原因\n（一）学习不够\n学习系统性不强。\n"
LEADERSHIP = "三、主要负责人履行推进法治建设第一责任人职责情况\n（一）带头学法\n带头学法。\n"
PLAN = "四、2023年工作安排\n（一）强化学习\n持续学习。\n"
TITLE = "某局2022年度法治政府建设情况报告\n"


def _findings(text, **options):
    return [(f.rule, f.severity) for f in check_report(parse_text(text), CheckOptions(**options))]


def _numbering(text):
    return [f for f in check_report(parse_text(text)) if f.rule == "numbering"]


# 1. Part headings: cue words in order, with words inserted; no cue is no kind.


@pytest.mark.parametrize(
    ("heading", "kinds"),
    [
        ("存在的主要问题", ("shortcomings",)),
        ("工作中存在的主要问题及原因", ("shortcomings",)),
        ("当前面临的困难和问题", ("shortcomings",)),
        ("存在的突出问题和下一步工作打算", ("shortcomings", "plan")),
        ("主要问题及原因分析", ("shortcomings",)),
        ("党政主要负责人切实履行法治建设职责情况", ("leadership",)),
        ("区政府主要负责同志履职情况", ("leadership",)),
        ("下一步推进法治政府建设的工作打算", ("plan",)),
        ("2023年法治政府建设工作要点", ("plan",)),
        ("2022年法治政府建设工作开展情况", ("measures",)),
        ("2022年推进法治政府建设情况", ("measures",)),
        ("主要法治工作和成效", ("measures",)),
        ("其他需要说明的情况", ("other",)),
        ("坚持党的领导，统筹推进法治建设", ()),
        ("有关说明", ()),
    ],
)
def test_it_reads_part_headings_by_their_cue_words_in_order(heading, kinds):
    assert kinds_of(heading) == kinds


def test_a_heading_that_names_no_part_is_other_with_a_warning_never_measures():
    report = parse_text(TITLE + MEASURES + SHORTCOMINGS + LEADERSHIP + PLAN + "五、有关说明\n数据截至年底。")
    assert [(p.kind, p.named) for p in report.parts][-1] == ("other", False)
    warnings = [f for f in check_report(report) if f.rule == "part-kind"]
    assert [(f.severity, f.excerpt) for f in warnings] == [("warning", "五、有关说明")]
    assert "属于" in warnings[0].message


def test_a_shortcomings_heading_with_inserted_words_is_no_missing_part():
    text = (
        TITLE
        + MEASURES
        + SHORTCOMINGS.replace("存在的不足和原因", "工作中存在的主要问题")
        + LEADERSHIP
        + PLAN
    )
    report = parse_text(text)
    assert [p.kind for p in report.parts] == ["measures", "shortcomings", "leadership", "plan"]
    assert _findings(text) == []


def test_an_unnumbered_heading_with_inserted_words_opens_a_part():
    report = parse_text(TITLE + "主要举措和成效\n开展学习。\n存在的主要问题\n学习不够。\n")
    assert [(p.kind, p.number) for p in report.parts] == [("measures", ""), ("shortcomings", "")]


def test_theme_parts_where_the_measures_stand_are_said_to_be_unrecognised_not_missing():
    rest = (
        SHORTCOMINGS.replace("二、", "三、")
        + LEADERSHIP.replace("三、", "四、")
        + PLAN.replace("四、", "五、")
    )
    report = parse_text(TITLE + "一、坚持党的领导\n正文。\n二、深化放管服改革\n正文。\n" + rest)
    assert [p.kind for p in report.parts[:2]] == ["other", "other"]
    findings = check_report(report)
    assert [(f.rule, f.severity) for f in findings] == [("part-kind", "warning"), ("part-kind", "warning")]
    assert all("主要举措和成效" in f.message for f in findings)


def test_a_theme_part_with_the_years_of_the_report_and_of_the_plan_is_read_by_its_year():
    report = parse_text(
        TITLE + "一、2022年依法行政工作\n正文。\n二、存在的不足\n正文。\n三、2023年重点工作\n正文。"
    )
    assert [(p.kind, p.named) for p in report.parts] == [
        ("measures", True),
        ("shortcomings", True),
        ("plan", True),
    ]


# 1. Statutory content one level down.


def test_the_heads_duties_written_as_a_section_are_found_with_a_warning_at_most():
    nested = MEASURES.replace("（一）学法", "（一）党政主要负责人履行推进法治建设第一责任人职责情况")
    findings = check_report(parse_text(TITLE + nested + SHORTCOMINGS + PLAN.replace("四、", "三、")))
    missing = [f for f in findings if f.rule == "missing-part"]
    assert [(f.severity, f.part) for f in missing] == [("warning", "measures")]
    assert missing[0].section.startswith("（一）党政主要负责人")
    assert "没有单列为一部分" in missing[0].message
    assert not [f for f in findings if f.severity == "error"]


def test_a_section_that_only_touches_the_theme_does_not_stand_for_the_part():
    text = (
        TITLE + MEASURES.replace("（一）学法", "（一）压实责任") + SHORTCOMINGS + PLAN.replace("四、", "三、")
    )
    assert ("missing-part", "error") in _findings(text)


# 2. Enumerations anywhere in a sentence, one finding per mistake.


def test_an_enumeration_that_begins_after_a_comma_is_followed():
    body = "我局高度重视，一是成立领导小组。二是制定工作要点。三是纳入考核。"
    assert _numbering(TITLE + MEASURES.replace("开展学习。", body) + SHORTCOMINGS + LEADERSHIP + PLAN) == []


def test_items_after_commas_are_checked_and_one_wrong_number_is_one_finding():
    body = "围绕执法，一是公示，二是记录，二是审核，四是评查。"
    [finding] = _numbering(TITLE + MEASURES.replace("开展学习。", body) + SHORTCOMINGS + LEADERSHIP + PLAN)
    assert "应为“三是”，写成了“二是”" in finding.message
    assert finding.excerpt.startswith("二是审核")


@pytest.mark.parametrize(
    ("items", "wanted"),
    [
        ("一是甲。二是乙。四是丙。五是丁。", ["三是"]),  # a gap: the rest go on from it
        ("一是甲。二是乙。二是丙。四是丁。", ["三是"]),  # one wrong number
        ("一是甲。三是乙。三是丙。四是丁。", ["二是"]),  # the same, earlier
        ("一是甲。二是乙。三是丙。三是丁。", ["四是"]),  # the last repeated
        ("一是甲。二是乙。一是丙。二是丁。", []),  # a new enumeration
    ],
)
def test_each_mistake_in_an_enumeration_is_said_once(items, wanted):
    findings = _numbering(TITLE + MEASURES.replace("开展学习。", items) + SHORTCOMINGS + LEADERSHIP + PLAN)
    assert [re.search(r"应为“(.+?)”", f.message).group(1) for f in findings] == wanted


def test_an_enumeration_begun_in_the_parts_opening_goes_on_in_its_items():
    part = "二、存在的不足和原因\n主要表现在，一是学习不够深入；\n二是创新不足；\n三是力量薄弱。\n"
    assert _numbering(TITLE + MEASURES + part + LEADERSHIP + PLAN) == []
    skipped = part.replace("三是力量", "四是力量")
    [finding] = _numbering(TITLE + MEASURES + skipped + LEADERSHIP + PLAN)
    assert "应为“三是”" in finding.message


def test_enumerations_under_the_part_heading_are_checked():
    part = "二、存在的不足和原因\n问题主要有：一是学习不够。三是创新不足。\n"
    [finding] = _numbering(TITLE + MEASURES + part + LEADERSHIP + PLAN)
    assert finding.part == "shortcomings" and finding.section is None


# Part numbering is checked as section numbering is.


def test_a_gap_in_the_part_numbers_is_one_error():
    text = TITLE + MEASURES + SHORTCOMINGS + LEADERSHIP.replace("三、", "四、") + PLAN.replace("四、", "五、")
    [finding] = _numbering(text)
    assert finding.severity == "error" and finding.part == "leadership"
    assert "编号不连续：此处应为“三、”，写成了“四、”" in finding.message


def test_a_repeated_part_number_is_one_error():
    text = TITLE + MEASURES + SHORTCOMINGS.replace("二、", "一、") + LEADERSHIP + PLAN
    [finding] = _numbering(text)
    assert "应为“二、”，写成了“一、”" in finding.message


def test_a_part_heading_without_its_number_among_numbered_parts_is_an_error():
    text = TITLE + MEASURES + SHORTCOMINGS + LEADERSHIP + "下一年度工作安排\n持续学习。\n"
    [finding] = _numbering(text)
    assert "部分标题缺少序号：按前后顺序应为“四、”" in finding.message


def test_part_numbers_in_two_styles_are_a_warning():
    text = TITLE + MEASURES + SHORTCOMINGS.replace("二、", "第二部分 ") + LEADERSHIP + PLAN
    assert [(f.severity, f.part) for f in _numbering(text)] == [("warning", "shortcomings")]


# 3. parse --json keeps every character.


def _non_blank(text: str) -> str:
    return re.sub(r"\s+", "", text)


# The property (any text: the JSON holds every character) is in test_parse.py.


@pytest.mark.parametrize("sample", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_fazhi_parse_json_holds_every_character_of_each_sample(sample, capsys):
    assert main(["parse", str(sample), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert _non_blank(json_text(data)) == _non_blank(sample.read_text(encoding="utf-8"))


def test_the_preamble_and_paragraphs_under_a_part_heading_are_in_the_json():
    text = (
        TITLE
        + "2022年，我局……现报告如下：\n一、主要举措和成效\n开展学习。\n（一）学法\n正文。\n二、存在的主要问题\n学习不够。"
    )
    data = parse_text(text).to_dict()
    assert data["preamble"] == ["2022年，我局……现报告如下："]
    assert [p["paragraphs"] for p in data["parts"]] == [["开展学习。"], ["学习不够。"]]
    assert data["parts"][0]["sections"][0] == {
        "number": "（一）",
        "heading": "学法",
        "heading_end": "",
        "paragraphs": ["正文。"],
    }


# 4. Unit and year as a reviewer finds them.


@pytest.mark.parametrize(
    ("opening", "unit"),
    [
        ("2022年，河西区司法局在区委、区政府的坚强领导下，深入推进法治建设。", "河西区司法局"),
        ("2022年，区人社局党组坚持以习近平法治思想为指导。", "区人社局"),
        ("2022年，在区委、区政府的坚强领导下，区市场监管局坚持依法行政。", "区市场监管局"),
        ("根据工作要求，现将市人社局2022年法治政府建设情况报告如下：", "市人社局"),
        ("现将河北区人民政府办公室2022年度法治政府建设情况报告如下。", "河北区人民政府办公室"),
        ("2022年，我局在区委的领导下，扎实推进法治建设。", None),
        ("2022年，全区法治政府建设工作稳步推进。", None),
    ],
)
def test_without_a_title_the_unit_is_the_one_the_opening_sentence_names(opening, unit):
    report = parse_text(opening + "\n一、主要举措和成效\n开展学习。")
    assert report.title == ""
    assert report.unit == unit
    assert report.year == 2022


def test_without_a_title_or_a_unit_in_the_opening_the_unit_is_the_signatures():
    text = "今年以来，我局扎实推进法治建设，现将2022年度有关情况报告如下：\n一、主要举措和成效\n开展学习。\n二、2023年工作安排\n持续学习。\n\n红桥区应急管理局\n2023年2月10日"
    report = parse_text(text)
    assert (report.unit, report.year) == ("红桥区应急管理局", 2022)


def _title_findings(text: str) -> list[tuple[str, str]]:
    return [(f.severity, f.message) for f in check_report(parse_text(text)) if f.rule == "title-year"]


@pytest.mark.parametrize(
    "text",
    [
        "2022年，河西区司法局在区委、区政府的坚强领导下，深入推进法治建设。\n一、主要举措和成效\n开展学习。",
        "根据《人社系统法治建设规划（2023—2027年）》的部署，现将市人社局2022年法治政府建设情况报告如下：\n"
        "一、主要举措和成效\n开展学习。\n二、2023年工作安排\n持续学习。",
        "今年以来，我局扎实推进法治建设，现将2022年度有关情况报告如下：\n一、主要举措和成效\n开展学习。\n"
        "\n红桥区应急管理局\n2023年2月10日",
    ],
)
def test_no_title_but_unit_and_year_found_elsewhere_is_a_warning_not_an_error(text):
    report = parse_text(text)
    assert report.title == "" and report.unit and report.year == 2022
    ((severity, message),) = _title_findings(text)
    assert severity == "warning"
    assert message.startswith("未识别到报告标题") and f"{report.unit}2022年度" in message


@pytest.mark.parametrize(
    "text",
    [
        "2022年，我局在区委的领导下，扎实推进法治建设。\n一、主要举措和成效\n开展学习。",  # no unit
        "我局扎实推进法治建设。\n一、主要举措和成效\n正文。\n\n红桥区应急管理局\n2023年2月10日",  # no year
        "我局扎实推进法治建设。\n一、主要举措和成效\n正文。\n二、2023年工作安排\n正文。",  # the plan's year only
    ],
)
def test_no_title_and_no_unit_or_year_found_elsewhere_is_still_an_error(text):
    ((severity, message),) = _title_findings(text)
    assert severity == "error"
    assert message.startswith("未识别到报告标题：标题应写明单位和年度")


def test_a_salutation_names_the_receiver_and_a_closing_line_without_a_date_no_unit():
    report = parse_text("区委依法治区办：\n2022年，区人社局坚持依法行政。\n一、主要举措和成效\n正文。")
    assert report.unit == "区人社局"
    unsigned = parse_text("今年以来，我局扎实推进法治建设。\n一、主要举措和成效\n正文。\n召开领导班子会")
    assert unsigned.unit is None


def test_the_outline_says_which_part_it_could_not_recognise(capsys):
    assert main(["parse", str(FIXTURES / "layout_inserted_words.txt")]) == 0
    out = capsys.readouterr().out
    assert "五、有关说明  〔未能识别属于哪一部分〕" in out
    assert "二、工作中存在的主要问题及原因  〔存在的不足和原因〕" in out


def test_the_title_comes_first_then_the_line_under_it():
    assert (
        parse_text("河东区司法局2022年度法治政府建设情况报告\n2022年，区人社局坚持……").unit == "河东区司法局"
    )
    report = parse_text("关于2022年度法治政府建设情况的报告\n河东区司法局\n2022年，区人社局坚持……")
    assert report.unit == "河东区司法局"


def test_the_year_is_the_reported_one_not_a_planning_range_nor_the_plans():
    opening = (
        "按照《法治政府建设实施纲要（2021—2025年）》和规划（2023-2027年）的部署，2022年我局扎实推进法治建设。"
    )
    report = parse_text(opening + "\n一、主要举措和成效\n正文。\n二、2023年工作安排\n正文。")
    assert report.year == 2022
    only_plan = parse_text("我局扎实推进法治建设。\n一、主要举措和成效\n正文。\n二、2023年工作安排\n正文。")
    assert only_plan.year is None  # the plan's year is the next one, never the report's
    assert year_in("（2023—2027年）") is None and year_in("二〇二一—二〇二五年，二〇二二年") == 2022


def test_the_year_the_opening_reports_on_comes_before_other_years_it_names():
    report = parse_text(
        "2023年1月，根据通知要求，现将2022年度法治政府建设情况报告如下：\n一、主要举措和成效\n正文。"
    )
    assert report.year == 2022


# 5. Figures: compound measure words, multiplied units, several rates.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("服务企业120户次", [(None, 120, "户次")]),
        ("走访企业35家次", [(None, 35, "家次")]),
        ("开展专项检查6批次", [(None, 6, "批次")]),
        ("培训干部200人次", [(None, 200, "人次")]),
        ("开展普法宣传活动16场次", [("publicity.count", 16, "场次")]),
        ("惠及92.4万名参保职工", [(None, 92.4, "万名")]),
        ("发放培训补贴1260万元", [(None, 1260, "万元")]),
        ("覆盖群众3.5万余人次", [("publicity.reach", 3.5, "万人次")]),
        ("覆盖群众一万人次", [("publicity.reach", 10000, "人次")]),
    ],
)
def test_measure_words_and_multiplied_units_are_kept_as_written(text, expected):
    assert [(s.indicator, s.value, s.unit) for s in figures_in(text)] == expected


def test_a_multiplied_figure_knows_its_amount():
    [stated] = figures_in("惠及92.4万名参保职工")
    assert stated.amount == 924000
    report = parse_text(TITLE + MEASURES.replace("开展学习。", "覆盖群众1.2万人次。"))
    assert [(f.value, f.unit, f.amount) for f in report.figures] == [(1.2, "万人次", 12000)]


@pytest.mark.parametrize(
    "text",
    [
        "面商率、答复率、满意率均达到100%",
        "面商率、答复率、满意率达到100%",
        "人大代表建议、政协委员提案的面商率、答复率和满意率均为100%",
    ],
)
def test_several_rates_stated_together_are_one_figure_each(text):
    assert [(s.indicator, s.value) for s in figures_in(text)] == [
        ("proposal.face_to_face_rate", 100),
        ("proposal.reply_rate", 100),
        ("proposal.satisfaction_rate", 100),
    ]


def test_rates_the_catalogue_does_not_know_are_one_figure_each_too():
    assert [(s.indicator, s.value, s.unit) for s in figures_in("行政复议结案率、纠错率均为100%")] == [
        (None, 100, "%"),
        (None, 100, "%"),
    ]


def test_a_figure_in_wan_is_compared_with_the_ledger_in_wan():
    report = parse_text(TITLE + MEASURES.replace("开展学习。", "覆盖群众1.2万人次。"))

    def ledger(value):
        return [LedgerFigure("publicity.reach", "普法宣传覆盖人次", value, "人次")]

    def mismatches(value):
        return [
            f for f in check_report(report, CheckOptions(ledger=ledger(value))) if f.rule == "ledger-mismatch"
        ]

    assert mismatches(12046) == []
    [mismatch] = mismatches(15000)
    assert "1.2万人次" in mismatch.message and "15000人次" in mismatch.message


def test_the_editor_reads_a_figure_in_wan_as_its_amount():
    from fazhi.reports.stated import read_figures

    assert read_figures("覆盖群众3.5万人次。") == {"publicity.reach": 35000}
