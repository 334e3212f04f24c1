"""``fazhi figures``: the unit-year's figures as JSON, from the configured database;
``fazhi records import``: an Excel file into a unit's ledger, with the import page's summary."""

from __future__ import annotations

import io
import json
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from fazhi.cli import main
from fazhi.records.models import StudySession
from fazhi.testing import BaseTestCase

from .test_import_export import STUDY_HEADER, xlsx


class CommandTestCase(BaseTestCase):
    def run_cli(self, *argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(argv))
        return code, out.getvalue(), err.getvalue()


class FiguresCommandTest(CommandTestCase):
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


class ImportCommandTest(CommandTestCase):
    ROWS = [
        ["2024-03-12", "常务会议学习行政复议法", "政府常务会议集体学法", "", "", 24, "否", ""],
        ["2024-04-18", "法治专题讲座", "法治专题讲座", "", "区长", 86, "是", ""],
    ]

    def file(self, rows) -> str:
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        path = Path(folder.name) / "学法.xlsx"
        path.write_bytes(xlsx([STUDY_HEADER, *rows]).read())
        return str(path)

    def import_(self, rows, user="zhang") -> tuple[int, str, str]:
        return self.run_cli(
            "records", "import", self.file(rows), "--unit", "甲局", "--kind", "study", "--user", user
        )

    def test_it_imports_then_updates_and_says_how_many_rows_of_each(self):
        code, out, _ = self.import_(self.ROWS)
        self.assertEqual(
            (code, out), (0, "甲局学法活动导入完成：新增 2 条，更新 0 条，未变 0 条（以 zhang 的名义）。\n")
        )
        changed = [self.ROWS[0], [*self.ROWS[1][:5], 90, *self.ROWS[1][6:]]]
        code, out, _ = self.import_(changed, user="li")
        self.assertEqual(
            (code, out), (0, "甲局学法活动导入完成：新增 0 条，更新 1 条，未变 1 条（以 li 的名义）。\n")
        )
        lecture = StudySession.objects.get(unit=self.unit_a, title="法治专题讲座")
        self.assertEqual((lecture.attendees, lecture.history.first().history_user), (90, self.li))

    def test_a_bad_row_imports_nothing_and_is_named(self):
        bad = ["2024-13-45", "日期错误", "法治专题讲座", "", "", 5, "否", ""]
        code, out, err = self.import_([*self.ROWS, bad])
        self.assertEqual((code, out), (2, ""))
        self.assertEqual(
            err.splitlines(),
            [
                "第4行“日期”列：“2024-13-45”不是有效日期，应写成 2024-03-15 的形式",
                "错误：文件中有1行数据有误，未导入任何数据。",
            ],
        )
        self.assertFalse(StudySession.objects.exists())

    def test_the_user_must_be_a_writer_of_the_unit(self):
        code, _, err = self.import_(self.ROWS, user="wang")
        self.assertEqual(code, 2)
        self.assertIn("错误：单位不存在或无权查看。", err)
        code, _, err = self.import_(self.ROWS, user="han")
        self.assertIn("错误：只有本单位的填报员或主要负责人可以进行此操作。", err)
        code, _, err = self.import_(self.ROWS, user="无此人")
        self.assertIn("错误：找不到用户“无此人”。", err)
        self.assertFalse(StudySession.objects.exists())
