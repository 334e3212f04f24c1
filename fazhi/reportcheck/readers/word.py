"""Word (.docx) reports: paragraphs and table cells in order, with Word's outline levels.

Heading styles give the structure directly (Heading 1 → part, Heading 2 → section),
and list numbering is rendered back into the text as Word displays it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import ReportReadError
from .numbering import Numbering
from .source import SourceLine

NOT_DOCX = "不是有效的 Word 文档（.docx）：文件可能是改了扩展名的其他文件或旧版 .doc 文件，请用 Word 另存为 .docx 后再试"
CORRUPT = "Word 文档已损坏，无法读取：请用 Word 打开后重新保存为 .docx 再试"

_HEADING = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def read_docx(path: Path) -> list[SourceLine]:
    if not zipfile.is_zipfile(path):
        raise ReportReadError(NOT_DOCX)
    try:
        import docx  # deferred: only .docx input pays for importing python-docx

        document = docx.Document(str(path))
        return list(_lines(document))
    except ReportReadError:
        raise
    except Exception as exc:  # python-docx raises KeyError, lxml and zip errors alike on damage
        raise ReportReadError(CORRUPT) from exc


def _lines(document: Any) -> Iterator[SourceLine]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = Numbering.of(document)
    number = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            number += 1
            line = _paragraph_line(Paragraph(child, document), number, numbering)
            if line is not None:
                yield line
        elif tag == "tbl":
            for text in _table_texts(Table(child, document)):
                number += 1
                yield SourceLine(text, number)


def _paragraph_line(paragraph: Any, number: int, numbering: Numbering) -> SourceLine | None:
    label = numbering.label(paragraph)
    text = (label + paragraph.text).strip()
    if not text:
        return None
    return SourceLine(text, number, _level(paragraph))


def _level(paragraph: Any) -> int | None:
    style = paragraph.style
    name = style.name if style is not None else ""
    if name in ("Title", "标题"):
        return 0
    match = _HEADING.match(name or "")
    if match:
        return int(match.group(1))
    from docx.oxml.ns import qn

    ppr = paragraph._p.pPr
    outline = None if ppr is None else ppr.find(qn("w:outlineLvl"))
    if outline is not None and outline.get(qn("w:val"), "9").isdigit():
        level = int(outline.get(qn("w:val")))
        return level + 1 if level < 9 else None  # 9 is Word's "body text"
    return None


def _table_texts(table: Any) -> Iterator[str]:
    # Merged cells repeat across the grid. Keep the cell elements themselves: an id()
    # of a proxy that was let go can be reused by the next cell, dropping its text.
    seen: set[Any] = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            text = cell.text.strip()
            if text:
                yield text
