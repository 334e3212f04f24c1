"""The 政府信息公开工作年度报告 of the demo's seed unit from its records (issue 15): the three tables
with the seed's 58 requests, every identity holding, table 2 checked against 2023; the rendered
.docx read back by ``fazhi disclosure parse`` gives the same tables, and one changed cell fails
``fazhi disclosure check`` naming its table, row and column."""

from __future__ import annotations

import io
import json
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import docx
from django.test import TestCase

from fazhi.cli import main
from fazhi.demo.load import GOV_OFFICE, load_demo
from fazhi.disclosure.queries import disclosure_report
from fazhi.disclosurecheck.reading import read_tables
from fazhi.orgs.models import Unit
from fazhi.reports.render import render_docx


def fazhi(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        code = main(list(argv))
    return code, out.getvalue()


class DemoDisclosureReportTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(today=date(2026, 11, 24))
        cls.office = Unit.objects.get(name=GOV_OFFICE)

    def test_the_seed_units_tables_hold_its_58_requests_and_every_identity(self):
        code, out = fazhi("disclosure", "report", "--unit", GOV_OFFICE, "--year", "2024", "--json")
        self.assertEqual(code, 0, out)
        shown = json.loads(out)
        rows = {r["code"]: r["cells"] for r in shown["tables"]["table3"]["rows"]}
        self.assertEqual(rows["new"]["total"], 58)  # 参与处理信息公开申请58件
        self.assertEqual(
            rows["new"]["person"]
            + rows["new"]["business"]
            + rows["new"]["research"]
            + rows["new"]["charity"]
            + rows["new"]["legal"]
            + rows["new"]["other_org"],
            58,
        )
        self.assertEqual(rows["results_total"]["total"] + rows["carried_out"]["total"], 58)
        self.assertEqual(shown["checks"], {"passed": True, "failures": []})
        self.assertTrue(shown["compared_with_previous_year"])
        table2 = {r["code"]: r["cells"] for r in shown["tables"]["table2"]["rows"]}
        self.assertEqual((table2["normdocs"]["issued"], table2["normdocs"]["in_force"]), (106, 318))

    def test_the_rendered_docx_reads_back_the_same_and_one_changed_cell_is_named(self):
        report = disclosure_report(self.office, 2024)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "年报.docx"
            path.write_bytes(render_docx(report.document()))
            read = read_tables(path)
            for written, back in zip(report.tables, read, strict=True):
                with self.subTest(table=written.number):
                    self.assertEqual(
                        {k: v for k, v in back.cells.items() if v},
                        {k: v for k, v in written.cells.items() if v},
                    )
            self.assertEqual(fazhi("disclosure", "check", str(path))[0], 0)

            word = docx.Document(str(path))
            table3 = word.tables[1]
            row = next(r for r in table3.rows if r.cells[0].text.strip().endswith("（一）予以公开"))
            row.cells[1].text = str(int(row.cells[1].text) + 1)  # 自然人
            changed = Path(tmp) / "改过的年报.docx"
            word.save(str(changed))
            code, out = fazhi("disclosure", "check", str(changed))
        self.assertEqual(code, 1, out)
        self.assertIn("表三", out)
        self.assertIn("自然人", out)
