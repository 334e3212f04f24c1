"""Word (.docx) reports: paragraphs and table cells in order, with Word's outline levels.

Heading styles give the structure directly (Heading 1 → part, Heading 2 → section),
and list numbering is rendered back into the text as Word displays it.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fazhi.lib.archives import ArchiveRefused, check_zip, count_tags

from ..errors import ReportReadError
from .numbering import Numbering
from .source import MAX_PARAGRAPHS, Deadline, SourceLine, too_many_paragraphs

NOT_DOCX = "不是有效的 Word 文档（.docx）：文件可能是改了扩展名的其他文件或旧版 .doc 文件，请用 Word 另存为 .docx 后再试"
CORRUPT = "Word 文档已损坏，无法读取：请用 Word 打开后重新保存为 .docx 再试"

TOO_COMPLEX = "Word 文档的内容过于庞杂（XML 元素过多），远超一份年度报告，已停止读取：请确认文件是否正确"
# What the parts of a report .docx may unpack to: its text is a few hundred KB, photos stay packed
# as they are; a 1 MB file whose document part unpacks to 1 GB is refused unread.
MAX_UNPACKED = 100 * 1024 * 1024
# python-docx holds each part as one tree: a long report's document part has some 100,000 elements.
MAX_ELEMENTS = 1_000_000

_HEADING = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def read_docx(path: Path) -> list[SourceLine]:
    if not zipfile.is_zipfile(path):
        raise ReportReadError(NOT_DOCX)
    _inspect(path)
    deadline = Deadline()
    try:
        import docx  # deferred: only .docx input pays for importing python-docx

        document = docx.Document(str(path))
        return list(_lines(document, deadline))
    except ReportReadError:
        raise
    except Exception as exc:  # python-docx raises KeyError, lxml and zip errors alike on damage
        raise ReportReadError(CORRUPT) from exc


def _inspect(path: Path) -> None:
    """Before python-docx parses a part (it parses every XML part at opening, into one tree each):
    the zip's stated sizes (a zip bomb), a DTD in any part (entity expansion), and how many
    paragraphs and elements its XML holds, counted on the unpacked stream without parsing it."""
    with path.open("rb") as handle:
        try:
            parts = check_zip(handle, max_unpacked=MAX_UNPACKED)
        except ArchiveRefused as exc:
            raise ReportReadError(
                CORRUPT if exc.code == "bad-zip" else f"Word 文档已被拒绝：{exc.message}"
            ) from exc
        try:
            with zipfile.ZipFile(handle) as archive:
                paragraphs = elements = 0
                for name in parts:
                    if not name.lower().endswith((".xml", ".rels")):
                        continue
                    limits = {"*": MAX_ELEMENTS - elements, "p": MAX_PARAGRAPHS - paragraphs}
                    counts = count_tags(archive, name, limits)
                    paragraphs, elements = paragraphs + counts["p"], elements + counts["*"]
                    if paragraphs > MAX_PARAGRAPHS:
                        raise too_many_paragraphs(MAX_PARAGRAPHS)
                    if elements > MAX_ELEMENTS:
                        raise ReportReadError(TOO_COMPLEX)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise ReportReadError(CORRUPT) from exc


def _lines(document: Any, deadline: Deadline) -> Iterator[SourceLine]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = Numbering.of(document)
    number = 0
    for child in document.element.body.iterchildren():
        deadline.check()
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
