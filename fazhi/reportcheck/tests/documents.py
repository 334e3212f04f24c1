"""Build Word and PDF test files in code (python-docx; a hand-written PDF for the scanned case)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

# One list, two levels, as Word's "一、 / （一）" outline numbering writes it.
_ABSTRACT = f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:pStyle w:val="Heading1"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""
_NUM = f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def _numbered(document: Document) -> None:
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_ABSTRACT))  # abstractNum elements come before num elements
    numbering.append(parse_xml(_NUM))
    # Heading 1 is numbered through its style, as Word's multilevel list links it.
    heading1 = document.styles["Heading 1"].element.get_or_add_pPr()
    heading1.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="90"/></w:numPr>'))


def _number_paragraph(paragraph: object, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))


def make_docx(
    path: Path,
    title: list[str],
    parts: list[tuple[str, list[tuple[str, str]]]],
    *,
    preamble: str = "",
    numbering: bool = True,
    table: list[list[str]] | None = None,
) -> Path:
    """A report in Word: Title style, Heading 1 parts, Heading 2 sections, Normal body.

    With ``numbering`` the "一、" and "（一）" come from Word list numbering (not typed);
    without it they must be typed into ``parts``' headings.
    """
    document = Document()
    if numbering:
        _numbered(document)
    for line in title:
        document.add_paragraph(line, style="Title")
    if preamble:
        document.add_paragraph(preamble)
    for heading, sections in parts:
        document.add_paragraph(heading, style="Heading 1")
        for section_heading, body in sections:
            paragraph = document.add_paragraph(section_heading, style="Heading 2")
            if numbering:
                _number_paragraph(paragraph, 1)
            document.add_paragraph(body)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    document.save(str(path))
    return path


def make_blank_pdf(path: Path) -> Path:
    """A one-page PDF whose page holds only a drawn rectangle: what a scan without OCR offers."""
    content = b"0 0 0 rg 100 100 300 400 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
