"""Checking grows linearly with the text (issue 13, item 1): texts that made the official-phrase
rule quadratic (a run of numerals before "个意识" was tried from every start) are checked in a
fraction of a second at 100,000 characters; and ``fazhi check`` over many files gives the same
answer in worker processes as in one."""

from __future__ import annotations

import json
import time

import pytest

from fazhi.reportcheck import check_report, parse_text
from fazhi.reportcheck.checks import CHECKS, CheckOptions, Run
from fazhi.reportcheck.cli import PARALLEL_FROM, main

from .snapshot import FIXTURES

SIZE = 100_000
# Each was slow before: 10,000 × "一" took 3.7 s (100,000: minutes); the others repeat what
# the automaton, the near-miss windows, the formulas and the terms look at.
HOSTILE = [
    "一",
    "十一二三四五六七八九十两",
    "“十一个坚持”",
    "法制法治普法规划",
    "截止2024年",
    "“八五”普法",
    "权利关进制度的笼子",
    "权力关进制度的笼子",
    '("《<',
    "a,b.c",
    "[2022]12号",
    "中华人民共和国",
]


def _report_with(paragraph: str):
    """A report whose one paragraph is ``paragraph``, without parsing it (the parser is timed elsewhere)."""
    report = parse_text(
        "某局2024年度法治政府建设情况报告\n一、主要举措和成效\n（一）学法\n正文。\n2025年1月10日"
    )
    report.parts[0].sections[0].paragraphs[0].text = paragraph
    return report


@pytest.mark.parametrize("unit", HOSTILE)
def test_each_rule_reads_100000_characters_in_well_under_a_second(unit):
    report = _report_with((unit * (SIZE // len(unit) + 1))[:SIZE])
    run = Run(report, CheckOptions())
    slowest = 0.0
    for check in CHECKS.values():
        start = time.perf_counter()
        list(check(run))
        slowest = max(slowest, time.perf_counter() - start)
    # Linear work is a few hundred milliseconds at most, even on a busy machine; the quadratic
    # rule took minutes here.
    assert slowest < 3.0


def test_doubling_the_text_about_doubles_the_time():
    def seconds(size: int) -> float:
        report = _report_with(("一" * 50 + "“十一个坚持”法制普法") * (size // 60))
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            check_report(report)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = seconds(20_000), seconds(80_000)
    assert large < 10 * max(small, 0.002)  # four times the text: about four times the time, not sixteen


def test_many_files_are_checked_alike_in_worker_processes(capsys, tmp_path):
    texts = [
        (FIXTURES / name).read_text(encoding="utf-8")
        for name in ("000_de61297b1667e9da.txt", "001_e556737ff1ee303e.txt")
    ]
    files = []
    for number in range(PARALLEL_FROM + 6):
        path = tmp_path / f"{number:03d}.txt"
        path.write_text(texts[number % 2].replace("南开区", f"第{number}区"), encoding="utf-8")
        files.append(str(path))
    (tmp_path / "empty.txt").write_bytes(b"")
    files.append(str(tmp_path / "empty.txt"))

    code, out, _ = main(["check", "--json", "--jobs", "1", *files]), *capsys.readouterr()
    parallel_code, parallel_out, _ = main(["check", "--json", "--jobs", "2", *files]), *capsys.readouterr()
    assert (parallel_code, json.loads(parallel_out)) == (code, json.loads(out))
    assert code == 2 and json.loads(out)[-1]["rule"] == "read-error"


@pytest.mark.parametrize("unit", ["一", "“十一个坚持”", "一规划两纲要", "“八五”普法"])
def test_the_formula_masks_the_parser_uses_are_linear_too(unit):
    from fazhi.reportcheck.phrases import default_phrases

    text = (unit * (SIZE // len(unit) + 1))[:SIZE]
    start = time.perf_counter()
    for mask in default_phrases().masks:
        sum(1 for _ in mask.finditer(text))
    assert time.perf_counter() - start < 3.0


@pytest.mark.parametrize("unit", ["开展讲座3次，", "“十一个坚持”，"])
def test_the_figure_reader_is_linear_on_a_text_without_full_stops(unit):
    # One endless sentence of clauses: the reader's look back for an exam named earlier in the
    # sentence once made this quadratic (40,000 characters: 3.4 s).
    from fazhi.reportcheck.parse.figures import figures_in
    from fazhi.reportcheck.phrases import default_phrases

    masks = default_phrases().masks

    def seconds(chars: int) -> float:
        text = unit * (chars // len(unit))
        best = float("inf")
        for _ in range(3):  # the best of three: a loaded machine only ever adds time
            start = time.process_time()
            figures_in(text, masks)
            best = min(best, time.process_time() - start)
        return best

    small, large = seconds(20_000), seconds(80_000)
    assert large < 2.0  # quadratic, 80,000 characters took about 14 s
    assert large < 10 * max(small, 0.05)  # four times the text: about four times the time, not sixteen
