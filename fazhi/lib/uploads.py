"""Upload checks: size, declared type (extension) and real type (magic bytes).

Framework-free: callers pass the name, the size and the first bytes of the file.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from .errors import FazhiError

MB = 1024 * 1024


@dataclass(frozen=True)
class FileType:
    extensions: tuple[str, ...]
    label: str
    magic: tuple[bytes, ...]
    zip_member: str = ""  # an OOXML file must contain this part


PDF = FileType((".pdf",), "PDF", (b"%PDF-",))
DOCX = FileType((".docx",), "Word 文档", (b"PK\x03\x04",), "word/document.xml")
XLSX = FileType((".xlsx",), "Excel 表格", (b"PK\x03\x04",), "xl/workbook.xml")
JPEG = FileType((".jpg", ".jpeg"), "JPEG 图片", (b"\xff\xd8\xff",))
PNG = FileType((".png",), "PNG 图片", (b"\x89PNG\r\n\x1a\n",))
OFD = FileType((".ofd",), "OFD 版式文件", (b"PK\x03\x04",), "OFD.xml")

EVIDENCE_TYPES = (PDF, DOCX, XLSX, JPEG, PNG, OFD)
SPREADSHEET_TYPES = (XLSX,)


def _human(size: int) -> str:
    return f"{size / MB:.1f} MB"


def check_upload(
    name: str, size: int, stream: BinaryIO, *, allowed: tuple[FileType, ...], max_bytes: int
) -> FileType:
    """Return the file's type, or raise FazhiError saying in Chinese what is wrong.

    The size is checked before anything is read; ``stream`` is left at its start.
    """
    if size == 0:
        raise FazhiError(f"文件“{name}”是空文件。", "empty-file")
    if size > max_bytes:
        raise FazhiError(f"文件“{name}”大小为 {_human(size)}，超过上限 {_human(max_bytes)}。", "too-large")
    lowered = name.lower()
    declared = next((t for t in allowed if lowered.endswith(t.extensions)), None)
    if declared is None:
        names = "、".join(ext for t in allowed for ext in t.extensions)
        raise FazhiError(f"不支持文件“{name}”的类型；只接受 {names} 文件。", "bad-type")
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    if not head.startswith(declared.magic):
        raise FazhiError(
            f"文件“{name}”的内容不是有效的{declared.label}，可能已损坏或扩展名不符。", "bad-content"
        )
    if declared.zip_member and not _zip_has(stream, declared.zip_member):
        raise FazhiError(f"文件“{name}”不是有效的{declared.label}，可能已损坏。", "bad-content")
    return declared


def _zip_has(stream: BinaryIO, member: str) -> bool:
    try:
        with zipfile.ZipFile(stream) as archive:
            return member in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        stream.seek(0)
