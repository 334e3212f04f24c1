"""Regenerate ``fixtures/001_from_docx.pdf``: seed 001 laid out in Word, printed by LibreOffice.

Run ``python -m fazhi.reportcheck.tests.make_pdf_fixture`` where ``libreoffice``
and a Chinese font are installed (Debian: libreoffice-writer-nogui,
fonts-wqy-zenhei). The PDF is committed so the tests need neither.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

FIXTURES = Path(__file__).parent / "fixtures"
FONT = "WenQuanYi Zen Hei"


def _layout(source: Path, target: Path) -> None:
    """3号 body, two-character first-line indent, justified, "— n —" page numbers (GB/T 9704)."""
    lines = [line.strip() for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    document = Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = FONT
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    footer._p.append(
        parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    )
    footer.add_run(" —")
    for index, line in enumerate(lines):
        paragraph = document.add_paragraph(line)
        if index < 2:  # the title, over two centred lines as in the seed
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Pt(32)
    document.save(str(target))


def main() -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        raise SystemExit("需要 libreoffice：apt-get install libreoffice-writer-nogui fonts-wqy-zenhei")
    with tempfile.TemporaryDirectory() as tmp:
        docx_path = Path(tmp) / "001_from_docx.docx"
        _layout(FIXTURES / "001_e556737ff1ee303e.txt", docx_path)
        subprocess.run(  # noqa: S603 (our own argument list, no shell)
            [office, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx_path)],
            check=True,
            capture_output=True,
        )
        shutil.copy(Path(tmp) / "001_from_docx.pdf", FIXTURES / "001_from_docx.pdf")


if __name__ == "__main__":
    main()
