"""The rules one by one, on reports written for the test."""

from __future__ import annotations

import json

import pytest

from fazhi.reportcheck import (
    CheckOptions,
    FiguresFileError,
    PhrasesFileError,
    check_report,
    parse_file,
    parse_text,
)
from fazhi.reportcheck.checks import Corpus, load_ledger
from fazhi.reportcheck.checks.wording import near_misses
from fazhi.reportcheck.phrases import load_phrases

from .snapshot import FIXTURES

FRAME = (
    "某局{year}年度法治政府建设情况报告\n"
    "一、{year}年主要举措和成效\n（一）学法\n{body}\n"
    "二、存在的不足和原因\n（一）学习不够\n学习系统性不强。\n"
    "三、主要负责人履行推进法治建设第一责任人职责情况\n（一）带头学法\n带头学法。\n"
    "四、{plan}年工作安排\n（一）强化学习\n持续学习。\n"
)


def _report(body="开展学习。", year=2024, plan=2025):
    return parse_text(FRAME.format(year=year, plan=plan, body=body))


def _findings(report, **options):
    return [(f.rule, f.severity) for f in check_report(report, CheckOptions(**options))]


def test_a_complete_report_has_no_findings():
    assert _findings(_report()) == []


def test_it_flags_each_missing_part_and_a_wrong_order():
    report = parse_text(
        "某局2024年度法治政府建设情况报告\n一、2025年工作安排\n正文。\n二、主要举措和成效\n正文。"
    )
    assert _findings(report) == [
        ("missing-part", "error"),
        ("missing-part", "error"),
        ("part-order", "warning"),
    ]


def test_it_flags_a_title_without_year_or_unit():
    report = parse_text("法治政府建设情况报告\n一、主要举措和成效\n正文。")
    assert ("title-year", "error") in _findings(report)
    assert ("title-year", "warning") in _findings(report)


def test_it_flags_a_plan_for_the_wrong_year():
    assert ("plan-year", "error") in _findings(_report(plan=2024))
    assert ("plan-year", "error") in _findings(_report(plan=2026))


def test_it_flags_skipped_and_repeated_inline_items():
    # One mistake, one finding: the first 四是 should be 三是, the second is then right.
    findings = check_report(_report("一是学法。二是普法。四是公开。四是复议。"))
    messages = [f.message for f in findings if f.rule == "numbering"]
    assert len(messages) == 1
    assert "应为“三是”" in messages[0]
    findings = check_report(_report("一是学法。二是普法。四是公开。四是复议。六是应诉。"))
    messages = [f.message for f in findings if f.rule == "numbering"]
    assert len(messages) == 2
    assert "应为“三是”" in messages[0] and "应为“五是”" in messages[1]


def test_it_flags_mixed_numbering_styles():
    report = parse_text(
        FRAME.format(year=2024, plan=2025, body="正文。\n1.学法\n正文。").replace("1.学法", "一是学法")
    )
    assert ("numbering", "warning") not in _findings(report)  # 一是 under （一） is a sub-item, not a mix
    mixed = parse_text("某局2024年度报告\n一、主要举措和成效\n1.学法\n正文。\n2、普法\n正文。\n第三，公开。")
    assert ("numbering", "warning") in _findings(mixed)


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ("面商率达到120%。", "rate-range"),
        ("开展法治专题讲座2.5次。", "rate-range"),
        ("学习《中华人民共和国》。", "truncated-law-name"),
        ("学习《》。", "truncated-law-name"),
        ("增强“三个意识”。", "official-phrase"),
        ("践行“十二个坚持”。", "official-phrase"),
        ("落实“一规划三纲要”。", "official-phrase"),
        ("落实“九五”普法规划。", "official-phrase"),
        ("带头遵法学法守法用法。", "official-phrase"),
        ("学习习近平法制思想。", "official-phrase"),
        ("开展学习,提升能力。", "punctuation"),
        ("开展讲座3次。开展讲座4次。", None),
    ],
)
def test_it_flags_wrong_figures_and_wording(body, rule):
    rules = {r for r, _ in _findings(_report(body))}
    assert rules == ({rule} if rule else set())


def test_it_leaves_right_wording_alone():
    body = (
        "坚持“十一个坚持”和“十四个坚持”，落实“一规划两纲要”和“八五”普法规划，推进“十四五”规划，"
        "把权力关进制度的笼子，庆祝中华人民共和国成立75周年，学习《中华人民共和国宪法》，十分重要，"
        "坚持三个坚持不懈。"
    )
    assert _findings(_report(body)) == []


def test_it_warns_about_a_period_already_over():
    assert ("official-phrase", "warning") in _findings(_report("总结“七五”普法。"))


def test_it_flags_the_same_figure_stated_twice_differently():
    body = "主要负责人出庭应诉1次。"
    report = parse_text(FRAME.format(year=2024, plan=2025, body=body).replace("带头学法。", "出庭应诉2次。"))
    assert ("figure-conflict", "warning") in _findings(report)


def test_near_misses_finds_one_wrong_character_only():
    assert list(near_misses("真正实现将权利关进制度的笼子。", "权力关进制度的笼子")) == [(5, 1)]
    assert list(near_misses("把权力关进制度的笼子", "权力关进制度的笼子")) == []
    assert list(near_misses("权利关进制度的箱子", "权力关进制度的笼子")) == []


# ── ledger-mismatch ─────────────────────────────────────────────


def _ledger(tmp_path, entries):
    path = tmp_path / "figures.json"
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return load_ledger(path)


