"""The .docx page as GB/T 9704-2012 measures it, read back from the rendered file.

Every measure is taken from the file's own XML (``w:pgSz``, ``w:pgMar``, ``w:docGrid``,
the styles and the footer) and compared with the standard's figures, written here by
hand in millimetres and counts: never with the renderer's constants, so a wrong
constant fails. Then the 落款 and 成文日期 (draft or approved) and, where LibreOffice
is installed, where they fall on the printed page.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from lxml import etree

from fazhi.reports.document import Document
from fazhi.reports.render import render_docx
from fazhi.reports.tests.test_render import NANKAI, convert_to_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NS = {"w": W[1:-1]}
TWIPS_PER_MM = 1440 / 25.4
FULL_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")

APPROVED = dataclasses.replace(NANKAI, signed_on=date(2025, 1, 20))
DRAFT = dataclasses.replace(NANKAI, signed_on=None)


def _parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        }


def _twips(element: etree._Element, attribute: str) -> int:
    return int(element.get(W + attribute))


def _mm(twips: float) -> float:
    return twips / TWIPS_PER_MM


@pytest.fixture(scope="module")
def parts() -> dict[str, etree._Element]:
    return _parts(render_docx(APPROVED))


@pytest.fixture(scope="module")
def sect_pr(parts) -> etree._Element:
    (sect_pr,) = parts["word/document.xml"].iter(W + "sectPr")
    return sect_pr


def _style(parts, style_id: str) -> etree._Element:
    (style,) = parts["word/styles.xml"].xpath(f'w:style[@w:styleId="{style_id}"]', namespaces=_NS)
    return style


def _type_area(sect_pr) -> tuple[int, int]:
    """版心 width and height in twips: the page less its margins, as the file states them."""
    size, margins = sect_pr.find(W + "pgSz"), sect_pr.find(W + "pgMar")
    width = _twips(size, "w") - _twips(margins, "left") - _twips(margins, "right")
    height = _twips(size, "h") - _twips(margins, "top") - _twips(margins, "bottom")
    return width, height


# -- page and type area ---------------------------------------------------------------


def test_the_page_is_a4_with_the_gbt9704_margins(sect_pr):
    size, margins = sect_pr.find(W + "pgSz"), sect_pr.find(W + "pgMar")
    assert _mm(_twips(size, "w")) == pytest.approx(210, abs=0.5)
    assert _mm(_twips(size, "h")) == pytest.approx(297, abs=0.5)
    assert size.get(W + "orient") in (None, "portrait")
    # GB/T 9704-2012 5.2.1: 天头 37 mm, 订口 28 mm; a 156 × 225 mm 版心 leaves 35 and 26.
    assert _mm(_twips(margins, "top")) == pytest.approx(37, abs=1)
    assert _mm(_twips(margins, "bottom")) == pytest.approx(35, abs=1)
    assert _mm(_twips(margins, "left")) == pytest.approx(28, abs=1)
    assert _mm(_twips(margins, "right")) == pytest.approx(26, abs=1)
    assert _twips(margins, "gutter") == 0
    width, height = _type_area(sect_pr)
    assert _mm(width) == pytest.approx(156, abs=1)
    assert _mm(height) == pytest.approx(225, abs=1)


def test_the_page_number_dash_sits_7mm_below_the_type_area():
    """GB/T 9704-2012 7.5: 一字线上距版心下边缘 7 mm.

    Word measures the footer distance (w:pgMar/@w:footer) from the paper's bottom
    edge to the foot of the footer; the page number's line is as high as its exact
    line spacing, and the 一字线 runs through its middle.
    """
    word = open_docx(io.BytesIO(render_docx(APPROVED)))
    sect_pr = word.sections[0]._sectPr
    margins = sect_pr.find(W + "pgMar")
    refs = {ref.get(W + "type"): ref.get(qn("r:id")) for ref in sect_pr.iter(W + "footerReference")}
    assert set(refs) == {"default", "even"}  # odd and even pages alike
    for rid in refs.values():
        (paragraph,) = word.part.related_parts[rid].element.iter(W + "p")
        spacing = paragraph.find(f"{W}pPr/{W}spacing")
        assert spacing.get(W + "lineRule") == "exact"  # a line as high as stated, whatever the font
        line_height = _twips(spacing, "line")
        foot = _twips(margins, "footer")
        dash = _mm(foot + line_height / 2)  # above the paper's bottom edge
        below_type_area = _mm(_twips(margins, "bottom")) - dash
        assert below_type_area == pytest.approx(7, abs=1)
        assert foot + line_height < _twips(margins, "bottom")  # wholly below the 版心
        assert _mm(foot) > 10  # and well inside the paper (printers' unprintable edge)


def test_the_grid_gives_22_lines_of_28_characters(parts, sect_pr):
    width, height = _type_area(sect_pr)
    grid = sect_pr.find(W + "docGrid")
    assert grid.get(W + "type") == "linesAndChars"
    line_pitch = _twips(grid, "linePitch")
    # Word's character pitch: the Normal style's size plus charSpace / 4096 pt.
    normal_size_pt = int(_style(parts, "Normal").find(f"{W}rPr/{W}sz").get(W + "val")) / 2
    char_pitch = (normal_size_pt + int(grid.get(W + "charSpace")) / 4096) * 20  # twips
    assert normal_size_pt == 16  # 3号
    assert height // line_pitch == 22
    assert width // char_pitch == 28


def test_every_paragraph_style_keeps_the_22_line_pitch(parts, sect_pr):
    _, height = _type_area(sect_pr)
    for style_id in ("Normal", "Title", "Heading1", "Heading2"):
        spacing = _style(parts, style_id).find(f"{W}pPr/{W}spacing")
        assert spacing.get(W + "lineRule") == "exact", style_id
        assert height // _twips(spacing, "line") == 22, style_id
        assert _twips(spacing, "before") == _twips(spacing, "after") == 0, style_id


def test_body_text_set_off_the_grid_fits_28_characters_and_not_29(parts, sect_pr):
    width, _ = _type_area(sect_pr)
    normal = _style(parts, "Normal")
    assert normal.find(f"{W}pPr/{W}snapToGrid").get(W + "val") == "0"
    size_pt = int(normal.find(f"{W}rPr/{W}sz").get(W + "val")) / 2
    scale = int(normal.find(f"{W}rPr/{W}w").get(W + "val")) / 100
    glyph = size_pt * scale * 20  # twips
    assert 28 * glyph <= width < 29 * glyph


# -- 落款, 成文日期, 草稿 -------------------------------------------------------------------


def _body(data: bytes) -> list[str]:
    return [p.text for p in open_docx(io.BytesIO(data)).paragraphs]


def test_an_approved_report_is_dated_in_arabic_numerals_and_not_marked_draft():
    data = render_docx(APPROVED)
    *_, blank, issuer, signed = _body(data)
    assert (blank, issuer, signed) == ("", "南开区政府办公室", "2025年1月20日")  # no leading zero
    word = open_docx(io.BytesIO(data))
    section = word.sections[0]
    assert section.header.is_linked_to_previous and section.even_page_header.is_linked_to_previous
    for name, root in _parts(data).items():
        assert "草稿" not in "".join(root.itertext()), name


def test_a_draft_is_marked_in_the_header_of_every_page_and_carries_no_date():
    data = render_docx(DRAFT)
    word = open_docx(io.BytesIO(data))
    section = word.sections[0]
    assert word.settings.odd_and_even_pages_header_footer
    assert section._sectPr.find(qn("w:titlePg")) is None  # page 1 takes the odd pages' header
    for header in (section.header, section.even_page_header):
        assert not header.is_linked_to_previous
        (paragraph,) = header.paragraphs
        assert paragraph.text == "草稿"
        assert paragraph.alignment == 2  # RIGHT
        for run in paragraph.runs:
            fonts = run._r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            assert fonts.get(qn("w:eastAsia")) == "黑体"
    body = _body(data)
    assert body[-2:] == ["", "南开区政府办公室"]
    assert not any(FULL_DATE.search(text) for text in body)
    assert "草稿" not in body  # in the header, not the text


def _keeps(paragraph) -> tuple[bool, bool]:
    def on(tag: str) -> bool:
        element = paragraph._p.pPr.find(qn(tag)) if paragraph._p.pPr is not None else None
        return element is not None and element.get(qn("w:val")) not in ("0", "false", "off")

    return on("w:keepNext"), on("w:keepLines")


@pytest.mark.parametrize(
    ("doc", "texts"),
    [(APPROVED, ["", "南开区政府办公室", "2025年1月20日"]), (DRAFT, ["", "南开区政府办公室"])],
    ids=["approved", "draft"],
)
def test_the_signature_is_kept_together_with_the_last_line_of_text(doc, texts):
    paragraphs = open_docx(io.BytesIO(render_docx(doc))).paragraphs
    last_text, *block = paragraphs[-len(texts) - 1 :]
    assert [p.text for p in block] == texts
    assert last_text.text.startswith("三是强化队伍建设")
    assert _keeps(last_text)[0]  # kept with the signature (and free to break: no keepLines)
    assert [_keeps(p)[0] for p in block] == [True] * (len(block) - 1) + [False]
    assert all(_keeps(p)[1] for p in block)  # none split


# -- LibreOffice: where the signature falls ---------------------------------------------


def _pdf_pages(pdf: Path) -> list[list[str]]:
    """Each page's lines, by pdftotext (pages end in a form feed), spaces removed."""
    command = [shutil.which("pdftotext") or "pdftotext", "-layout", str(pdf), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [[line.replace(" ", "") for line in page.splitlines() if line.strip()] for page in pages]


def _page_of(pages: list[list[str]], line: str) -> int:
    (found,) = [number for number, page in enumerate(pages, 1) if line in page]
    return found


def _without_keeps(data: bytes) -> bytes:
    """The same file with every w:keepNext and w:keepLines removed (headings' too)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = re.sub(rb"<w:keep(?:Next|Lines)/>", b"", content)
            target.writestr(item, content)
    return out.getvalue()


@pytest.mark.skipif(
    (shutil.which("soffice") is None or shutil.which("pdftotext") is None) and not os.environ.get("CI"),
    reason="LibreOffice and poppler-utils are not installed: apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk",
)
def test_libreoffice_never_leaves_the_date_alone_on_a_page(tmp_path):
    import pdfplumber

    # One-line paragraphs to fill the first page so that the 落款 takes its last line
    # and the date would be the first of the next: the count from the file's own grid.
    probe = _parts(render_docx(Document("测试单位2024年度法治政府建设情况报告", "测试单位")))
    (sect_pr,) = probe["word/document.xml"].iter(W + "sectPr")
    lines_per_page = _type_area(sect_pr)[1] // _twips(sect_pr.find(W + "docGrid"), "linePitch")
    title_lines = len(probe["word/document.xml"].xpath('//w:pStyle[@w:val="Title"]', namespaces=_NS))
    assert (lines_per_page, title_lines) == (22, 1)
    fill = lines_per_page - title_lines - 3  # 标题下空一行, 正文下空一行, 落款
    doc = Document(
        title="测试单位2024年度法治政府建设情况报告",
        issuer="测试单位",
        preamble=[f"第{n:02d}段，一行即止。" for n in range(1, fill + 1)],
        signed_on=date(2025, 1, 20),
    )
    data = render_docx(doc)
    (tmp_path / "kept.docx").write_bytes(data)
    (tmp_path / "loose.docx").write_bytes(_without_keeps(data))
    last_line, issuer, signed = f"第{fill:02d}段，一行即止。", "测试单位", "2025年1月20日"

    # Without the keeps the date does fall alone onto page 2: the case is the right one.
    loose = _pdf_pages(convert_to_pdf(tmp_path / "loose.docx", tmp_path))
    assert (_page_of(loose, last_line), _page_of(loose, issuer), _page_of(loose, signed)) == (1, 1, 2)

    kept_pdf = convert_to_pdf(tmp_path / "kept.docx", tmp_path)
    kept = _pdf_pages(kept_pdf)
    assert len(kept) == 2
    assert _page_of(kept, signed) == _page_of(kept, issuer) == _page_of(kept, last_line) == 2
    assert kept[1][:3] == [last_line, issuer, signed]  # the blank line between is no text line
    assert re.fullmatch(r"—1—", kept[0][-1]) and re.fullmatch(r"—2—", kept[1][-1])

    # The page number's 一字线 as printed: 7 mm (±1) below the 版心's lower edge,
    # 297 − 35 = 262 mm from the top of the paper.
    with pdfplumber.open(kept_pdf) as pdf:
        page = pdf.pages[0]
        dash = next(c for c in page.chars if c["text"] == "—" and c["top"] > page.height * 0.85)
        resolution = 1200
        image = page.crop((dash["x0"], dash["top"], dash["x1"], dash["bottom"])).to_image(
            resolution=resolution
        )
        pixels = image.original.convert("L")
        ink = [
            y for y in range(pixels.height) if any(pixels.getpixel((x, y)) < 128 for x in range(pixels.width))
        ]
        assert ink
        middle_mm = dash["top"] / 72 * 25.4 + (ink[0] + ink[-1]) / 2 / resolution * 25.4
        assert middle_mm - (297 - 35) == pytest.approx(7, abs=1)


@pytest.mark.skipif(
    (shutil.which("soffice") is None or shutil.which("pdftotext") is None) and not os.environ.get("CI"),
    reason="LibreOffice and poppler-utils are not installed: apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk",
)
def test_libreoffice_prints_draft_at_the_top_of_every_page_of_a_draft(tmp_path):
    doc = Document(
        title="测试单位2024年度法治政府建设情况报告",
        issuer="测试单位",
        preamble=[f"第{n:02d}段，一行即止。" for n in range(1, 41)],  # two pages
    )
    (tmp_path / "draft.docx").write_bytes(render_docx(doc))
    pages = _pdf_pages(convert_to_pdf(tmp_path / "draft.docx", tmp_path))
    assert len(pages) == 2
    assert [page[0] for page in pages] == ["草稿", "草稿"]
    assert not any(FULL_DATE.search(line) for page in pages for line in page)
