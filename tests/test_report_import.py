"""A report written in Word becomes the unit's editable report (issue 10): the seed round trip.

On the demo database with the seed unit's own 2024 report removed first, ``fazhi report import``
of the real report and ``fazhi report show --json`` give back the seed's parts, sections,
headings and every paragraph in order, with its figures bound to the ledger; the words are not
changed (the checker still finds the seed's own defects in the rendered report).
"""

from __future__ import annotations

import io
import json
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

from django.test import TestCase

from fazhi.cli import main
from fazhi.demo.load import GOV_OFFICE, INVESTMENT, load_demo
from fazhi.orgs.models import Unit
from fazhi.reportcheck import check_report, parse_file
from fazhi.reports.models import Report
from fazhi.testing import GOV_OFFICE_SEED, INVESTMENT_SEED

SEED_001 = GOV_OFFICE_SEED  # 南开区政府办公室
SEED_000 = INVESTMENT_SEED  # 南开区投资促进局


def fazhi(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        code = main(list(argv))
    return code, out.getvalue()


def remove_report(unit: Unit, year: int) -> None:
    """The demo's report of the unit-year and what the campaign and portal keep of it."""
    from django.db import connection

    from fazhi.campaigns.models import Campaign
    from fazhi.campaigns.publication_models import Publication, SecrecyReview

    # A publication is frozen for the platform's code; the copy of the database is not.
    from fazhi.portal.models import SearchEntry

    SearchEntry.objects.filter(publication__year=year).delete()
    Publication.objects.filter(year=year)._raw_delete(connection.alias)
    SecrecyReview.objects.filter(report__year=year).delete()
    Campaign.objects.filter(year=year).delete()
    Report.objects.filter(unit=unit, year=year, genre="law").delete()


def seed_paragraphs(path: Path) -> list[str]:
    """The seed's lines without its title lines (the title is computed from unit and year)."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[2:]  # "…2024年度法治政府建设" / "情况报告"


class SeedImportTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(today=date(2026, 11, 24))
        cls.office = Unit.objects.get(name=GOV_OFFICE)
        cls.investment = Unit.objects.get(name=INVESTMENT)

    def show(self, unit: Unit) -> dict:
        code, out = fazhi("report", "show", "--unit", unit.name, "--year", "2024", "--json")
        self.assertEqual(code, 0, out)
        return json.loads(out)

    def test_seed_001_comes_back_as_the_seed_has_it_with_its_figures_bound(self):
        remove_report(self.office, 2024)
        code, out = fazhi("report", "import", str(SEED_001), "--unit", GOV_OFFICE, "--year", "2024")
        self.assertEqual(code, 0, out)
        self.assertIn(
            "“在加快职能转变上下功夫，推进政府依法履职各项工作走深走实”原无序号，现按顺序编为（二）", out
        )
        shown = self.show(self.office)
        self.assertEqual(shown["status"], "draft")
        parts = shown["parts"]
        self.assertEqual([p["kind"] for p in parts], ["measures", "shortcomings", "leadership", "plan"])
        self.assertEqual(
            parts[2]["heading"],
            "2024年政府办公室主要负责人履行推进法治政府建设第一责任人职责、加强法治政府建设有关情况",
        )
        self.assertEqual(
            [s["number"] + s["heading"] for s in parts[0]["sections"]],
            [
                "（一）在学深悟透上下功夫，不断提升法治南开建设的思想自觉",
                "（二）在加快职能转变上下功夫，推进政府依法履职各项工作走深走实",
                "（三）在聚焦法治引领上下功夫，不断提升各项工作取得新成效",
            ],
        )
        # Parts 二 to 四 are 一是/二是 paragraphs: no titled sections, the words as written.
        self.assertEqual([s["heading"] for s in parts[1]["sections"]], [""])
        self.assertTrue(parts[1]["sections"][0]["text"].startswith("一是深学笃行习近平法治思想还需持续用力"))

        stream = [shown["preamble"]]
        for part in parts:
            stream.append(part["number"] + part["heading"])
            for section in part["sections"]:
                if section["heading"]:
                    stream.append(section["number"] + section["heading"])
                stream.append(section["text"])
        written = "\n".join(stream).split("\n")
        seed = seed_paragraphs(SEED_001)
        in_order, position = 0, 0
        for paragraph in seed:
            if paragraph in written[position:]:
                position = written.index(paragraph, position) + 1
                in_order += len(paragraph)
        total = sum(len(p) for p in seed)
        # Only the unnumbered heading gained its number: everything else is there, in order.
        self.assertGreaterEqual(in_order / total, 0.99)
        missing = [p for p in seed if p not in written]
        self.assertEqual(missing, ["在加快职能转变上下功夫，推进政府依法履职各项工作走深走实"])

        figures = [f for p in parts for s in p["sections"] for f in s["figures"]]
        self.assertGreaterEqual(len(figures), 20)
        self.assertEqual([f for f in figures if f["value"] != f["ledger"]], [])

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "rendered.txt"
            code, out = fazhi(
                "report", "draft", "--unit", GOV_OFFICE, "--year", "2024", "--format", "txt", "-o", str(path)
            )
            self.assertEqual(code, 0, out)
            findings = check_report(parse_file(path))
        cut = [f for f in findings if f.rule == "truncated-law-name"]
        self.assertEqual(len(cut), 2)  # the seed's own two "中华人民共和国" without a law name

    def test_seed_000_keeps_its_wrong_plan_year_and_the_checker_reports_it(self):
        remove_report(self.investment, 2024)
        code, out = fazhi("report", "import", str(SEED_000), "--unit", INVESTMENT, "--year", "2024")
        self.assertEqual(code, 0, out)
        shown = self.show(self.investment)
        self.assertEqual([len(p["sections"]) for p in shown["parts"]], [5, 3, 3, 3])
        self.assertEqual(shown["parts"][3]["heading"], "2024年推进法治政府建设的主要安排")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "rendered.txt"
            fazhi(
                "report", "draft", "--unit", INVESTMENT, "--year", "2024", "--format", "txt", "-o", str(path)
            )
            rules = {f.rule for f in check_report(parse_file(path))}
        self.assertIn("plan-year", rules)

    def test_an_approved_report_is_not_overwritten(self):
        report = Report.objects.get(unit=self.office, year=2024, genre="law")
        before = (report.status, list(report.sections.values_list("text", flat=True)))
        code, out = fazhi("report", "import", str(SEED_000), "--unit", GOV_OFFICE, "--year", "2024")
        self.assertEqual(code, 2)
        self.assertIn("不能用导入覆盖", out)
        report.refresh_from_db()
        self.assertEqual((report.status, list(report.sections.values_list("text", flat=True))), before)
