"""``fazhi figures``: the unit-year's figures as JSON, from the configured database."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

from fazhi.cli import main
from fazhi.testing import BaseTestCase


class FiguresCommandTest(BaseTestCase):
    def run_cli(self, *argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(argv))
        return code, out.getvalue(), err.getvalue()

    def test_it_prints_the_figures_as_json(self):
        self.make_study(self.unit_a, form="lecture")
        self.make_study(self.unit_a, form="lecture")
        self.make_study(self.unit_b, form="lecture")
        code, out, _ = self.run_cli("figures", "--unit", "甲局", "--year", "2024", "--json")
        self.assertEqual(code, 0)
        figures = {f["indicator"]: f for f in json.loads(out)}
        self.assertEqual(
            figures["study.lecture"],
            {"indicator": "study.lecture", "name": "法治专题讲座次数", "value": 2, "unit": "次"},
        )
        self.assertIsNone(figures["proposal.reply_rate"]["value"])

    def test_it_says_so_when_the_unit_does_not_exist(self):
        code, _, err = self.run_cli("figures", "--unit", "不存在的单位", "--year", "2024")
        self.assertEqual(code, 2)
        self.assertIn("找不到单位“不存在的单位”", err)
