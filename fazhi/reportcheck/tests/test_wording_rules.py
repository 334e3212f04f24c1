"""The wording rules of issue 12 (item 6), each with the texts it must flag and those it must
leave alone: wrong terms and typos from the phrase file, the signature date against the
report year, figures contradicting each other across parts, brackets in document numbers,
ASCII marks in Chinese text; and no new finding on the two seeds."""

from __future__ import annotations

import json

import pytest

from fazhi.reportcheck import CheckOptions, PhrasesFileError, check_report, parse_file, parse_text
from fazhi.reportcheck.phrases import DEFAULT_FILE, load_phrases

from .snapshot import FIXTURES, expected_path

FRAME = (
    "某局{year}年度法治政府建设情况报告\n"
    "一、{year}年主要举措和成效\n（一）学法\n{body}\n"
    "二、存在的不足和原因\n（一）学习不够\n{shortcomings}\n"
    "三、主要负责人履行推进法治建设第一责任人职责情况\n（一）带头学法\n{leadership}\n"
    "四、{plan}年工作安排\n（一）强化学习\n{plan_body}\n"
    "{signature}"
)


def _report(
    body="开展学习。",
    *,
    year=2024,
    shortcomings="学习系统性不强。",
    leadership="带头学法。",
    plan_body="持续学习。",
    signature="",
):
    return parse_text(
        FRAME.format(
            year=year,
            plan=year + 1,
            body=body,
            shortcomings=shortcomings,
            leadership=leadership,
            plan_body=plan_body,
            signature=signature,
        )
    )


def _of(rule, report, **options):
    return [f for f in check_report(report, CheckOptions(**options)) if f.rule == rule]


def _rules(report):
    return {(f.rule, f.severity) for f in check_report(report)}


# ── wrong terms and typos, from the phrase file ────────────────

# Each shipped term (its first wrong form) with a sentence that has it: every entry is tested.
WRONG = {
    "权利清单": ("全面推行权利清单和责任清单制度。", "wrong-term", "error"),
    "中国特色主义": ("坚持以习近平新时代中国特色主义思想为指导。", "typo", "error"),
    "责任落实督查工作规定": (
        "对照《法治政府建设与责任落实督查工作规定》开展自查。",
        "wrong-term",
        "error",
    ),
    "截止": ("截止2024年底，共办理复议案件12件。", "wrong-term", "error"),
    "法制": ("扎实推进法制政府建设。", "wrong-term", "warning"),
    "未成人": ("开展未成人保护法宣传进校园活动。", "typo", "error"),
    "件宗": ("全年办理行政复议案件12件宗。", "typo", "error"),
}


def test_every_term_of_the_phrase_file_has_a_case_here():
    shipped = json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))["terms"]
    firsts = {e["wrong"] if isinstance(e["wrong"], str) else e["wrong"][0] for e in shipped}
    assert firsts == set(WRONG)
    assert all(e["message"] and e["correct"] and e.get("severity") for e in shipped)


@pytest.mark.parametrize("wrong", list(WRONG))
def test_a_wrong_term_is_flagged_with_its_fix(wrong):
    body, rule, severity = WRONG[wrong]
    [finding] = _of(rule, _report(body))
    assert finding.severity == severity
    assert wrong in finding.excerpt
    entry = next(t for t in load_phrases().terms if t.wrong == wrong)
    assert finding.message == entry.message and entry.correct[:1] in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "全面推行权力清单和责任清单制度。",
        "坚持以习近平新时代中国特色社会主义思想为指导。",
        "对照《法治政府建设与责任落实督察工作规定》开展自查。",
        "开展督查检查3次，督查发现的问题全部整改。",
        "截至2024年底，共办理复议案件12件。",
        "截止到2024年底，报名已截止，截止日期为12月1日。",
        "截止时间为每年3月1日。",
        "扎实推进法治政府建设。",
        "开展未成年人保护法宣传进校园活动，孩子尚未成人，需要呵护。",
        "全年办理行政复议案件12件，案件宗数较上年减少。",
    ],
)
def test_the_right_forms_are_left_alone(body):
    findings = [f for f in check_report(_report(body)) if f.rule in ("wrong-term", "typo")]
    assert findings == []


