"""Every rule code a check can emit has a Chinese name, read from the checks' own source."""

from __future__ import annotations

import ast
from pathlib import Path

from fazhi.reportcheck.checks import CHECKS
from fazhi.reportcheck.rules import RULE_NAMES, rule_name

PACKAGE = Path(__file__).resolve().parent.parent


def emitted_codes() -> set[str]:
    """The first argument (or ``rule=``) of every ``Finding(...)`` written in the engine's modules."""
    codes = set()
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Finding"):
                continue
            given = [node.args[0]] if node.args else [k.value for k in node.keywords if k.arg == "rule"]
            codes |= {g.value for g in given if isinstance(g, ast.Constant) and isinstance(g.value, str)}
    return codes


def test_the_scan_finds_the_checks_codes():
    assert {"empty-section", "ledger-mismatch", "missing-part", "read-error"} <= emitted_codes()


def test_every_code_a_check_can_emit_has_a_name():
    assert emitted_codes() | set(CHECKS) <= set(RULE_NAMES)


def test_no_name_is_left_for_a_rule_that_no_longer_exists():
    assert set(RULE_NAMES) <= emitted_codes() | set(CHECKS)


def test_names_are_short_chinese_and_distinct():
    assert len(set(RULE_NAMES.values())) == len(RULE_NAMES)
    assert all(2 <= len(name) <= 10 and not name.isascii() for name in RULE_NAMES.values())


def test_an_unknown_code_reads_as_itself():
    assert rule_name("ledger-mismatch") == "数据与台账不符"
    assert rule_name("no-such-rule") == "no-such-rule"
