"""PDF reports with a text layer: lines re-joined into paragraphs.

A PDF stores visual lines. A line that runs to the right edge and is followed by
an unindented line continues the same paragraph; headings are short and stand
alone, and a new paragraph starts indented (公文: two characters).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fazhi.lib.isolated import IsolatedError, run_isolated

from ..errors import ReportReadError
from .source import MAX_PARAGRAPHS, READ_SECONDS, Deadline, SourceLine, too_many_paragraphs

NOT_PDF = "不是有效的 PDF 文件：文件可能已损坏或改了扩展名"
CORRUPT = "PDF 文件已损坏或已加密，无法读取：请提供未加密的 PDF，或原始 .docx 文件"
# A yearly report runs to a few dozen pages; reading stops beyond this.
MAX_PAGES = 500
MAX_MEMORY = 1024 * 1024 * 1024  # what pdfplumber may take beyond this process, reading one file
TOO_BIG = "读取该 PDF 所需的内存超过上限，已停止：文件可能经过特殊构造，请提供原始 .docx 文件"
NO_TEXT = "PDF 中没有可提取的文字（可能是扫描件）：请提供由 Word 导出的 PDF 或原始 .docx 文件，或先进行文字识别（OCR）"

_PAGE_NUMBER = re.compile(r"^[-—–－\s]*\d{1,4}[-—–－\s]*$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$")
# Gaps the layout put between Chinese characters, or between Chinese and Western
# text (Word's and LibreOffice's "autospace"), are not in the text itself.
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}0-9A-Za-z%])|(?<=[{_CJK}0-9A-Za-z%])\s+(?=[{_CJK}])")
_STARTS_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])"
)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    char_width: float
    left: float  # page's left text margin
    right: float  # page's right text edge


def read_pdf(path: Path) -> list[SourceLine]:
    with path.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF"):
            raise ReportReadError(NOT_PDF)
    import pdfplumber  # noqa: F401 - imported once here (only .pdf input pays), each child starts with it

    try:
        pages = run_isolated(lambda: _extract(path, MAX_PAGES), seconds=READ_SECONDS, memory=MAX_MEMORY)
    except IsolatedError as exc:
        raise ReportReadError(_trouble(exc)) from exc
    visual = [line for raw in pages for line in _page_lines(raw)]
    if not visual:
        raise ReportReadError(NO_TEXT)
    paragraphs = _paragraphs(visual)
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise too_many_paragraphs()
    return paragraphs


def _trouble(exc: IsolatedError) -> str:
    if exc.error == "TooManyPages":
        return f"PDF 超过 {MAX_PAGES} 页，远超一份年度报告的篇幅，已停止读取：请确认文件是否正确"
    if exc.kind == "timeout":
        return Deadline(READ_SECONDS).exceeded().message
    if exc.kind == "memory":
        return TOO_BIG
    return CORRUPT  # pdfminer raises many unrelated types on damaged or encrypted files


class TooManyPages(Exception):
    pass


def _extract(path: Path, max_pages: int) -> list[list[dict[str, Any]]]:
    """Each page's text lines as pdfplumber sees them (text and horizontal extent); run in a child
    process (``run_isolated``), pdfminer being uninterruptible on a crafted file."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        if len(pdf.pages) > max_pages:
            raise TooManyPages(len(pdf.pages))
        pages = []
        for page in pdf.pages:
            lines = page.extract_text_lines(strip=True)
            pages.append([{"text": ln["text"], "x0": ln["x0"], "x1": ln["x1"]} for ln in lines])
            page.close()  # its parsed objects are not needed again
        return pages


def _page_lines(raw: list[dict[str, Any]]) -> list[_Line]:
    raw = [ln for ln in raw if not _PAGE_NUMBER.match(ln["text"])]
    raw = [ln for ln in raw if ln["text"].strip()]
    if not raw:
        return []
    widths = [(ln["x1"] - ln["x0"]) / len(ln["text"]) for ln in raw if len(ln["text"]) > 4]
    char_width = statistics.median(widths) if widths else 10.0
    left = min(ln["x0"] for ln in raw)
    right = max(ln["x1"] for ln in raw)
    return [_Line(_CJK_GAP.sub("", ln["text"]), ln["x0"], ln["x1"], char_width, left, right) for ln in raw]


def _paragraphs(visual: list[_Line]) -> list[SourceLine]:
    out: list[SourceLine] = []
    current = ""
    for index, line in enumerate(visual):
        current += line.text
        following = visual[index + 1] if index + 1 < len(visual) else None
        if following is None or not _continues(line, following):
            out.append(SourceLine(current, len(out) + 1))
            current = ""
    return out


def _continues(line: _Line, following: _Line) -> bool:
    reaches_right = line.x1 >= line.right - 1.5 * line.char_width
    indented = following.x0 >= following.left + 1.5 * following.char_width
    return reaches_right and not indented and not _STARTS_MARKER.match(following.text)