@pytest.mark.parametrize(
    "body",
    [
        "原市政府法制办并入司法局，国务院法制办公室的职责由司法部承担。",
        "在《法制日报》发表文章，区司法局法制科、公安分局法制大队参加。",
        "落实重大执法决定法制审核制度，维护社会主义法制统一。",
        "全国人大常委会法制工作委员会到我区调研，由政府法制机构审查。",
        "完善领导干部学法用法制度，依法制定规范性文件，严厉打击非法制售假药。",
        "依法制止违法行为，依法制裁违规企业，依法制发文件。",
    ],
)
def test_fa_zhi_in_names_and_across_words_is_no_wrong_term(body):
    assert _of("wrong-term", _report(body)) == []


def test_fa_zhi_xuan_chuan_is_said_once_as_the_older_phrase():
    findings = [f for f in check_report(_report("开展法制宣传活动。")) if "法制" in f.excerpt]
    assert [(f.rule, f.severity) for f in findings] == [("official-phrase", "warning")]


@pytest.mark.parametrize(
    "body",
    ["截止目前，已完成。", "截止2024年12月31日。", "截止12月底。", "截止今年年底。", "截止二〇二四年底。"],
)
def test_jie_zhi_before_a_time_is_flagged(body):
    assert len(_of("wrong-term", _report(body))) == 1


def test_a_term_does_not_read_the_next_line_as_its_context():
    # "截止" ends a heading; the date on the next line is not after it in a sentence.
    report = _report("学习截止\n2024年1月开始新一轮学习。")
    assert _of("wrong-term", report) == []


def test_a_supervisor_can_add_a_term_with_its_context(tmp_path):
    extra = tmp_path / "terms.json"
    extra.write_text(
        json.dumps(
            {
                "terms": [
                    {
                        "wrong": "行政首长",
                        "correct": "行政机关负责人",
                        "rule": "wrong-term",
                        "severity": "warning",
                        "followed_by": "出庭",
                        "message": "应为“行政机关负责人出庭应诉”。",
                    }
                ]
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    report = _report("落实行政首长出庭应诉制度，行政首长带头学法。")
    [finding] = _of("wrong-term", report, phrases=load_phrases([extra]))
    assert finding.severity == "warning" and "出庭应诉" in finding.excerpt


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        ({"wrong": "甲", "correct": "乙"}, "缺少 message"),
        ({"wrong": "甲", "correct": "乙", "message": "改。", "rule": "spelling"}, "规则“spelling”无效"),
        ({"wrong": "甲", "correct": "乙", "message": "改。", "severity": "fatal"}, "严重程度“fatal”无效"),
        ({"wrong": "", "correct": "乙", "message": "改。"}, "内容有误"),
        ({"wrong": "甲", "correct": "乙", "message": "改。", "followed_by": "("}, "内容有误"),
    ],
)
def test_a_bad_term_is_refused(tmp_path, entry, fragment):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"terms": [entry]}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(PhrasesFileError) as caught:
        load_phrases([path])
    assert fragment in caught.value.message


# ── the signature date ─────────────────────────────────────────


@pytest.mark.parametrize(
    ("date", "severity"),
    [
        ("2023年1月10日", "error"),  # last year's date left in the template
        ("2024年3月1日", "error"),  # the year reported on is not over
        ("二〇二三年一月十日", "error"),
        ("2026年2月1日", "warning"),  # late, or a version approved again later
        ("2025年1月10日", None),
        ("2025年3月", None),
        ("2024年12月28日", None),
        ("二〇二五年一月十日", None),
    ],
)
def test_the_signature_date_must_fit_the_report_year(date, severity):
    report = _report(signature=f"\n某局\n{date}\n")
    findings = _of("signature-date", report)
    assert [f.severity for f in findings] == ([severity] if severity else [])
    if severity:
        assert "2024" in findings[0].message and date in findings[0].excerpt


def test_a_date_inside_the_text_is_no_signature():
    report = _report(plan_body="2023年1月10日前完成整改。", signature="\n某局\n")
    assert _of("signature-date", report) == []
    report = _report(plan_body="持续学习。\n2023年1月10日召开会议。")
    assert _of("signature-date", report) == []


# ── figures contradicting each other across parts ──────────────


def test_the_same_thing_counted_differently_in_two_parts_is_flagged():
    report = _report("全年开展送法进社区活动15次。", leadership="带头参加，全年开展送法进社区活动18次。")
    [finding] = _of("figure-conflict", report)
    assert finding.part == "leadership" and "15次" in finding.message and "18次" in finding.message


