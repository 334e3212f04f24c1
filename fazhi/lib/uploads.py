"""Upload checks: size, declared type (extension), real type (magic bytes), and what is inside.

Inside: a zip container (.docx, .xlsx, .ofd) by its central directory, before anything is
unpacked (``archives.check_zip``: total unpacked size, packing ratio, a DTD in an XML part); a PDF
must open as a PDF in pdfminer, with its pages counted, in a child process with a time and memory
limit (``isolated.run_isolated``): an executable after a ``%PDF-`` header is refused.

Framework-free: callers pass the name, the size and the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from .archives import ArchiveRefused, check_zip
from .errors import FazhiError
from .isolated import IsolatedError, run_isolated

MB = 1024 * 1024
# A PDF of evidence (a scanned file, a bound volume of minutes) may be long; beyond this it is no
# single piece of evidence. Counting even 2,000 pages takes pdfminer well under a second.
MAX_PDF_PAGES = 2000
PDF_SECONDS = 10  # what opening and counting may take before the file is refused
PDF_MEMORY = 512 * MB  # what it may take in memory


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
    if declared.zip_member:
        _check_zip(name, declared, stream)
    elif declared is PDF:
        _check_pdf(name, stream)
    return declared


def _check_zip(name: str, declared: FileType, stream: BinaryIO) -> None:
    broken = FazhiError(f"文件“{name}”不是有效的{declared.label}，可能已损坏。", "bad-content")
    try:
        parts = check_zip(stream)
    except ArchiveRefused as exc:
        if exc.code == "bad-zip":
            raise broken from exc
        raise FazhiError(f"文件“{name}”已被拒绝：{exc.message}。", "unsafe-content") from exc
    if declared.zip_member not in parts:
        raise broken


def _check_pdf(name: str, stream: BinaryIO) -> None:
    import pdfminer.pdfpage  # noqa: F401 - imported once here, each child starts with it

    stream.seek(0)
    data = stream.read()
    stream.seek(0)
    try:
        pages = run_isolated(lambda: _pdf_pages(data, MAX_PDF_PAGES), seconds=PDF_SECONDS, memory=PDF_MEMORY)
    except IsolatedError as exc:
        raise FazhiError(f"文件“{name}”{_pdf_trouble(exc)}", "bad-content") from exc
    if pages == 0:
        raise FazhiError(f"文件“{name}”是没有任何页面的 PDF，可能已损坏。", "bad-content")


def _pdf_trouble(exc: IsolatedError) -> str:
    if exc.error == "TooManyPages":
        return f"超过 {MAX_PDF_PAGES} 页，超过上限。请拆分后分别上传。"
    if exc.error in ("PDFPasswordIncorrect", "PDFEncryptionError"):
        return "设置了打开密码或使用了无法识别的加密方式，无法核验其内容：请上传未加密的 PDF。"
    if exc.kind in ("timeout", "memory"):
        spent = f"{PDF_SECONDS} 秒内未能打开" if exc.kind == "timeout" else "打开时所需内存超过上限"
        return (
            f"结构异常复杂，{spent}，已拒绝（可能是特殊构造的文件）：请用 PDF 阅读器另存或重新导出后再上传。"
        )
    return "不是有效的PDF 文件：无法解析其结构，可能已损坏，或是改了扩展名的其他文件。"


class TooManyPages(Exception):
    pass


def _pdf_pages(data: bytes, max_pages: int) -> int:
    """The number of pages pdfminer finds (run in the child process)."""
    import io

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    pages = 0
    for _page in PDFPage.create_pages(document):
        pages += 1
        if pages > max_pages:
            raise TooManyPages
    return pages


def check_spreadsheet(upload) -> FileType:
    """An uploaded Excel workbook (an import), within the site's upload limit."""
    from django.conf import settings

    return check_upload(
        upload.name, upload.size, upload, allowed=SPREADSHEET_TYPES, max_bytes=settings.FAZHI_MAX_UPLOAD_BYTES
    )
