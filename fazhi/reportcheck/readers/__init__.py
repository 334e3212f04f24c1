"""Read a report file (.txt, .docx, .pdf) into lines; bad input raises ReportReadError."""

from __future__ import annotations

import stat
from pathlib import Path

from ..errors import ReportReadError
from .source import MAX_PARAGRAPHS, READ_SECONDS, SourceLine, to_lines
from .text import decode

# A yearly report is a few dozen KB of text; even a .docx with photos stays far
# below this. Larger files are refused before they are read into memory.
MAX_BYTES = 20 * 1024 * 1024
OLD_WORD = "不支持旧版 Word（.doc）或 WPS 格式：请另存为 .docx 后再试"

__all__ = ["MAX_BYTES", "MAX_PARAGRAPHS", "READ_SECONDS", "SourceLine", "read_lines", "to_lines"]


def read_lines(path: Path) -> list[SourceLine]:
    """The file's lines; ``ReportReadError`` when it is no report we can read, or passes the bounds:
    ``MAX_BYTES``, ``MAX_PARAGRAPHS`` (blank ones included), ``READ_SECONDS``, and for a .docx the
    zip-bomb checks, for a .pdf its pages (``pdf.MAX_PAGES``)."""
    data_kind, data = _kind(path)
    if data_kind == "docx":
        from .word import read_docx

        lines = read_docx(path)
    elif data_kind == "pdf":
        from .pdf import read_pdf

        lines = read_pdf(path)
    else:
        lines = to_lines(decode(data), limit=MAX_PARAGRAPHS)
    if not lines:
        raise ReportReadError(f"文件中没有文字内容：{path.name}")
    return lines


def _kind(path: Path) -> tuple[str, bytes]:
    """ "docx", "pdf" or "text", with a text file's bytes (read once: a suffix that does not say
    the format leaves it to the first bytes)."""
    try:
        status = path.stat()
    except OSError as exc:
        raise ReportReadError(f"无法打开文件：{path}") from exc
    if stat.S_ISDIR(status.st_mode):
        raise ReportReadError(f"这是一个目录，不是报告文件：{path}")
    size = status.st_size
    if size == 0:
        raise ReportReadError(f"文件为空：{path.name}")
    if size > MAX_BYTES:
        raise ReportReadError(
            f"文件过大（{size / 1024 / 1024:.0f} MB，上限 {MAX_BYTES // 1024 // 1024} MB）："
            "一份年度报告通常不超过几 MB，请确认文件是否正确"
        )
    suffix = path.suffix.lower()
    if suffix in (".doc", ".wps"):
        raise ReportReadError(OLD_WORD)
    if suffix in (".docx", ".pdf"):
        return suffix[1:], b""
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        return "pdf", b""
    if data.startswith(b"PK\x03\x04"):
        return "docx", b""
    return "text", data
