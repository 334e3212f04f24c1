"""The PDF of a published report: made from the published .docx by LibreOffice, its text
extractable, its CJK fonts embedded (pdffonts), its hash recorded; page 1 kept as an artefact."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess  # noqa: S404 - poppler's tools on our own file
import tempfile
from pathlib import Path

import pytest
from django.test import override_settings

from fazhi.campaigns.publication_models import Publication
from fazhi.portal.tests.test_publication import PublicationTestCase

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
TOOLS = all(shutil.which(t) for t in ("soffice", "pdffonts", "pdftotext", "pdftoppm"))


def poppler(tool: str, *args: str) -> str:
    """Run one of poppler-utils' tools (found on PATH by ``TOOLS``) on our own file."""
    command = [shutil.which(tool) or tool, *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603


@pytest.mark.skipif(not TOOLS, reason="LibreOffice 与 poppler-utils 未安装（make test 会安装）")
class PublishedPdfTest(PublicationTestCase):
    @override_settings(FAZHI_PUBLISH_PDF=True)
    def test_the_pdf_is_made_from_the_docx_with_its_fonts_embedded(self):
        self.review()
        with self.captureOnCommitCallbacks(execute=True):
            publication = self.publish()
        publication = Publication.objects.get(pk=publication.pk)
        self.assertEqual(publication.pdf_error, "")
        pdf = publication.pdf.read()
        self.assertEqual(publication.pdf_sha256, hashlib.sha256(pdf).hexdigest())
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "report.pdf"
            path.write_bytes(pdf)
            text = poppler("pdftotext", str(path), "-")
            self.assertIn("甲局2024年度法治政府建设情况报告", text.replace("\n", "").replace(" ", ""))
            fonts = poppler("pdffonts", str(path))
            rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
            self.assertTrue(rows, fonts)
            # Columns: name type encoding emb sub uni object ID; every font embedded, CJK ones among them.
            self.assertTrue(all("yes" in row[-5:-2] for row in rows), fonts)
            cjk = [row for row in rows if re.search(r"CJK|UKai|Ming|Song|Kai|Hei|Fang", row[0])]
            self.assertTrue(cjk, fonts)  # the Chinese text is set in an embedded CJK font
            ARTIFACTS.mkdir(exist_ok=True)
            poppler(
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(path),
                str(ARTIFACTS / "published-report"),
            )
        page = Publication.objects.get(pk=publication.pk)
        self.assertEqual(page.sha256, publication.sha256)  # adding the PDF changed nothing else

    def test_without_libreoffice_the_reason_is_recorded_and_the_page_offers_the_docx(self):
        from unittest import mock

        from fazhi.campaigns.publishing import make_publication_pdf

        self.review()
        publication = self.publish()
        with mock.patch("fazhi.lib.office.shutil.which", return_value=None):
            make_publication_pdf.call(publication.pk)
        publication.refresh_from_db()
        self.assertIn("LibreOffice", publication.pdf_error)
        page = self.client.get(f"/public/units/{self.unit_a.pk}/2024/").content.decode()
        self.assertIn("Word 版", page)
        self.assertIn("PDF 版生成中", page)
