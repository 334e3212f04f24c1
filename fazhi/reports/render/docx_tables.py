"""A document's tables in Word: the printed layout with merged cells, single black borders, the
type area's width (156 mm) shared among the columns, text centred except the row labels."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt

from ..document import Cell, DocTable

TEXT_WIDTH_MM = 156  # the 公文 type area

_BORDERS = (
    f"<w:tblBorders {nsdecls('w')}>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)


def add_table(word, table: DocTable) -> None:
    rows = table.rows
    width = max(sum(span for _t, span, _r in row) for row in rows)
    label = table.label_mm
    widths = (
        [Mm(label)] + [Mm((TEXT_WIDTH_MM - label) / (width - 1))] * (width - 1)
        if label
        else [Mm(TEXT_WIDTH_MM / width)] * width
    )
    grid = word.add_table(rows=0, cols=width)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    grid._tbl.tblPr.append(parse_xml(_BORDERS))
    for column, column_width in zip(grid.columns, widths, strict=True):
        column.width = column_width  # the grid LibreOffice and WPS lay out by
    for _ in rows:
        grid.add_row()
    for r, c, text, span, down in place(rows):
        cell = grid.cell(r, c)
        if span > 1 or down > 1:
            cell = cell.merge(grid.cell(r + down - 1, c + span - 1))
        cell.text = text
    size = Pt(table.font_pt)
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row.cells):
            cell.width = widths[c]
            for paragraph in cell.paragraphs:
                fmt = paragraph.paragraph_format
                fmt.first_line_indent = Pt(0)
                fmt.line_spacing = 1.0
                fmt.space_before = fmt.space_after = Pt(0)
                label_cell = c == 0 and label and r >= table.label_from
                fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT if label_cell else WD_ALIGN_PARAGRAPH.CENTER
                for run in paragraph.runs:
                    run.font.size = size


def place(rows: list[list[Cell]]) -> list[tuple[int, int, str, int, int]]:
    """Each cell at its grid position, skipping the places cells above cover (row spans)."""
    covered: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(rows):
        c = 0
        for text, span, down in row:
            while (r, c) in covered:
                c += 1
            out.append((r, c, text, span, down))
            covered |= {(r + k, c + j) for k in range(down) for j in range(span)}
            c += span
    return out
