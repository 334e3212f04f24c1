"""Record → report → .docx → report engine: what the platform writes, it reads back.

For every demo unit, the 2024 report rendered as .docx parses into the four statutory
parts with the figures the ledger gives, and the checker with the ledger finds no error.
The seed units' drafts state every figure of their real reports with the seed's value.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from django.test import TestCase

from fazhi.demo.load import GOV_OFFICE, INVESTMENT, load_demo
from fazhi.orgs.models import Unit
from fazhi.records.figures import figures_by_code
from fazhi.reportcheck import CheckOptions, check_report, parse_file
from fazhi.reports.checking import ledger_of
from fazhi.reports.queries import current_document
from fazhi.reports.render import render_docx

from .test_seed_figures import GOV_OFFICE_FIGURES, INVESTMENT_FIGURES


class RoundTripTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(today=date(2026, 11, 24))

    def parsed(self, unit: Unit):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "report.docx"
            path.write_bytes(render_docx(current_document(unit, 2024)))
            return parse_file(path)

    def test_every_demo_units_docx_reads_back_with_its_ledger_figures_and_no_error(self):
        for unit in Unit.objects.filter(is_supervisor_office=False, region__name="天津市南开区"):
            with self.subTest(unit=unit.name):
                report = self.parsed(unit)
                self.assertEqual((report.unit, report.year), (unit.name, 2024))
                self.assertEqual(
                    [p.kind for p in report.parts], ["measures", "shortcomings", "leadership", "plan"]
                )
                ledger = figures_by_code(unit.pk, 2024)
                stated = {(f.indicator, f.value) for f in report.figures if f.indicator}
                self.assertTrue(stated)
                for code, value in stated:
                    self.assertEqual(ledger[code], value, code)
                errors = [
                    f
                    for f in check_report(report, CheckOptions(ledger=ledger_of(unit.pk, 2024)))
                    if f.severity == "error"
                ]
                self.assertEqual(errors, [])

    def test_the_seed_units_drafts_state_every_seed_figure_with_the_seeds_value(self):
        for name, expected in ((GOV_OFFICE, GOV_OFFICE_FIGURES), (INVESTMENT, INVESTMENT_FIGURES)):
            report = self.parsed(Unit.objects.get(name=name))
            stated = {(f.indicator, f.value) for f in report.figures}
            for code, value, _sentence in expected:
                with self.subTest(unit=name, code=code):
                    self.assertIn((code, value), stated)
