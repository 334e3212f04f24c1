"""A region's consolidated disclosure report against the sum of its units (``fazhi disclosure region``).

By hand: 甲局 has 2 requests received in 2024 (one answered 予以公开, one open), 乙局 1 (予以公开),
丙局 (another region) 5, not counted: the region's 本年新收 is 3, 予以公开 2, 结转下年度 1."""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from fazhi.cli import main
from fazhi.disclosure.genre import DISCLOSURE
from fazhi.disclosure.region import region_tables
from fazhi.disclosure.render import doc_table
from fazhi.records.models import DisclosureRequest
from fazhi.reports import actions
from fazhi.reports.compose import build_document
from fazhi.reports.render import render_docx
from fazhi.testing import BaseTestCase


def fazhi(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        code = main(list(argv))
    return code, out.getvalue()


def consolidated_docx(tables, path: Path) -> Path:
    parts = {"proactive": tables.table2, "requests": tables.table3, "cases": tables.table4}
    document = build_document(
        unit_name="天津市南开区人民政府",
        year=2024,
        preamble="",
        sections=[],
        genre=DISCLOSURE,
        tables={kind: [doc_table(table)] for kind, table in parts.items()},
    )
    path.write_bytes(render_docx(document))
    return path


class RegionSumTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for unit, on, reply, replied in (
            (cls.unit_a, dt.date(2024, 3, 1), "public", dt.date(2024, 3, 8)),
            (cls.unit_a, dt.date(2024, 12, 20), "", None),
            (cls.unit_b, dt.date(2024, 5, 1), "public", dt.date(2024, 5, 9)),
            *((cls.unit_c, dt.date(2024, 6, d), "public", dt.date(2024, 6, 20)) for d in range(1, 6)),
        ):
            DisclosureRequest.objects.create(
                unit=unit, date=on, title=f"申请{unit.pk}{on}", applicant_type="person", reply_type=reply,
                replied_on=replied,
            )  # fmt: skip

    def test_the_sum_of_the_regions_units_counted_by_hand(self):
        summed = region_tables(self.region1, 2024).summed.table3
        self.assertEqual(summed.get("new", "total"), 3)
        self.assertEqual(summed.get("public", "person"), 2)
        self.assertEqual(summed.get("carried_out", "total"), 1)

    def test_an_approved_unit_counts_with_its_approved_tables(self):
        report = actions.do_create_report(
            unit=self.unit_a, year=2024, acting_user=self.zhang, genre="disclosure"
        )
        actions.do_submit_report(report, acting_user=self.zhang)
        actions.do_approve_report(report, acting_user=self.li)
        DisclosureRequest.objects.create(  # recorded after approval: not in the approved report
            unit=self.unit_a, date=dt.date(2024, 7, 1), title="晚录", applicant_type="person"
        )
        totals = region_tables(self.region1, 2024)
        self.assertEqual(totals.summed.table3.get("new", "total"), 3)
        self.assertEqual([u.source for u in totals.units], ["第1版（已审定）", "台账（尚无审定的报告）"])

    def test_the_governments_report_checked_cell_by_cell(self):
        summed = region_tables(self.region1, 2024).summed
        with tempfile.TemporaryDirectory() as tmp:
            right = consolidated_docx(summed, Path(tmp) / "区政府年报.docx")
            code, out = fazhi(
                "disclosure", "region", "--region", "南开区", "--year", "2024", "--against", str(right)
            )
            self.assertEqual(code, 0, out)
            self.assertIn("逐格一致", out)
            summed.table3.set("public", "person", 3)  # one more than the units' 2
            wrong = consolidated_docx(summed, Path(tmp) / "错的年报.docx")
            code, out = fazhi(
                "disclosure",
                "region",
                "--region",
                "南开区",
                "--year",
                "2024",
                "--against",
                str(wrong),
                "--json",
            )
            broken = Path(tmp) / "坏.docx"
            broken.write_bytes(b"not a docx")
            code_broken, out_broken = fazhi(
                "disclosure", "region", "--region", "南开区", "--year", "2024", "--against", str(broken)
            )
        self.assertEqual(code, 1, out)
        failures = json.loads(out)["checks"]["failures"]
        cells = {(f["table"], f["row"], f["column"]) for f in failures}
        self.assertIn((3, "public", "person"), cells)
        self.assertTrue(all(f["table"] == 3 for f in failures))
        self.assertIn("2个单位的年度报告之和为2", failures[0]["message"])
        self.assertEqual(code_broken, 2, out_broken)
        self.assertIn("Word", out_broken)