def test_it_compares_stated_figures_with_the_ledger(tmp_path):
    ledger = _ledger(
        tmp_path,
        [
            {"indicator": "proposal.city", "name": "市级建议提案件数", "value": 45, "unit": "件"},
            {"indicator": "proposal.district", "name": "区级建议提案件数", "value": 237, "unit": "件"},
            {
                "indicator": "exam.xi_participation_rate",
                "name": "习近平法治思想专题考试参考率",
                "value": 99.6,
                "unit": "%",
            },
            {"indicator": "case.litigation", "name": "行政诉讼件数", "value": 5, "unit": "件"},
            {"indicator": "hearing.count", "name": "旁听庭审次数", "value": 2, "unit": "次"},
            {"indicator": "proposal.total", "name": "承办建议提案件数", "value": 284, "unit": "件"},
            {"indicator": "rule.adopted", "name": "新制定内部制度数", "value": 0, "unit": "项"},
            {
                "indicator": "decision.procedure_rate",
                "name": "重大行政决策法定程序履行率",
                "value": None,
                "unit": "%",
            },
        ],
    )
    findings = check_report(parse_file(FIXTURES / "001_e556737ff1ee303e.txt"), CheckOptions(ledger=ledger))
    ledger_findings = [(f.severity, f.message) for f in findings if f.rule == "ledger-mismatch"]
    assert ledger_findings == [
        ("error", "与台账不一致：报告写市级建议提案件数为47件，台账为45件，请核对后修改。"),
        ("error", "与台账不一致：报告写行政诉讼件数为4件，台账为5件，请核对后修改。"),
        ("info", "台账有“旁听庭审次数”2次，报告中未写明：请考虑在相应部分写明。"),
        ("warning", "台账有“承办建议提案件数”284件，报告中未写明：请考虑在相应部分写明。"),
    ]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("not json", "不是有效的 JSON"),
        ('{"a": 1}', "应为 JSON 列表"),
        ('[{"name": "x"}]', "条目有误"),
        ('[{"indicator": "a", "value": "三"}]', "条目有误"),
    ],
)
def test_a_bad_figures_file_is_refused(tmp_path, content, fragment):
    path = tmp_path / "figures.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FiguresFileError) as caught:
        load_ledger(path)
    assert fragment in caught.value.message


# ── copied-paragraph ────────────────────────────────────────────

SHARED = (
    "坚持把学习宣传贯彻习近平法治思想作为重大政治任务，组织全体干部开展集中学习十二次，"
    "邀请法律顾问围绕行政复议法修订开展专题辅导，切实提高干部运用法治思维和法治方式的能力。"
)


def test_it_finds_paragraphs_copied_from_another_unit_and_from_last_year():
    mine = parse_text(FRAME.format(year=2024, plan=2025, body=SHARED), source="mine.txt")
    other = parse_text(
        FRAME.format(year=2024, plan=2025, body=SHARED.replace("十二", "十三")).replace("某局", "另一局"),
        source="other.txt",
    )
    last_year = parse_text(FRAME.format(year=2023, plan=2024, body=SHARED), source="last.txt")
    unrelated = parse_text(
        FRAME.format(year=2024, plan=2025, body="全年开展普法宣传活动二十次，覆盖群众一万人次，" * 3).replace(
            "某局", "第三局"
        ),
        source="third.txt",
    )
    corpus = Corpus.of([mine, other, last_year, unrelated])
    messages = [
        f.message for f in check_report(mine, CheckOptions(corpus=corpus)) if f.rule == "copied-paragraph"
    ]
    assert len(messages) == 1  # the best match for the one long paragraph
    assert "本单位2023年度报告" in messages[0] and "last.txt" in messages[0]
    corpus = Corpus.of([mine, other])
    [finding] = [f for f in check_report(mine, CheckOptions(corpus=corpus)) if f.rule == "copied-paragraph"]
    assert "其他单位（另一局）的报告" in finding.message and finding.part == "measures"


def test_short_stock_paragraphs_are_not_compared():
    mine = parse_text(FRAME.format(year=2024, plan=2025, body="开展学习。"), source="a.txt")
    other = parse_text(
        FRAME.format(year=2024, plan=2025, body="开展学习。").replace("某局", "另一局"), source="b.txt"
    )
    assert _findings(mine, corpus=Corpus.of([other])) == []


# ── official phrases a supervisor adds ──────────────────────────


def test_a_supervisor_can_add_phrases(tmp_path, monkeypatch):
    extra = tmp_path / "extra.json"
    extra.write_text(
        json.dumps(
            {
                "phrases": [{"correct": "行政机关负责人出庭应诉", "wrong": ["行政首长出庭应诉"]}],
                "formulas": [{"correct": "三重一大", "pattern": "{n}重{n}大"}],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    report = _report("落实行政首长出庭应诉制度，坚持“三重二大”。")
    assert _findings(report) == []
    assert _findings(report, phrases=load_phrases([extra])) == [("official-phrase", "error")] * 2
    monkeypatch.setenv("FAZHI_OFFICIAL_PHRASES", str(extra))
    assert _findings(report, phrases=load_phrases()) == [("official-phrase", "error")] * 2


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("[1]", "JSON 对象"),
        ("{", "UTF-8 JSON"),
        ('{"formulas": [{"correct": "四个意识", "pattern": "{n}个自信"}]}', "内容有误"),
        (
            '{"phrases": [{"correct": "法治宣传", "wrong": ["法制宣传"], "severity": "fatal"}]}',
            "严重程度“fatal”无效",
        ),
    ],
)
def test_a_bad_phrases_file_is_refused(tmp_path, content, fragment):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PhrasesFileError) as caught:
        load_phrases([path])
    assert fragment in caught.value.message
