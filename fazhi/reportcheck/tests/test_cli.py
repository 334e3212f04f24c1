"""`fazhi parse` and `fazhi check` through their command-line interface."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from fazhi.reportcheck.cli import main

from .snapshot import FIXTURES

SEED_000 = FIXTURES / "000_de61297b1667e9da.txt"
SEED_001 = FIXTURES / "001_e556737ff1ee303e.txt"
CLEAN = FIXTURES / "layout_leadership_first.txt"


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_prints_the_structure_as_json_with_the_issue_keys(capsys):
    code, out, _ = _run(capsys, "parse", SEED_001, "--json")
    data = json.loads(out)
    assert code == 0
    assert list(data) == ["title", "unit", "year", "preamble", "parts", "figures"]
    assert list(data["parts"][0]) == [
        "kind",
        "number",
        "heading",
        "heading_end",
        "year",
        "paragraphs",
        "sections",
    ]
    assert list(data["parts"][0]["sections"][0]) == ["number", "heading", "heading_end", "paragraphs"]
    assert list(data["figures"][0]) == ["indicator", "value", "unit", "text", "part"]
    assert (data["unit"], data["year"]) == ("南开区政府办公室", 2024)


def test_parse_prints_a_readable_outline(capsys):
    code, out, _ = _run(capsys, "parse", SEED_000)
    assert code == 0
    assert "四、2024年推进法治政府建设的主要安排" in out and "96.28分" in out


def test_check_prints_json_findings_and_exits_1_on_errors(capsys):
    code, out, _ = _run(capsys, "check", SEED_000, SEED_001, "--json")
    findings = json.loads(out)
    assert code == 1
    assert all(
        list(f) == ["file", "rule", "severity", "message", "part", "section", "excerpt"] for f in findings
    )
    assert {f["file"] for f in findings} == {str(SEED_000), str(SEED_001)}


def test_check_exits_0_when_no_error_is_found(capsys):
    code, out, _ = _run(capsys, "check", CLEAN)
    assert code == 0
    assert "错误 0" in out


def test_check_reports_an_unreadable_file_in_chinese_and_exits_2(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, _ = _run(capsys, "check", empty, CLEAN, "--json")
    findings = json.loads(out)
    assert code == 2
    assert findings[0]["rule"] == "read-error" and "文件为空" in findings[0]["message"]


def test_parse_reports_bad_input_in_chinese_and_exits_2(capsys, tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"\x00\x01binary")
    code, out, err = _run(capsys, "parse", fake)
    assert code == 2 and out == ""
    assert err.startswith("错误：") and "Word" in err and "Traceback" not in err


def test_check_compares_with_the_ledger_file(capsys, tmp_path):
    figures = tmp_path / "figures.json"
    figures.write_text(
        json.dumps(
            [
                {"indicator": "training.enrolled", "name": "学法用法参训人数", "value": 250, "unit": "人"},
                {"indicator": "study.lecture", "name": "法治专题讲座次数", "value": 4, "unit": "次"},
            ]
        ),
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, "check", CLEAN, "--json", "--figures", figures)
    [finding] = json.loads(out)[1:]
    assert code == 1
    assert finding["rule"] == "ledger-mismatch" and "台账为250人" in finding["message"]


def test_check_refuses_a_bad_figures_file(capsys, tmp_path):
    figures = tmp_path / "figures.json"
    figures.write_text("[", encoding="utf-8")
    code, _, err = _run(capsys, "check", CLEAN, "--figures", figures)
    assert code == 2 and "台账数字文件" in err


def test_check_finds_copies_in_the_against_directory(capsys, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = SEED_001.read_text(encoding="utf-8").replace("南开区政府办公室", "河西区政府办公室")
    (corpus / "hexi.txt").write_text(text, encoding="gb18030")
    shutil.copy(SEED_001, corpus)  # the file itself in the corpus is not a copy of itself
    (corpus / "broken.docx").write_bytes(b"not a docx")
    code, out, _ = _run(capsys, "check", SEED_001, "--json", "--against", corpus)
    copies = [f for f in json.loads(out) if f["rule"] == "copied-paragraph"]
    assert code == 1
    assert len(copies) >= 10
    assert all("其他单位（河西区政府办公室）" in f["message"] and "hexi.txt" in f["message"] for f in copies)


def test_check_refuses_an_against_path_that_is_not_a_directory(capsys):
    code, _, err = _run(capsys, "check", CLEAN, "--against", CLEAN)
    assert code == 2 and "目录" in err


def test_check_takes_extra_phrases(capsys, tmp_path):
    extra = tmp_path / "extra.json"
    extra.write_text(
        json.dumps({"phrases": [{"correct": "小白楼街道", "wrong": ["小白楼"]}]}, ensure_ascii=False),
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, "check", CLEAN, "--json", "--phrases", extra)
    assert code == 1 and any(f["rule"] == "official-phrase" for f in json.loads(out))


def test_it_is_registered_in_the_fazhi_script():
    from fazhi.cli import COMMAND_MODULES

    assert "fazhi.reportcheck.cli" in COMMAND_MODULES


@pytest.mark.parametrize("module", ["fazhi.reportcheck", "fazhi.reportcheck.cli"])
def test_it_imports_no_django(module):
    code = (
        f"import sys, {module}; from fazhi.reportcheck import parse_file, check_report; "
        f"check_report(parse_file({str(SEED_001)!r})); "
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if m.startswith('django'))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603