@pytest.mark.parametrize(
    ("body", "leadership", "plan_body"),
    [
        ("开展送法进社区活动15次。", "开展送法进社区活动15次。", "持续学习。"),  # the same value
        ("开展送法进社区活动15次。", "开展送法进企业活动18次。", "持续学习。"),  # another thing
        ("开展送法进社区活动15次。", "带头学法。", "开展送法进社区活动不少于20次。"),  # next year's target
        ("开展送法进社区活动15次。", "开展送法进社区活动20余次。", "持续学习。"),  # a bound, not a count
        ("开展送法进社区活动15次。开展送法进社区活动6次。", "带头学法。", "持续学习。"),  # one part
        ("覆盖群众1.2万人次。", "覆盖群众12000人次。", "持续学习。"),  # 万 is a multiplier
    ],
)
def test_figures_that_do_not_contradict_are_left_alone(body, leadership, plan_body):
    assert _of("figure-conflict", _report(body, leadership=leadership, plan_body=plan_body)) == []


def test_an_indicator_stated_again_in_the_plan_is_a_target_not_a_contradiction():
    report = _report("主要负责人出庭应诉1次。", plan_body="主要负责人出庭应诉不少于2次。")
    assert _of("figure-conflict", report) == []
    report = _report("主要负责人出庭应诉1次。", plan_body="主要负责人出庭应诉2次。")
    assert _of("figure-conflict", report) == []


# ── document numbers and ASCII marks ───────────────────────────


@pytest.mark.parametrize(
    ("body", "fixed"),
    [
        ("按照《关于加强法治建设的通知》（津政办发[2022]12号）要求。", "〔2022〕12号"),
        ("按照南开政发【2023】5号文件要求。", "〔2023〕5号"),
        ("按照南开政发［2023］第5号文件要求。", "〔2023〕第5号"),
    ],
)
def test_square_brackets_in_a_document_number_are_flagged(body, fixed):
    [finding] = _of("document-number", _report(body))
    assert fixed in finding.message and finding.severity == "warning"


@pytest.mark.parametrize(
    "body",
    [
        "按照《关于加强法治建设的通知》（津政办发〔2022〕12号）要求。",
        "出庭应诉（2022）津0104行初12号案件。",
        "引用文献[2022]中的数据。",
    ],
)
def test_right_document_numbers_and_other_brackets_are_left_alone(body):
    assert _of("document-number", _report(body)) == []


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("学习《关于印发<法治政府建设实施纲要>的通知》。", "〈〉"),
        ("学习<民法典>。", "书名号"),
        ("制定《行政执法公示办法(试行)》。", "全角括号"),
        ('推进"放管服"改革。', "全角引号"),
        ("开展学习.提升能力。", "“。”"),
        ("开展讲座2次,3次为专题讲座。", "“，”"),
    ],
)
def test_ascii_marks_in_chinese_text_are_flagged(body, fragment):
    [finding] = _of("punctuation", _report(body))
    assert fragment in finding.message and finding.severity == "warning"


@pytest.mark.parametrize(
    "body",
    [
        "学习《关于印发〈法治政府建设实施纲要〉的通知》。",
        "平均成绩达到96.28分，参考率为100%。",
        "登录www.gov.cn查询，编号(2024)。",
        "比例为3:1，时间为9:30。",
    ],
)
def test_right_marks_and_ascii_outside_chinese_are_left_alone(body):
    assert _of("punctuation", _report(body)) == []


# ── the seeds: no new finding ───────────────────────────────────

SEEDS = [FIXTURES / "000_de61297b1667e9da.txt", FIXTURES / "001_e556737ff1ee303e.txt"]
NEW_RULES = {"wrong-term", "typo", "signature-date", "document-number"}


@pytest.mark.parametrize("seed", SEEDS, ids=["000", "001"])
def test_the_new_rules_find_nothing_in_the_seeds(seed):
    findings = check_report(parse_file(seed))
    assert [f for f in findings if f.rule in NEW_RULES] == []
    expected = json.loads(expected_path(seed).read_text(encoding="utf-8"))["findings"]
    wording = {"official-phrase", "punctuation", "figure-conflict"}
    assert [(f.rule, f.excerpt) for f in findings if f.rule in wording] == [
        (f["rule"], f["excerpt"]) for f in expected if f["rule"] in wording
    ]
