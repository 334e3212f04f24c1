"""Each sample report in fixtures/ against its expected output, plus the reviewer's reading of the seeds."""

from __future__ import annotations

import json

import pytest

from fazhi.reportcheck import check_report, parse_file

from .snapshot import FIXTURES, expected_path, samples, snapshot

SEED_000 = FIXTURES / "000_de61297b1667e9da.txt"
SEED_001 = FIXTURES / "001_e556737ff1ee303e.txt"


@pytest.mark.parametrize("sample", samples(), ids=lambda p: p.name)
def test_it_matches_the_expected_output(sample):
    expected = json.loads(expected_path(sample).read_text(encoding="utf-8"))
    assert snapshot(sample) == expected


def _rules(path):
    return [(f.rule, f.severity) for f in check_report(parse_file(path))]


def test_it_joins_the_titles_split_over_two_lines():
    assert parse_file(SEED_000).title == "南开区投资促进局2024年度法治政府建设情况报告"
    assert parse_file(SEED_001).title == "南开区政府办公室2024年度法治政府建设情况报告"


def test_it_finds_the_plan_that_names_the_report_year_in_seed_000():
    findings = check_report(parse_file(SEED_000))
    plan = [f for f in findings if f.rule == "plan-year"]
    assert len(plan) == 1
    assert plan[0].severity == "error" and plan[0].part == "plan"
    assert "应安排2025年" in plan[0].message


def test_it_finds_power_written_as_rights_in_seed_000():
    findings = [
        f for f in check_report(parse_file(SEED_000)) if f.rule == "official-phrase" and f.severity == "error"
    ]
    assert len(findings) == 1
    assert "“利”应为“力”" in findings[0].message
    assert "将权利关进制度的笼子" in findings[0].excerpt


def test_it_finds_the_section_heading_without_its_number_in_seed_001():
    findings = [f for f in check_report(parse_file(SEED_001)) if f.rule == "numbering"]
    assert len(findings) == 1
    assert "应为“（二）”" in findings[0].message
    assert findings[0].excerpt.startswith("在加快职能转变上下功夫")


def test_it_finds_both_law_names_cut_short_in_seed_001():
    findings = [f for f in check_report(parse_file(SEED_001)) if f.rule == "truncated-law-name"]
    assert [("宣传海报" in f.excerpt, "等相关法治宣传" in f.excerpt) for f in findings] == [
        (True, False),
        (False, True),
    ]


@pytest.mark.parametrize("seed", [SEED_000, SEED_001], ids=["000", "001"])
def test_it_leaves_the_correct_formulas_alone(seed):
    text = seed.read_text(encoding="utf-8")
    excerpts = " ".join(
        f.excerpt + f.message for f in check_report(parse_file(seed)) if f.rule == "official-phrase"
    )
    for formula in ("两个确立", "四个意识", "四个自信", "两个维护", "十一个坚持", "一规划两纲要", "八五"):
        if formula in text:
            assert formula not in excerpts


def test_seed_001_has_no_error_but_the_real_ones():
    assert sorted(set(_rules(SEED_001))) == [("numbering", "error"), ("truncated-law-name", "error")]


def test_the_pdf_made_from_a_docx_parses_like_the_text():
    pdf = parse_file(FIXTURES / "001_from_docx.pdf")
    assert pdf.to_dict() == parse_file(SEED_001).to_dict()
