"""Part 一's figures against the tables, and a consolidated report against the sum of its units.

The sample's figures, counted by hand from ``sample_tables``: 58 received, 3 carried in, 3 carried
out, 58 answered; 予以公开 20+1+1 = 22, 部分公开 5; 行政复议 4, 行政诉讼 2 + 1 = 3."""

from __future__ import annotations

from fazhi.disclosurecheck.tables import Tables, check_against_sum, sum_tables
from fazhi.disclosurecheck.text import check_text, figures_stated

from .documents import sample_tables

RIGHT = (
    "2023年，本机关全年共收到政府信息公开申请58件，上年结转3件；办结58件，其中予以公开22件，"
    "部分公开5件，结转下年度继续办理3件。发生政府信息公开行政复议4件、行政诉讼3件。"
)


def test_figures_as_written_hold():
    assert check_text(RIGHT, sample_tables()) == []
    found = {f.stated.name: f.value for f in figures_stated(RIGHT)}
    assert found == {
        "申请总数": 58,
        "上年结转": 3,
        "办结": 58,
        "予以公开": 22,
        "部分公开": 5,
        "结转下年度": 3,
        "行政复议": 4,
        "行政诉讼": 3,
    }


def test_a_figure_differing_from_its_table_is_named_by_table_row_and_column():
    failures = check_text(RIGHT.replace("申请58件", "申请57件"), sample_tables())
    assert [(f.table, f.row, f.column) for f in failures] == [(3, "new", "total")]
    assert "收到政府信息公开申请57件" in failures[0].message
    assert "表三“一、本年新收政府信息公开申请数量”行“总计”列为58" in failures[0].message


def test_a_sum_stated_is_compared_with_the_sum_of_its_cells():
    text = "其中予以公开和部分公开27件。发生政府信息公开行政复议和行政诉讼7件。"
    assert check_text(text, sample_tables()) == []
    failures = check_text(text.replace("27件", "22件"), sample_tables())
    assert [(f.table, f.row, f.column) for f in failures] == [(3, "public", "total")]
    assert "之和为27" in failures[0].message
    # the sum is not also read as 部分公开 22件
    assert len(failures) == 1


def test_words_stating_no_figure_are_not_faulted():
    text = "我单位高度重视政府信息公开工作，依申请公开渠道畅通，答复规范。2024年将继续做好申请办理。"
    assert list(figures_stated(text)) == []
    assert check_text(text, sample_tables()) == []


def test_a_number_of_another_clause_is_not_read_as_the_figure():
    # "58" belongs to another clause after the comma: the cue 收到…申请 states no figure here
    text = "收到政府信息公开申请，办理58次会议。"
    assert list(figures_stated(text)) == []


def test_consolidated_tables_against_the_sum_of_units():
    one, two = sample_tables(), sample_tables()
    summed = sum_tables([one, two])
    assert summed.table3.get("new", "total") == 116  # 58 + 58
    assert check_against_sum(summed, sum_tables([one, two]), units=2) == []
    wrong = sum_tables([one, two])
    wrong.table3.set("public", "person", 39)  # 20 + 20 = 40
    failures = check_against_sum(wrong, summed, units=2)
    assert [(f.table, f.row, f.column) for f in failures] == [(3, "public", "person")]
    assert "为39" in failures[0].message and "2个单位的年度报告之和为40" in failures[0].message
    assert check_against_sum(Tables(), summed, units=2)  # an empty report differs everywhere
