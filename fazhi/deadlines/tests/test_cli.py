"""``fazhi deadline`` through ``fazhi.cli.main``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import fazhi.cli

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def only_deadline_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    # Other command modules may need the database; these tests drive only ours.
    monkeypatch.setattr(fazhi.cli, "COMMAND_MODULES", ["fazhi.deadlines.cli"])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = fazhi.cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_it_is_registered_in_the_console_script() -> None:
    assert "fazhi.deadlines.cli" in fazhi.cli.COMMAND_MODULES


def test_it_prints_the_due_date(capsys: pytest.CaptureFixture[str]) -> None:
    # 2024-09-27 + 20 working days across National Day (see test_rules) -> 2024-10-30.
    assert run(capsys, "deadline", "disclosure-reply", "2024-09-27") == (0, "2024-10-30\n", "")


def test_it_applies_extension_and_pause(capsys: pytest.CaptureFixture[str]) -> None:
    # 2025-03-03 + 20 + 20 extended + 10 paused working days -> 2025-05-15 (see test_rules).
    code, out, _ = run(
        capsys, "deadline", "disclosure-reply", "2025-03-03", "--extended", "--paused-days", "10"
    )
    assert (code, out) == (0, "2025-05-15\n")


def test_it_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "deadline", "proposal-reply", "2025-07-01", "--json")
    assert code == 0 and err == ""
    assert json.loads(out) == {
        "rule": "proposal-reply",
        "start": "2025-07-01",
        "due": "2025-10-09",
        "basis": "《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》第五十一条",
        "provisional": False,
    }


def test_it_warns_of_a_provisional_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "deadline", "disclosure-reply", "2026-12-18", "--json")
    assert code == 0
    assert json.loads(out)["provisional"] is True
    assert json.loads(out)["due"] == "2027-01-15"
    assert err.startswith("警告：2027年的节假日安排尚未录入")


def test_it_takes_a_report_year_for_annual_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "deadline", "annual-report-publish", "2024") == (0, "2025-03-31\n", "")


def test_it_lists_the_rules(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadline", "--list")
    assert code == 0
    assert "disclosure-reply\t依申请公开答复\t20个工作日（延长后至多40个工作日）\t" in out
    assert run(capsys, "deadline-rules")[1] == out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["deadline", "disclosure-answer", "2025-01-02"], "错误：未知的期限规则“disclosure-answer”"),
        (["deadline", "disclosure-reply", "2025-02-30"], "错误：日期无效或格式不正确：“2025-02-30”"),
        (["deadline", "disclosure-reply", "2025/01/02"], "错误：日期无效或格式不正确"),
        (["deadline", "disclosure-reply", "2025"], "错误：日期无效或格式不正确"),
        (["deadline", "disclosure-reply"], "错误：请给出期限规则和起算日期"),
        (["deadline", "disclosure-reply", "2025-01-02", "--paused-days", "-3"], "错误：不计入期限的天数"),
        (["deadline", "appeal-ruling", "2025-01-02", "--extended"], "不可延长"),
    ],
)
def test_it_rejects_bad_input_in_chinese(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err


def test_the_console_script_runs_with_every_command_module() -> None:
    # A fresh interpreter, so the real COMMAND_MODULES (not the fixture's) build the parser.
    command = [sys.executable, "-m", "fazhi.cli", "deadline", "reconsideration-answer", "2025-09-26"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)  # noqa: S603
    assert (result.returncode, result.stdout) == (0, "2025-10-16\n")


def test_importing_the_pure_modules_does_not_import_django() -> None:
    script = (
        "import sys, fazhi.deadlines.calendar, fazhi.deadlines.rules, fazhi.deadlines.cli; "
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if m.startswith('django'))"
    )
    subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True)  # noqa: S603
