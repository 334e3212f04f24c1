"""`parse` and `check` as ``fazhi disclosure`` will run them: through an argparse parser of our own."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from fazhi.disclosurecheck.cli import add_commands, suspect_cells
from fazhi.disclosurecheck.tables import Tables
from fazhi.lib.office import convert_to_pdf

from .documents import needs_soffice, report_parts, sample_tables, to_html, write_docx


def _run(capsys, *argv: object) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="fazhi disclosure")
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args([str(a) for a in argv])
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def tables() -> Tables:
    return sample_tables()


@pytest.fixture
def report(tables, tmp_path) -> Path:
    return write_docx(report_parts(tables), tmp_path / "report.docx")


def _changed(tables: Tables, tmp_path: Path, row: str, column: str, by: int = 1) -> Path:
    """The same report with one table 3 cell changed by one."""
    texts = {(3, row, column): str(tables.table3.get(row, column) + by)}
    return write_docx(report_parts(tables, texts), tmp_path / "changed.docx")


def test_parse_prints_the_three_tables_as_json(capsys, report, tables):
    code, out, err = _run(capsys, "parse", report, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data == json.loads(json.dumps(tables.to_json()))
    assert list(data) == ["table2", "table3", "table4"]
    new = next(row for row in data["table3"]["rows"] if row["code"] == "new")
    assert new["cells"]["total"] == 58
    assert data["table2"]["rows"][-1]["cells"]["amount"] == 12.5


def test_parse_prints_a_readable_form(capsys, report):
    code, out, _ = _run(capsys, "parse", report)
    assert code == 0
    lines = out.splitlines()
    assert "表二  主动公开政府信息情况" in lines
    assert "  行政事业性收费：本年收费金额（单位：万元） 12.50" in lines
    assert "  一、本年新收政府信息公开申请数量：50｜4｜0｜1｜2｜1｜58" in lines
    assert "      1.属于国家秘密：1｜0｜0｜0｜0｜0｜1" in lines
    assert "  行政复议：结果维持 2，结果纠正 1，其他结果 0，尚未审结 1，总计 4" in lines


def test_check_passes_a_balanced_report(capsys, report):
    code, out, err = _run(capsys, "check", report)
    assert (code, err) == (0, "")
    assert "表二、表三、表四的勾稽关系全部成立" in out


def test_one_table3_cell_changed_by_one_fails_naming_that_cell(capsys, tables, tmp_path):
    path = _changed(tables, tmp_path, "public", "business")
    code, out, err = _run(capsys, "check", path)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert all(line.startswith("表三“") for line in lines)
    # The two sums it breaks: its column's results (（七）总计 · 商业企业) and its row's 总计.
    assert any(line.startswith("表三“（七）总计”行“法人或其他组织·商业企业”列") for line in lines)
    assert any(line.startswith("表三“（一）予以公开”行“总计”列") for line in lines)
    # And the cell itself, exactly.
    named = [line for line in lines if "“（一）予以公开”行“法人或其他组织·商业企业”列" in line]
    assert named == [
        "表三“（一）予以公开”行“法人或其他组织·商业企业”列：这一格最可能有误——它所在行与所在列的合计都对不上；"
        "填的是2，若为1，表三各项勾稽关系全部成立。"
    ]


@pytest.mark.parametrize(
    ("row", "column", "label"),
    [
        ("withheld.security", "person", "表三“3.危及“三安全一稳定””行“自然人”列"),
        ("new", "total", "表三“一、本年新收政府信息公开申请数量”行“总计”列"),
        ("results_total", "legal", "表三“（七）总计”行“法人或其他组织·法律服务机构”列"),
        ("carried_out", "person", "表三“四、结转下年度继续办理”行“自然人”列"),
    ],
)
def test_other_cells_changed_by_one_are_named(capsys, tables, tmp_path, row, column, label):
    code, out, _ = _run(capsys, "check", _changed(tables, tmp_path, row, column), "--json")
    data = json.loads(out)
    assert code == 1 and data["ok"] is False and data["failures"]
    assert all(f["table"] == 3 for f in data["failures"])
    assert [(s["row"], s["column"]) for s in data["suspects"]] == [(row, column)]
    assert data["suspects"][0]["expected"] == tables.table3.get(row, column)
    text = _run(capsys, "check", _changed(tables, tmp_path, row, column))[1]
    assert f"{label}：这一格最可能有误" in text


def test_no_cell_is_named_when_two_cells_are_wrong(tables):
    tables.table3.add("public", "person", 1)
    tables.table3.add("partial", "business", 1)
    assert suspect_cells(tables.table3) == []


def test_table4_and_table2_failures_name_their_cells(capsys, tables, tmp_path):
    texts = {(4, "cases", "direct_suit.total"): "3"}
    path = write_docx(report_parts(tables, texts), tmp_path / "t4.docx")
    code, out, _ = _run(capsys, "check", path)
    assert code == 1
    assert out.splitlines() == [
        "表四“件数”行“行政诉讼（未经复议直接起诉）·总计”列为3，但维持、纠正、其他、尚未审结之和为2。"
    ]


def test_check_against_the_previous_years_report(capsys, tables, tmp_path, report):
    last_year = sample_tables()
    last_year.table2.set("normdocs", "in_force", 22)  # 22 + 3 − 1 = 24 ✓
    last_year.table2.set("rules", "in_force", 5)  # 5 + 1 − 0 = 6 ≠ 5
    previous = tmp_path / "2023.html"
    previous.write_text(to_html(report_parts(last_year)), encoding="utf-8")
    code, out, _ = _run(capsys, "check", report, "--previous", previous)
    assert code == 1
    assert out.splitlines() == ["表二“规章”行“现行有效件数”列为5，但上年现行有效5加本年制发1减本年废止0为6。"]


def test_a_cell_that_is_not_a_number_exits_2_with_the_message(capsys, tables, tmp_path):
    path = write_docx(report_parts(tables, {(3, "partial", "person"): "五"}), tmp_path / "bad.docx")
    for command in ("check", "parse"):
        code, out, err = _run(capsys, command, path)
        assert (code, out) == (2, "")
        assert err == (
            f"错误：{path}：表三“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”行“自然人”列"
            "的内容“五”不是数字：请核对该单元格\n"
        )


def test_a_broken_docx_exits_2(capsys, tmp_path, report):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(report.read_bytes()[:3000])
    code, out, err = _run(capsys, "check", broken)
    assert (code, out) == (2, "")
    assert err.startswith(f"错误：{broken}：不是有效的 Word 文档")


def test_an_unreadable_previous_report_exits_2(capsys, report, tmp_path):
    code, _, err = _run(capsys, "check", report, "--previous", tmp_path / "missing.docx")
    assert code == 2 and "missing.docx" in err and "无法打开文件" in err


@needs_soffice
def test_check_on_the_pdf_names_the_changed_cell(capsys, tables, tmp_path):
    path = convert_to_pdf(_changed(tables, tmp_path, "nonexistent.not_held", "legal"), tmp_path)
    code, out, _ = _run(capsys, "check", path)
    assert code == 1
    assert "表三“1.本机关不掌握相关政府信息”行“法人或其他组织·法律服务机构”列：这一格最可能有误" in out
